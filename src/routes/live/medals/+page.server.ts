import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { callerFor, loadCaller } from '$lib/server/trpc/http';
import { actionError, field } from '$lib/server/forms';
import { translate } from '$lib/i18n';

/** The medal table by street, rendered server-side, then live. `?all=0` shows medal winners only. */
export const load: PageServerLoad = async (event) => {
	const caller = await loadCaller(event);
	return {
		live: await caller.live.medals(),
		showAll: event.url.searchParams.get('all') !== '0',
		isOrganizer: event.locals.user?.role === 'organizer' && !event.locals.user.mustChangePassword
	};
};

export const actions: Actions = {
	/** The organizer sets the points per place (empty: medals only). */
	points: async (event) => {
		const text = field(await event.request.formData(), 'points').trim();
		const parts = text ? text.split(/[\s,，、;；]+/).filter(Boolean) : [];
		const points = parts.map(Number);
		if (points.some((n) => !Number.isInteger(n) || n < 0 || n > 1000) || points.length > 16) {
			return fail(400, {
				message: translate(event.locals.locale, 'live.points.invalid'),
				fieldErrors: { points: translate(event.locals.locale, 'live.points.invalid') },
				values: { points: text },
				saved: false
			});
		}
		const caller = await callerFor(event);
		try {
			await caller.live.setPointsTable({ points });
			return { saved: true };
		} catch (error) {
			return actionError(error, event.locals.locale, { points: text });
		}
	}
};
