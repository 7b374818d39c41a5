/** The coordinator registers an athlete of the street on their behalf: one page, same rules. */
import { randomUUID } from 'node:crypto';
import { fail } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';
import type { Actions, PageServerLoad } from './$types';
import { callerFor, loadCaller } from '$lib/server/trpc/http';
import { actionError, field } from '$lib/server/forms';
import { RegistrationRefused, fieldMessages } from '$lib/server/registration/common';
import { translate } from '$lib/i18n';

export const load: PageServerLoad = async (event) => {
	const caller = await loadCaller(event);
	const [form, dashboard] = await Promise.all([caller.registration.form(), caller.registration.street.dashboard()]);
	return { categories: form.categories, maxEvents: form.edition.maxEventsPerAthlete, open: form.edition.open, street: dashboard.street, opId: randomUUID() };
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const names = ['name', 'residentId', 'certificateNo', 'sportClass', 'phone', 'guardianName', 'guardianPhone', 'guardianRelation'] as const;
		const fields = Object.fromEntries(names.map((n) => [n, field(form, n)])) as Record<(typeof names)[number], string>;
		const categoryIds = form.getAll('categoryIds').filter((v): v is string => typeof v === 'string');
		const { residentId: _r, certificateNo: _c, ...safe } = fields;
		try {
			const caller = await callerFor(event);
			const { referenceCode } = await caller.registration.street.register({ ...fields, categoryIds, opId: field(form, 'opId') });
			return { referenceCode, name: fields.name };
		} catch (error) {
			// The numbers go back into the form the coordinator is correcting, nowhere else.
			const values = { ...safe, residentId: fields.residentId, certificateNo: fields.certificateNo, categoryIds };
			if (error instanceof TRPCError && error.cause instanceof RegistrationRefused) {
				const problems = error.cause.problems;
				return fail(422, { message: translate(event.locals.locale, problems[0]?.code ?? 'errors.bad_request', problems[0]?.params ?? {}), fieldErrors: fieldMessages(problems, event.locals.locale), values });
			}
			return actionError(error, event.locals.locale, values);
		}
	}
};
