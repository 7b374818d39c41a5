import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/http';
import { field } from '$lib/server/forms';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		if (event.locals.user) {
			const caller = await callerFor(event);
			await caller.auth.logout({ everywhere: field(form, 'everywhere') === 'true' });
		}
		redirect(303, '/');
	}
};
