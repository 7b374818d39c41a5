import type { LayoutServerLoad } from './$types';
import { messagesFor } from '$lib/i18n';

/**
 * Who is logged in, the language and its texts. It reads no URL, so it runs once per page load
 * (and after form actions), not on every client-side navigation: the texts travel once.
 */
export const load: LayoutServerLoad = ({ locals }) => ({
	user: locals.user,
	locale: locals.locale,
	messages: messagesFor(locals.locale)
});
