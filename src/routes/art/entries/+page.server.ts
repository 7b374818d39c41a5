import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { callerFor, loadCaller } from '$lib/server/trpc/http';
import { actionError, field } from '$lib/server/forms';
import { artConfig } from '$lib/server/art/config';
import { MAX_IMAGES } from '$lib/domain/art/entries';
import { translate } from '$lib/i18n';

/** Street coordinators (their street) and organizers (any street) submit art entries here. */
export const load: PageServerLoad = async (event) => {
	const user = event.locals.user;
	if (!user) redirect(303, `/login?next=${encodeURIComponent(event.url.pathname)}`);
	if (user.role !== 'coordinator' && user.role !== 'organizer') error(403, translate(event.locals.locale, 'errors.forbidden'));
	const caller = await loadCaller(event);
	const [options, entries] = await Promise.all([caller.art.entries.formOptions(), caller.art.entries.mine()]);
	return { options, entries };
};

const valuesOf = (form: FormData) => ({
	artCategoryId: field(form, 'artCategoryId'),
	title: field(form, 'title'),
	authorName: field(form, 'authorName'),
	authorAthleteId: field(form, 'authorAthleteId'),
	coAuthors: field(form, 'coAuthors'),
	streetId: field(form, 'streetId'),
	year: field(form, 'year'),
	dimensions: field(form, 'dimensions'),
	technique: field(form, 'technique'),
	statement: field(form, 'statement'),
	alts: Array.from({ length: MAX_IMAGES }, (_, i) => field(form, `alt${i + 1}`))
});

export const actions: Actions = {
	submit: async (event) => {
		const { maxImageBytes } = artConfig();
		const limit = maxImageBytes * MAX_IMAGES + 1024 * 1024;
		// Refuse an oversized upload from its declared length, before reading the body.
		const declared = Number(event.request.headers.get('content-length') ?? '0');
		if (declared > limit) {
			return fail(413, { message: translate(event.locals.locale, 'art.upload_too_large', { max: Math.floor(limit / (1024 * 1024)) }), fieldErrors: {}, values: null });
		}
		const form = await event.request.formData();
		const values = valuesOf(form);
		const images: Array<{ data: Uint8Array; altText: string }> = [];
		for (let i = 1; i <= MAX_IMAGES; i++) {
			const file = form.get(`image${i}`);
			if (!(file instanceof File) || file.size === 0) continue;
			if (file.size > maxImageBytes) {
				return fail(413, {
					message: translate(event.locals.locale, 'art.image_too_large', { number: i, max: Math.floor(maxImageBytes / (1024 * 1024)) }),
					fieldErrors: { [`image${i}`]: [translate(event.locals.locale, 'art.image_too_large', { number: i, max: Math.floor(maxImageBytes / (1024 * 1024)) })] },
					values
				});
			}
			images.push({ data: new Uint8Array(await file.arrayBuffer()), altText: field(form, `alt${i}`) });
		}
		const year = values.year.trim() === '' ? null : Number(values.year);
		try {
			const caller = await callerFor(event);
			const entry = await caller.art.entries.submit({
				artCategoryId: values.artCategoryId,
				title: values.title,
				authorName: values.authorName,
				authorAthleteId: values.authorAthleteId || null,
				coAuthors: values.coAuthors,
				streetId: values.streetId || null,
				year: year === null || Number.isNaN(year) ? null : year,
				dimensions: values.dimensions,
				technique: values.technique,
				statement: values.statement,
				images
			});
			return { submitted: { reference: entry.referenceCode, number: entry.number } };
		} catch (e) {
			return actionError(e, event.locals.locale, values);
		}
	},
	withdraw: async (event) => {
		const form = await event.request.formData();
		try {
			const caller = await callerFor(event);
			await caller.art.entries.withdraw({ entryId: field(form, 'entryId') });
			return { withdrawn: true };
		} catch (e) {
			return actionError(e, event.locals.locale);
		}
	}
};
