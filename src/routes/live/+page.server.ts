import type { PageServerLoad } from './$types';
import { loadCaller } from '$lib/server/trpc/http';

/** Now playing, rendered server-side with the room position the page goes live from. */
export const load: PageServerLoad = async (event) => {
	const caller = await loadCaller(event);
	const venues = await caller.live.venues();
	const venueId = event.url.searchParams.get('venue');
	const venue = venueId && venues.some((v) => v.id === venueId) ? venueId : null;
	const live = venue ? await caller.live.venue({ id: venue }) : await caller.live.nowPlaying();
	return { live, venues, venue };
};
