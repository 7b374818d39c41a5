import { error, redirect } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';
import { translate } from '$lib/i18n';
import { AFTER_LOGIN_COOKIE, DEVICE_COOKIE } from '$lib/server/scoring/cookies';

/**
 * Referee pages: log in first (a table's QR page is remembered for after the login); each
 * tablet gets a device id that lasts, so it keeps control of the matches it scores. The pages
 * fill the screen without the site navigation (see +layout.svelte).
 */
export const load: LayoutServerLoad = ({ locals, url, cookies }) => {
	const secure = url.protocol === 'https:';
	if (!locals.user) {
		if (url.pathname.startsWith('/referee/table/')) {
			cookies.set(AFTER_LOGIN_COOKIE, url.pathname, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: 60 * 30 });
		}
		redirect(303, '/login');
	}
	if (locals.user.role !== 'referee' && locals.user.role !== 'organizer') error(403, translate(locals.locale, 'errors.forbidden'));
	let deviceId = cookies.get(DEVICE_COOKIE);
	if (!deviceId || !/^[A-Za-z0-9_-]{8,64}$/.test(deviceId)) {
		deviceId = `dev_${crypto.randomUUID().replace(/-/g, '')}`;
		cookies.set(DEVICE_COOKIE, deviceId, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: 60 * 60 * 24 * 365 });
	}
	// focusedLayout: the root layout leaves out the site's header and footer (a tablet app).
	return { deviceId, focusedLayout: true as const };
};
