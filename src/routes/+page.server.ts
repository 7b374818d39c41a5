import type { PageServerLoad } from './$types';
import { loadCaller } from '$lib/server/trpc/http';

export const load: PageServerLoad = async (event) => {
	const caller = await loadCaller(event);
	return { overview: await caller.games.overview() };
};
