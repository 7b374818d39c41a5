/** The organizer's overview of entries per category and per street against quotas; close registration. */
import { randomUUID } from 'node:crypto';
import { fail } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';
import type { Actions, PageServerLoad } from './$types';
import { callerFor, loadCaller } from '$lib/server/trpc/http';
import { actionError, field } from '$lib/server/forms';
import { RegistrationRefused } from '$lib/server/registration/common';
import { translate } from '$lib/i18n';
import { fromZonedInput } from '$lib/i18n/time';
import { getApp } from '$lib/server/app';
import { editionTimeZone } from '$lib/server/clock';

export const load: PageServerLoad = async (event) => {
	const caller = await loadCaller(event);
	return { overview: await caller.registration.entries.overview(), opId: randomUUID() };
};

export const actions: Actions = {
	close: async (event) => {
		const form = await event.request.formData();
		// Without JavaScript the first submit asks again in the page (ConfirmSubmit).
		if (field(form, 'confirmed') !== 'yes') return fail(400, { confirm: 'close' as const });
		try {
			const caller = await callerFor(event);
			await caller.registration.entries.close({ opId: field(form, 'opId') });
			return { closed: true };
		} catch (error) {
			return actionError(error, event.locals.locale);
		}
	},
	reopen: async (event) => {
		const form = await event.request.formData();
		const until = field(form, 'closesAt');
		try {
			const caller = await callerFor(event);
			// typed on the edition's clock (datetime-local, no zone) → an instant
			const closesAt = fromZonedInput(until, await editionTimeZone((await getApp()).db))?.toISOString() ?? until;
			await caller.registration.entries.reopen({ opId: field(form, 'opId'), closesAt });
			return { reopened: true };
		} catch (error) {
			if (error instanceof TRPCError && error.cause instanceof RegistrationRefused) {
				const problem = error.cause.problems[0];
				return fail(422, { message: translate(event.locals.locale, problem?.code ?? 'errors.bad_request', problem?.params ?? {}), values: { closesAt: until } });
			}
			return actionError(error, event.locals.locale, { closesAt: until });
		}
	}
};
