/** The venue desk: scan the QR code or type the reference code, see the athlete, mark present. */
import { randomUUID } from 'node:crypto';
import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/http';
import { actionError, field } from '$lib/server/forms';
import { translate } from '$lib/i18n';

export const load: PageServerLoad = ({ locals, url }) => {
	if (!locals.user) redirect(303, `/login?next=${encodeURIComponent(url.pathname)}`);
	if (locals.user.role !== 'organizer' && locals.user.role !== 'referee') error(403, translate(locals.locale, 'errors.forbidden'));
	return { opId: randomUUID() };
};

export const actions: Actions = {
	lookup: async (event) => {
		const form = await event.request.formData();
		const code = field(form, 'code');
		try {
			const caller = await callerFor(event);
			return { athlete: await caller.registration.checkin.lookup({ code }), code };
		} catch (e) {
			return actionError(e, event.locals.locale, { code });
		}
	},
	mark: async (event) => {
		const form = await event.request.formData();
		const code = field(form, 'code');
		try {
			const caller = await callerFor(event);
			const result = await caller.registration.checkin.mark({ code, opId: field(form, 'opId') });
			return { marked: result };
		} catch (e) {
			return actionError(e, event.locals.locale, { code });
		}
	}
};
