import type { PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/http';

/** The medal table by street, rendered server-side, then live. `?all=0` shows medal winners only. */
export const load: PageServerLoad = async (event) => {
	const caller = await callerFor(event);
	return { live: await caller.live.medals(), showAll: event.url.searchParams.get('all') !== '0' };
};
