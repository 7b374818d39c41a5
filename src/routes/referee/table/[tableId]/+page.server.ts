import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { loadCaller } from '$lib/server/trpc/http';

/**
 * A table's QR code lands here: the referee's next unfinished match at this table opens at
 * once; otherwise the page lists what there is.
 */
export const load: PageServerLoad = async (event) => {
	const caller = await loadCaller(event);
	const matches = await caller.scoring.myMatches({ tableId: event.params.tableId });
	const next = matches.find((m) => m.status !== 'finished' && m.status !== 'walkover');
	if (next) redirect(303, `/referee/match/${next.id}`);
	const table = matches[0]?.table ?? null;
	return { matches, table };
};
