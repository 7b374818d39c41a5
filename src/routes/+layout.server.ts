import type { LayoutServerLoad } from './$types';
import { messagesFor } from '$lib/i18n';
import { getApp } from '$lib/server/app';
import { editionTimeZone } from '$lib/server/clock';

/**
 * Who is logged in, the language, the edition's time zone and the texts of the current route's areas. It reads the
 * route id but not the URL, so it reruns only when a navigation changes the route (then the
 * texts of the new area travel), not on every search or parameter change.
 */
export const load: LayoutServerLoad = async ({ locals, route }) => ({
	user: locals.user,
	locale: locals.locale,
	messages: messagesFor(locals.locale, route.id),
	// the edition's clock: every time on every page is shown on it (see $lib/i18n/time)
	timeZone: await editionTimeZone((await getApp()).db)
});
