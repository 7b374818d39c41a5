import { error, fail } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';
import type { Actions, PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/http';
import { actionError, field } from '$lib/server/forms';
import { translate } from '$lib/i18n';

/** The final ranking of a category: selections by quota, awards, publication. */
export const load: PageServerLoad = async (event) => {
	try {
		return { final: await (await callerFor(event)).art.admin.finalResults({ artCategoryId: event.params.categoryId }) };
	} catch (e) {
		if (e instanceof TRPCError && e.code === 'NOT_FOUND') error(404, translate(event.locals.locale, 'art.category_not_found'));
		throw e;
	}
};

const LEVELS = ['first', 'second', 'third', 'excellence'] as const;

export const actions: Actions = {
	select: async (event) => {
		const form = await event.request.formData();
		const text = field(form, 'quotas');
		const quotas = [];
		for (const line of text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean)) {
			const match = /^([a-z][a-z0-9-]{0,30})\s*[=＝:：]\s*(\d{1,4})$/.exec(line);
			if (!match) return fail(400, { message: translate(event.locals.locale, 'art.quotas_invalid'), fieldErrors: {}, values: { quotas: text } });
			quotas.push({ list: match[1] as string, size: Number(match[2]) });
		}
		if (!quotas.length) return fail(400, { message: translate(event.locals.locale, 'art.quotas_invalid'), fieldErrors: {}, values: { quotas: text } });
		try {
			const lists = await (await callerFor(event)).art.admin.selectByQuota({ artCategoryId: event.params.categoryId, quotas });
			return { lists: lists.map((l) => ({ list: l.list, selected: l.selected.length, tied: l.tiedAtCutoff.length, open: l.openPlaces })), values: { quotas: text } };
		} catch (e) {
			return actionError(e, event.locals.locale, { quotas: text });
		}
	},
	award: async (event) => {
		const form = await event.request.formData();
		const level = field(form, 'level');
		try {
			await (await callerFor(event)).art.admin.setAward({
				entryId: field(form, 'entryId'),
				level: (LEVELS as readonly string[]).includes(level) ? (level as (typeof LEVELS)[number]) : null
			});
			return { done: 'award' };
		} catch (e) {
			return actionError(e, event.locals.locale);
		}
	},
	toggleSelection: async (event) => {
		const form = await event.request.formData();
		try {
			await (await callerFor(event)).art.admin.setSelection({ entryId: field(form, 'entryId'), list: field(form, 'list'), selected: field(form, 'selected') === 'true' });
			return { done: 'selection' };
		} catch (e) {
			return actionError(e, event.locals.locale);
		}
	},
	publish: async (event) => {
		const form = await event.request.formData();
		try {
			const published = field(form, 'published') === 'true';
			// Without JavaScript withdrawing the publication asks again in the page (ConfirmSubmit).
			if (!published && field(form, 'confirmed') !== 'yes') return fail(400, { confirm: 'unpublish' as const });
			await (await callerFor(event)).art.admin.publish({ artCategoryId: event.params.categoryId, published });
			return { done: published ? 'published' : 'unpublished' };
		} catch (e) {
			return actionError(e, event.locals.locale);
		}
	}
};
