/** The athlete's own entry: status, return reasons, QR code, amend, withdraw (until the deadline). */
import { fail, redirect } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { callerFor } from '$lib/server/trpc/http';
import { actionError, field } from '$lib/server/forms';
import { athleteCredentials, forgetAthlete } from '$lib/server/registration/athleteSession';
import { RegistrationRefused, fieldMessages } from '$lib/server/registration/common';
import { translate } from '$lib/i18n';

function credentials(event: RequestEvent) {
	const c = athleteCredentials(event.cookies);
	if (!c) redirect(303, '/entry');
	return c;
}

export const load: PageServerLoad = async (event) => {
	const c = credentials(event);
	const caller = await callerFor(event);
	try {
		return { athlete: await caller.registration.athlete.status(c) };
	} catch {
		forgetAthlete(event.cookies);
		redirect(303, '/entry');
	}
};

function refusal(error: unknown, event: RequestEvent, values: Record<string, unknown> = {}) {
	if (error instanceof TRPCError && error.cause instanceof RegistrationRefused) {
		const problems = error.cause.problems;
		return fail(422, { message: translate(event.locals.locale, problems[0]?.code ?? 'errors.bad_request', problems[0]?.params ?? {}), fieldErrors: fieldMessages(problems, event.locals.locale), values });
	}
	return actionError(error, event.locals.locale, values);
}

export const actions: Actions = {
	withdraw: async (event) => {
		const form = await event.request.formData();
		// Without JavaScript the first submit asks again in the page (ConfirmSubmit).
		if (field(form, 'confirmed') !== 'yes') return fail(400, { confirm: `withdraw:${field(form, 'entryId')}` });
		try {
			const caller = await callerFor(event);
			await caller.registration.athlete.withdraw({ ...credentials(event), entryId: field(form, 'entryId') });
			return { withdrawn: true };
		} catch (error) {
			return refusal(error, event);
		}
	},
	amend: async (event) => {
		const form = await event.request.formData();
		const values = {
			phone: field(form, 'phone'),
			guardianName: field(form, 'guardianName'),
			guardianPhone: field(form, 'guardianPhone'),
			guardianRelation: field(form, 'guardianRelation'),
			addCategoryIds: form.getAll('addCategoryIds').filter((v): v is string => typeof v === 'string')
		};
		try {
			const caller = await callerFor(event);
			await caller.registration.athlete.amend({ ...credentials(event), ...values });
			return { saved: true };
		} catch (error) {
			return refusal(error, event, values);
		}
	},
	signout: async ({ cookies }) => {
		forgetAthlete(cookies);
		redirect(303, '/entry');
	}
};
