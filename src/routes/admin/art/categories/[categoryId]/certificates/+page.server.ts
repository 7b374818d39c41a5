import type { PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/http';

/** Printable certificates: one page per award and per selection. */
export const load: PageServerLoad = async (event) => ({
	final: await (await callerFor(event)).art.admin.finalResults({ artCategoryId: event.params.categoryId })
});
