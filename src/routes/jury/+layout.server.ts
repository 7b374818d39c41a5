import { error, redirect } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';
import { translate } from '$lib/i18n';

/** Juror pages: log in first; other roles get a clear refusal. */
export const load: LayoutServerLoad = ({ locals, url }) => {
	if (!locals.user) redirect(303, `/login?next=${encodeURIComponent(url.pathname)}`);
	if (locals.user.role !== 'juror') error(403, translate(locals.locale, 'errors.forbidden'));
};
