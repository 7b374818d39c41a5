import { error } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';
import type { PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/http';
import { translate } from '$lib/i18n';

/** One published work, with the previous/next work of the listing it was opened from. */
export const load: PageServerLoad = async (event) => {
	const number = Number(event.params.number);
	if (!Number.isInteger(number) || number < 1) error(404, translate(event.locals.locale, 'art.entry_not_found'));
	const category = event.url.searchParams.get('category') ?? undefined;
	const street = event.url.searchParams.get('street') ?? undefined;
	const caller = await callerFor(event);
	try {
		const view = await caller.art.gallery.entry({
			number,
			category: category && /^[a-z][a-z0-9-]{0,30}$/.test(category) ? category : undefined,
			street: street && /^S\d{2}$/.test(street) ? street : undefined
		});
		return { ...view, query: event.url.search };
	} catch (e) {
		if (e instanceof TRPCError && (e.code === 'NOT_FOUND' || e.code === 'BAD_REQUEST')) error(404, translate(event.locals.locale, 'art.entry_not_found'));
		throw e;
	}
};
