/** The athlete comes back with reference code + ID number. */
import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/http';
import { actionError, field } from '$lib/server/forms';
import { athleteCredentials, rememberAthlete } from '$lib/server/registration/athleteSession';

export const load: PageServerLoad = ({ cookies }) => {
	if (athleteCredentials(cookies)) redirect(303, '/entry/status');
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const credentials = { referenceCode: field(form, 'referenceCode'), residentId: field(form, 'residentId') };
		try {
			const caller = await callerFor(event);
			await caller.registration.athlete.status(credentials);
		} catch (error) {
			return actionError(error, event.locals.locale, { referenceCode: credentials.referenceCode });
		}
		rememberAthlete(event.cookies, credentials, event.url.protocol === 'https:');
		redirect(303, '/entry/status');
	}
};
