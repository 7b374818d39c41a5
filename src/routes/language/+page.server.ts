import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { LOCALE_COOKIE, toLocale } from '$lib/i18n';
import { field } from '$lib/server/forms';

/** Only paths on this site, so the switch cannot be abused as an open redirect. */
function safePath(value: string): string {
	return value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : '/';
}

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ request, cookies }) => {
		const form = await request.formData();
		cookies.set(LOCALE_COOKIE, toLocale(field(form, 'locale')), {
			path: '/',
			httpOnly: false,
			sameSite: 'lax',
			maxAge: 60 * 60 * 24 * 365
		});
		redirect(303, safePath(field(form, 'redirectTo')));
	}
};
