import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/http';
import { actionError, field } from '$lib/server/forms';
import { translate } from '$lib/i18n';

export const load: PageServerLoad = ({ locals }) => {
	if (!locals.user) redirect(303, '/login');
	return { mustChange: locals.user.mustChangePassword };
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const next = field(form, 'next');
		if (next !== field(form, 'confirm')) {
			const message = translate(event.locals.locale, 'account.mismatch');
			return fail(400, { message, fieldErrors: { confirm: [message] } as Record<string, string[]>, saved: false });
		}
		try {
			const caller = await callerFor(event);
			await caller.auth.changePassword({ current: field(form, 'current'), next });
		} catch (error) {
			return actionError(error, event.locals.locale);
		}
		return { saved: true };
	}
};
