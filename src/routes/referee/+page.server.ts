import { error, redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { loadCaller } from '$lib/server/trpc/http';
import { translate } from '$lib/i18n';
import { AFTER_LOGIN_COOKIE } from '$lib/server/scoring/cookies';

/** The referee's matches in playing order (or the table whose QR code brought them here). */
export const load: PageServerLoad = async (event) => {
	const next = event.cookies.get(AFTER_LOGIN_COOKIE);
	if (next) {
		event.cookies.delete(AFTER_LOGIN_COOKIE, { path: '/' });
		if (/^\/referee\/table\/[A-Za-z0-9_-]{1,64}$/.test(next)) redirect(303, next);
	}
	if (event.locals.user?.role !== 'referee') error(403, translate(event.locals.locale, 'errors.forbidden'));
	const caller = await loadCaller(event);
	return { matches: await caller.scoring.myMatches() };
};
