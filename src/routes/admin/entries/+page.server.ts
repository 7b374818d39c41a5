/** The organizer's overview of entries per category and per street against quotas; close registration. */
import { randomUUID } from 'node:crypto';
import type { Actions, PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/http';
import { actionError, field } from '$lib/server/forms';

export const load: PageServerLoad = async (event) => {
	const caller = await callerFor(event);
	return { overview: await caller.registration.entries.overview(), opId: randomUUID() };
};

export const actions: Actions = {
	close: async (event) => {
		const form = await event.request.formData();
		try {
			const caller = await callerFor(event);
			await caller.registration.entries.close({ opId: field(form, 'opId') });
			return { closed: true };
		} catch (error) {
			return actionError(error, event.locals.locale);
		}
	}
};
