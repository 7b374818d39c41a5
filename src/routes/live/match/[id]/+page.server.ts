import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/http';
import { translate } from '$lib/i18n';

/** One match, rendered server-side with its room position; 404 for an unknown match. */
export const load: PageServerLoad = async (event) => {
	const caller = await callerFor(event);
	try {
		return { live: await caller.live.match({ id: event.params.id }) };
	} catch (e) {
		const code = (e as { code?: unknown } | null)?.code;
		if (code === 'NOT_FOUND' || code === 'BAD_REQUEST') {
			error(404, translate(event.locals.locale, 'live.not_found'));
		}
		throw e;
	}
};
