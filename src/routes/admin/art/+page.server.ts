import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { callerFor, loadCaller } from '$lib/server/trpc/http';
import { actionError, field } from '$lib/server/forms';
import { translate } from '$lib/i18n';
import { fromZonedInput, toZonedInput } from '$lib/i18n/time';
import { getApp } from '$lib/server/app';
import { editionTimeZone } from '$lib/server/clock';

const clock = async () => editionTimeZone((await getApp()).db);

export const load: PageServerLoad = async (event) => {
	const caller = await loadCaller(event);
	const overview = await caller.art.admin.overview();
	// the datetime-local fields show the window on the edition's clock, not the server's
	const timeZone = await clock();
	return { overview, windowInput: { opensAt: toZonedInput(overview.window.opensAt, timeZone), closesAt: toZonedInput(overview.window.closesAt, timeZone) } };
};

const num = (text: string) => (text.trim() === '' ? NaN : Number(text.trim().replace(/[\uFF10-\uFF19\uFF0E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))));

export const actions: Actions = {
	saveWindow: async (event) => {
		const form = await event.request.formData();
		const values = { opensAt: field(form, 'opensAt'), closesAt: field(form, 'closesAt') };
		try {
			const timeZone = await clock();
			const instant = (text: string) => fromZonedInput(text, timeZone)?.toISOString() ?? text;
			await (await callerFor(event)).art.admin.setWindow({ opensAt: instant(values.opensAt), closesAt: instant(values.closesAt) });
			return { done: 'window' };
		} catch (e) {
			return actionError(e, event.locals.locale, { ...values, form: 'window' });
		}
	},
	saveCategory: async (event) => {
		const form = await event.request.formData();
		const quota = field(form, 'streetQuota').trim();
		const values = {
			id: field(form, 'id') || undefined,
			key: field(form, 'key'),
			nameZh: field(form, 'nameZh'),
			nameEn: field(form, 'nameEn'),
			kind: field(form, 'kind') === 'performance' ? ('performance' as const) : ('visual' as const),
			streetQuota: quota === '' ? null : num(quota),
			sortOrder: num(field(form, 'sortOrder')) || 0
		};
		try {
			await (await callerFor(event)).art.admin.saveCategory(values);
			return { done: 'category' };
		} catch (e) {
			return actionError(e, event.locals.locale, { ...values, form: `category-${values.id ?? 'new'}` });
		}
	},
	savePanel: async (event) => {
		const form = await event.request.formData();
		const artCategoryId = field(form, 'artCategoryId');
		const criteriaText = field(form, 'criteria');
		const criteria = [];
		for (const line of criteriaText.split(/\r?\n/).map((l) => l.trim()).filter(Boolean)) {
			const [key, nameZh, nameEn, weight] = line.split('|').map((p) => p.trim());
			if (!key || !nameZh || !nameEn || !weight || Number.isNaN(num(weight))) {
				return fail(400, { message: translate(event.locals.locale, 'art.criteria_invalid'), fieldErrors: {}, values: { form: `panel-${artCategoryId}` } });
			}
			criteria.push({ key, nameZh, nameEn, weight: num(weight) });
		}
		const values = {
			artCategoryId,
			name: field(form, 'name'),
			scaleMin: num(field(form, 'scaleMin')),
			scaleMax: num(field(form, 'scaleMax')),
			scaleStep: num(field(form, 'scaleStep')),
			criteria,
			jurorIds: form.getAll('jurorIds').filter((v): v is string => typeof v === 'string')
		};
		for (const k of ['scaleMin', 'scaleMax', 'scaleStep'] as const) {
			if (Number.isNaN(values[k])) {
				return fail(400, { message: translate(event.locals.locale, 'art.number_invalid'), fieldErrors: { [k]: [translate(event.locals.locale, 'art.number_invalid')] }, values: { form: `panel-${artCategoryId}` } });
			}
		}
		try {
			await (await callerFor(event)).art.admin.savePanel(values);
			return { done: 'panel' };
		} catch (e) {
			return actionError(e, event.locals.locale, { form: `panel-${artCategoryId}` });
		}
	},
	openRound: async (event) => {
		const form = await event.request.formData();
		const top = field(form, 'shortlistTop').trim();
		try {
			await (await callerFor(event)).art.admin.openRound({ panelId: field(form, 'panelId'), shortlistTop: top ? num(top) : null });
			return { done: 'roundOpened' };
		} catch (e) {
			return actionError(e, event.locals.locale, { form: `rounds-${field(form, 'panelId')}` });
		}
	},
	closeRound: async (event) => {
		const form = await event.request.formData();
		try {
			await (await callerFor(event)).art.admin.closeRound({ roundId: field(form, 'roundId') });
			return { done: 'roundClosed' };
		} catch (e) {
			return actionError(e, event.locals.locale, { form: 'rounds' });
		}
	}
};
