import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals, url }) => ({
	user: locals.user,
	locale: locals.locale,
	path: url.pathname + url.search
});
