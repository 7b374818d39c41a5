import type { PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/http';

export const load: PageServerLoad = async (event) => {
	event.depends(`app:category:${event.params.id}`);
	const caller = await callerFor(event);
	return { view: await caller.competition.category({ id: event.params.id }) };
};
