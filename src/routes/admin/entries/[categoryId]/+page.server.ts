import type { PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/http';

/** The entries of one category (numbers masked). */
export const load: PageServerLoad = async (event) => {
	const caller = await callerFor(event);
	return { list: await caller.registration.entries.list({ categoryId: event.params.categoryId }) };
};
