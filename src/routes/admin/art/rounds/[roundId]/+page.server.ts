import { error } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';
import type { PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/http';
import { translate } from '$lib/i18n';

/** A round's breakdown, juror progress and outliers. */
export const load: PageServerLoad = async (event) => {
	try {
		return { results: await (await callerFor(event)).art.admin.results({ roundId: event.params.roundId }) };
	} catch (e) {
		if (e instanceof TRPCError && e.code === 'NOT_FOUND') error(404, translate(event.locals.locale, 'art.round_not_found'));
		throw e;
	}
};
