import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { callerFor, loadCaller } from '$lib/server/trpc/http';
import { actionError, field } from '$lib/server/forms';
import { translate } from '$lib/i18n';

export const load: PageServerLoad = async (event) => {
	const caller = await loadCaller(event);
	const view = await caller.competition.draws.preview({ categoryId: event.params.id });
	// a Swiss event takes absences announced in advance, round by round
	const absences = view.category.format === 'swiss' ? await caller.callroom.absencePanel({ categoryId: event.params.id }) : null;
	return { view, absences };
};

export const actions: Actions = {
	generate: async (event) => {
		const form = await event.request.formData();
		const values = { seedString: field(form, 'seedString'), checkedInOnly: field(form, 'checkedInOnly') === 'on' };
		try {
			const caller = await callerFor(event);
			const result = await caller.competition.draws.generate({ categoryId: event.params.id, ...values, seedString: values.seedString || undefined });
			return { done: 'generated', seedString: result.seedString };
		} catch (error) {
			return actionError(error, event.locals.locale, values);
		}
	},
	close: async (event) => {
		try {
			const caller = await callerFor(event);
			await caller.competition.draws.close({ categoryId: event.params.id });
			return { done: 'closed' };
		} catch (error) {
			return actionError(error, event.locals.locale);
		}
	},
	publish: async (event) => {
		try {
			const caller = await callerFor(event);
			await caller.competition.draws.publish({ categoryId: event.params.id });
			return { done: 'published' };
		} catch (error) {
			return actionError(error, event.locals.locale);
		}
	},
	pairNext: async (event) => {
		try {
			const caller = await callerFor(event);
			const result = await caller.competition.draws.pairNext({ categoryId: event.params.id });
			return { done: 'paired', round: result.round };
		} catch (error) {
			return actionError(error, event.locals.locale);
		}
	},
	swap: async (event) => {
		const form = await event.request.formData();
		const values = { entryX: field(form, 'entryX'), entryY: field(form, 'entryY'), confirm: field(form, 'confirm') === 'on' };
		try {
			const caller = await callerFor(event);
			const result = await caller.competition.draws.swap({ categoryId: event.params.id, ...values });
			return { done: result.applied ? 'swapped' : 'swapWarnings', warnings: result.warnings, values };
		} catch (error) {
			return actionError(error, event.locals.locale, values);
		}
	},
	withdraw: async (event) => {
		const form = await event.request.formData();
		const values = { entryId: field(form, 'entryId'), reason: field(form, 'reason') };
		// Without JavaScript the first submit asks again in the page, naming who (ConfirmSubmit).
		if (field(form, 'confirmed') !== 'yes') return fail(400, { confirm: 'withdraw' as const, values });
		try {
			const caller = await callerFor(event);
			const result = await caller.competition.draws.withdraw({ categoryId: event.params.id, ...values });
			return { done: 'withdrawn', count: result.changed.length };
		} catch (error) {
			return actionError(error, event.locals.locale, values);
		}
	},
	absence: async (event) => {
		const form = await event.request.formData();
		const values = { entryId: field(form, 'absenceEntryId'), round: field(form, 'absenceRound'), reason: field(form, 'absenceReason') };
		if (!values.entryId || !values.round) return fail(400, { message: translate(event.locals.locale, 'callroom.absence.choose_first'), values });
		// Without JavaScript the first submit asks again in the page, naming who and which round (ConfirmSubmit).
		if (field(form, 'confirmed') !== 'yes') return fail(400, { confirm: 'absence' as const, values });
		try {
			const caller = await callerFor(event);
			const result = await caller.callroom.announceAbsence({ categoryId: event.params.id, entryId: values.entryId, round: Number(values.round), reason: values.reason });
			return { done: 'absent', round: result.round };
		} catch (error) {
			return actionError(error, event.locals.locale, values);
		}
	},
	absenceWithdraw: async (event) => {
		const form = await event.request.formData();
		const values = { entryId: field(form, 'entryId'), round: field(form, 'round') };
		if (field(form, 'confirmed') !== 'yes') return fail(400, { confirm: `absenceWithdraw:${values.entryId}:${values.round}`, values });
		try {
			const caller = await callerFor(event);
			await caller.callroom.withdrawAbsence({ categoryId: event.params.id, entryId: values.entryId, round: Number(values.round) });
			return { done: 'absenceWithdrawn' };
		} catch (error) {
			return actionError(error, event.locals.locale);
		}
	},
	replace: async (event) => {
		const form = await event.request.formData();
		const values = { fromEntryId: field(form, 'fromEntryId'), toEntryId: field(form, 'toEntryId'), reason: field(form, 'replaceReason') };
		try {
			const caller = await callerFor(event);
			await caller.competition.draws.replace({ categoryId: event.params.id, ...values });
			return { done: 'replaced' };
		} catch (error) {
			return actionError(error, event.locals.locale, values);
		}
	}
};
