import type { PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/http';

/** The printable exhibition catalogue of a category. */
export const load: PageServerLoad = async (event) => ({
	final: await (await callerFor(event)).art.admin.finalResults({ artCategoryId: event.params.categoryId })
});
