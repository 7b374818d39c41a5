import type { Actions, PageServerLoad } from './$types';
import { callerFor, loadCaller } from '$lib/server/trpc/http';
import { actionError, field } from '$lib/server/forms';

/** The organizer's matches: referee assignment and the unlock of a scoring device. */
export const load: PageServerLoad = async (event) => {
	const caller = await loadCaller(event);
	const status = event.url.searchParams.get('status') ?? undefined;
	const [matches, referees] = await Promise.all([
		caller.scoring.admin.matches(status ? { status } : undefined),
		caller.scoring.admin.referees()
	]);
	return { matches, referees, status: status ?? '' };
};

export const actions: Actions = {
	assign: async (event) => {
		const form = await event.request.formData();
		const matchId = field(form, 'matchId');
		try {
			const caller = await callerFor(event);
			await caller.scoring.admin.assignReferee({ matchId, refereeId: field(form, 'refereeId') || null });
			return { assigned: field(form, 'code') };
		} catch (error) {
			return actionError(error, event.locals.locale, { matchId });
		}
	},
	unlock: async (event) => {
		const form = await event.request.formData();
		const matchId = field(form, 'matchId');
		try {
			const caller = await callerFor(event);
			await caller.scoring.admin.unlock({ matchId, reason: field(form, 'reason') });
			return { unlocked: field(form, 'code') };
		} catch (error) {
			return actionError(error, event.locals.locale, { matchId });
		}
	}
};
