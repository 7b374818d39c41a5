import type { LayoutServerLoad } from './$types';
import { messagesFor } from '$lib/i18n';

/**
 * Who is logged in, the language and the texts of the current route's areas. It reads the
 * route id but not the URL, so it reruns only when a navigation changes the route (then the
 * texts of the new area travel), not on every search or parameter change.
 */
export const load: LayoutServerLoad = ({ locals, route }) => ({
	user: locals.user,
	locale: locals.locale,
	messages: messagesFor(locals.locale, route.id)
});
