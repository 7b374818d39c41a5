import type { PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/http';

export const load: PageServerLoad = async (event) => {
	const caller = await callerFor(event);
	return { streets: await caller.live.streets() };
};
