import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/http';
import { translate } from '$lib/i18n';

/** A street's entries and results (names and results only), server-side first, then live. */
export const load: PageServerLoad = async (event) => {
	const caller = await callerFor(event);
	try {
		return { live: await caller.live.street({ code: event.params.code.toUpperCase() }) };
	} catch (e) {
		const code = (e as { code?: unknown } | null)?.code;
		if (code === 'NOT_FOUND' || code === 'BAD_REQUEST') {
			error(404, translate(event.locals.locale, 'live.not_found'));
		}
		throw e;
	}
};
