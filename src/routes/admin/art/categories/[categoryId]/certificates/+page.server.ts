import type { PageServerLoad } from './$types';
import { loadCaller } from '$lib/server/trpc/http';

/** Printable certificates: one page per award and per selection. */
export const load: PageServerLoad = async (event) => ({
	final: await (await loadCaller(event)).art.admin.finalResults({ artCategoryId: event.params.categoryId })
});
