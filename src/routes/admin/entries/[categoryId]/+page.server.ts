import type { PageServerLoad } from './$types';
import { loadCaller } from '$lib/server/trpc/http';

/** The entries of one category (numbers masked). */
export const load: PageServerLoad = async (event) => {
	const caller = await loadCaller(event);
	return { list: await caller.registration.entries.list({ categoryId: event.params.categoryId }) };
};
