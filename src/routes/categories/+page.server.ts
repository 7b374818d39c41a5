import type { PageServerLoad } from './$types';
import { loadCaller } from '$lib/server/trpc/http';

export const load: PageServerLoad = async (event) => {
	const caller = await loadCaller(event);
	const [categories, venues] = await Promise.all([caller.competition.categories(), caller.competition.venues()]);
	return { categories, venues };
};
