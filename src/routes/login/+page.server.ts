import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/http';
import { actionError, field } from '$lib/server/forms';
import { homeOf } from '$lib/roles';

export const load: PageServerLoad = ({ locals }) => {
	if (locals.user) redirect(303, homeOf(locals.user.role));
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const username = field(form, 'username');
		const caller = await callerFor(event);
		let user;
		try {
			user = await caller.auth.login({ username, password: field(form, 'password') });
		} catch (error) {
			return actionError(error, event.locals.locale, { username });
		}
		redirect(303, user.mustChangePassword ? '/account/password' : homeOf(user.role));
	}
};
