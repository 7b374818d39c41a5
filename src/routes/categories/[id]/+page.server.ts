import type { PageServerLoad } from './$types';
import { loadCaller } from '$lib/server/trpc/http';

export const load: PageServerLoad = async (event) => {
	event.depends(`app:category:${event.params.id}`);
	const caller = await loadCaller(event);
	return { view: await caller.competition.category({ id: event.params.id }) };
};
