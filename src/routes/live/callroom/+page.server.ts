import type { PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/http';

/**
 * The call room: the matches called now (names, table, time), server-rendered with the room
 * position the page goes live from, and each table's next match. Optionally one venue.
 */
export const load: PageServerLoad = async (event) => {
	const caller = await callerFor(event);
	const venues = await caller.live.venues();
	const venueId = event.url.searchParams.get('venue');
	const venue = venueId && venues.some((v) => v.id === venueId) ? venueId : null;
	const [live, board] = await Promise.all([
		venue ? caller.live.venue({ id: venue }) : caller.live.nowPlaying(),
		caller.callroom.board(venue ? { venueId: venue } : undefined)
	]);
	return { live, next: board.next, venues, venue };
};
