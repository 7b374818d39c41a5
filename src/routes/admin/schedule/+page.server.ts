import type { Actions, PageServerLoad } from './$types';
import { callerFor, loadCaller } from '$lib/server/trpc/http';
import { fromZonedInput } from '$lib/i18n/time';
import { getApp } from '$lib/server/app';
import { editionTimeZone } from '$lib/server/clock';
import { actionError, field } from '$lib/server/forms';

const rest = (url: URL) => {
	const n = Number(url.searchParams.get('rest') ?? '1');
	return Number.isInteger(n) && n >= 0 && n <= 4 ? n : 1;
};

export const load: PageServerLoad = async (event) => {
	const caller = await loadCaller(event);
	const venues = await caller.competition.venues();
	const venueId = event.url.searchParams.get('venue') || venues[0]?.id || null;
	const minRestSlots = rest(event.url);
	const schedule = venueId ? await caller.competition.schedule.view({ venueId, minRestSlots }) : null;
	return { venues, venueId, schedule, minRestSlots };
};

export const actions: Actions = {
	plan: async (event) => {
		const form = await event.request.formData();
		const values = {
			startAt: field(form, 'startAt'),
			slotMinutes: field(form, 'slotMinutes'),
			minRestSlots: field(form, 'minRestSlots'),
			replan: field(form, 'replan')
		};
		try {
			const caller = await callerFor(event);
			const local = values.startAt;
			// datetime-local has no zone: it is read on the edition's clock
			const startAt = fromZonedInput(local, await editionTimeZone((await getApp()).db))?.toISOString() ?? local;
			const result = await caller.competition.schedule.plan({
				venueId: field(form, 'venueId'),
				startAt,
				slotMinutes: Number(values.slotMinutes),
				minRestSlots: Number(values.minRestSlots),
				replan: values.replan === 'on',
				confirm: field(form, 'confirm') === 'yes'
			});
			if (result.needsConfirmation) return { done: 'confirmPlan', affected: result.affected, values };
			return { done: 'planned', placed: result.placed, moved: result.moved, unscheduled: result.unscheduled, affected: result.affected };
		} catch (error) {
			return actionError(error, event.locals.locale, values);
		}
	},
	publish: async (event) => {
		const form = await event.request.formData();
		try {
			const caller = await callerFor(event);
			const result = await caller.competition.schedule.publish({ venueId: field(form, 'venueId') });
			return { done: 'published', count: result.published };
		} catch (error) {
			return actionError(error, event.locals.locale);
		}
	},
	move: async (event) => {
		const form = await event.request.formData();
		const values = { matchId: field(form, 'matchId'), venueTableId: field(form, 'venueTableId'), slot: field(form, 'slot') };
		try {
			const caller = await callerFor(event);
			const result = await caller.competition.schedule.move({
				matchId: values.matchId,
				venueTableId: values.venueTableId,
				slot: Number(values.slot) - 1,
				minRestSlots: rest(event.url),
				confirm: field(form, 'confirm') === 'yes'
			});
			if (result.needsConfirmation) return { done: 'confirmMove', affected: result.affected, values };
			return { done: 'moved', conflicts: result.conflicts.map((c) => ({ code: c.code, params: c.params })) };
		} catch (error) {
			return actionError(error, event.locals.locale);
		}
	},
	referee: async (event) => {
		const form = await event.request.formData();
		try {
			const caller = await callerFor(event);
			await caller.competition.schedule.tableReferee({
				venueTableId: field(form, 'venueTableId'),
				refereeId: field(form, 'refereeId') || null
			});
			return { done: 'assigned' };
		} catch (error) {
			return actionError(error, event.locals.locale);
		}
	},
	tableUse: async (event) => {
		const form = await event.request.formData();
		try {
			const caller = await callerFor(event);
			const outOfUse = field(form, 'outOfUse') === 'yes';
			const result = await caller.competition.schedule.tableInUse({ venueTableId: field(form, 'venueTableId'), outOfUse });
			return { done: outOfUse ? 'markedOut' : 'markedIn', queued: result.queued, tableId: field(form, 'venueTableId') };
		} catch (error) {
			return actionError(error, event.locals.locale);
		}
	},
	delay: async (event) => {
		const form = await event.request.formData();
		const values = {
			venueTableId: field(form, 'venueTableId'),
			kind: field(form, 'kind'),
			minutes: field(form, 'minutes'),
			toTableId: field(form, 'toTableId')
		};
		try {
			const caller = await callerFor(event);
			const result = await caller.competition.schedule.delay({
				venueTableId: values.venueTableId,
				action:
					values.kind === 'shift'
						? { kind: 'shift', minutes: Number(values.minutes) }
						: { kind: 'move', ...(values.toTableId ? { toTableId: values.toTableId } : {}) },
				minRestSlots: rest(event.url),
				confirm: field(form, 'confirm') === 'yes',
				token: field(form, 'token') || undefined
			});
			return { done: result.applied ? 'delayed' : 'delayPreview', affected: result.affected, unplaced: result.unplaced, token: result.token, values };
		} catch (error) {
			return actionError(error, event.locals.locale, values);
		}
	}
};
