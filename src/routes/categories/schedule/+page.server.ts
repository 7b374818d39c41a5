import type { PageServerLoad } from './$types';
import { loadCaller } from '$lib/server/trpc/http';

/** The printable order of play: a venue, optionally one table or one athlete. */
export const load: PageServerLoad = async (event) => {
	const caller = await loadCaller(event);
	const venues = await caller.competition.venues();
	const venueId = event.url.searchParams.get('venue') || venues[0]?.id;
	const tableId = event.url.searchParams.get('table') || undefined;
	const athleteId = event.url.searchParams.get('athlete') || undefined;
	const schedule = venueId ? await caller.competition.schedule.print({ venueId, tableId, athleteId }) : null;
	return { venues, schedule, venueId: venueId ?? null, tableId: tableId ?? null, athleteId: athleteId ?? null };
};
