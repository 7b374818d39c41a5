import { error, redirect } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';
import type { Actions, PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/http';
import { actionError, field } from '$lib/server/forms';
import { formatError } from '$lib/server/trpc/format';

/** One entry at a time (?entry=<id>), blind; the first unscored one by default. */
export const load: PageServerLoad = async (event) => {
	const entryId = event.url.searchParams.get('entry') ?? undefined;
	try {
		const view = await (await callerFor(event)).art.jury.entry({ roundId: event.params.roundId, entryId: entryId && entryId.length <= 40 ? entryId : undefined });
		return { view };
	} catch (e) {
		if (e instanceof TRPCError && (e.code === 'NOT_FOUND' || e.code === 'FORBIDDEN')) {
			error(e.code === 'FORBIDDEN' ? 403 : 404, formatError(e, event.locals.locale).message);
		}
		throw e;
	}
};

export const actions: Actions = {
	score: async (event) => {
		const form = await event.request.formData();
		const entryId = field(form, 'entryId');
		const criteria: Record<string, string> = {};
		for (const [name, value] of form.entries()) {
			if (name.startsWith('c_') && typeof value === 'string') criteria[name.slice(2)] = value;
		}
		const values = { score: field(form, 'score'), criteria };
		let saved;
		try {
			saved = await (await callerFor(event)).art.jury.score({
				roundId: event.params.roundId,
				entryId,
				...(Object.keys(criteria).length ? { criteria } : { score: values.score })
			});
		} catch (e) {
			return actionError(e, event.locals.locale, values);
		}
		const next = field(form, 'next');
		if (next) redirect(303, `/jury/${event.params.roundId}?entry=${encodeURIComponent(next)}&saved=${encodeURIComponent(String(saved.score))}&savedNo=${encodeURIComponent(field(form, "number"))}`);
		return { saved: { score: saved.score } };
	},
	conflict: async (event) => {
		const form = await event.request.formData();
		try {
			await (await callerFor(event)).art.jury.declareConflict({ roundId: event.params.roundId, entryId: field(form, 'entryId'), conflict: field(form, 'conflict') === 'true' });
			return { conflictSaved: true };
		} catch (e) {
			return actionError(e, event.locals.locale);
		}
	}
};
