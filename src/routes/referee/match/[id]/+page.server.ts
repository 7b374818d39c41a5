import type { PageServerLoad } from './$types';
import { loadCaller } from '$lib/server/trpc/http';

/** The console view of one match, with this tablet's device id (from the referee layout). */
export const load: PageServerLoad = async (event) => {
	const caller = await loadCaller(event);
	const { deviceId } = await event.parent();
	return { match: await caller.scoring.match({ matchId: event.params.id }), deviceId, watchOnly: event.locals.user?.role !== 'referee' };
};
