import type { PageServerLoad } from './$types';
import { loadCaller } from '$lib/server/trpc/http';

/** The printable exhibition catalogue of a category. */
export const load: PageServerLoad = async (event) => ({
	final: await (await loadCaller(event)).art.admin.finalResults({ artCategoryId: event.params.categoryId })
});
