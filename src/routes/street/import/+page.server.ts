/** Bulk import: upload → per-row preview (nothing written) → confirm (all or nothing). */
import { randomUUID } from 'node:crypto';
import { fail } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';
import type { Actions, PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/http';
import { actionError, field } from '$lib/server/forms';
import { RegistrationRefused } from '$lib/server/registration/common';
import { translate } from '$lib/i18n';

const MAX_BYTES = 10 * 1024 * 1024;

export const load: PageServerLoad = () => ({ opId: randomUUID() });

export const actions: Actions = {
	preview: async (event) => {
		const form = await event.request.formData();
		const file = form.get('file');
		if (!(file instanceof File) || file.size === 0) return fail(400, { message: translate(event.locals.locale, 'registration.import.no_file') });
		if (file.size > MAX_BYTES) return fail(400, { message: translate(event.locals.locale, 'registration.import.too_large') });
		try {
			const caller = await callerFor(event);
			const preview = await caller.registration.street.importPreview({ fileBase64: Buffer.from(await file.arrayBuffer()).toString('base64') });
			return { preview };
		} catch (error) {
			return actionError(error, event.locals.locale);
		}
	},
	confirm: async (event) => {
		const form = await event.request.formData();
		try {
			const caller = await callerFor(event);
			const result = await caller.registration.street.importConfirm({ token: field(form, 'token'), opId: field(form, 'opId') });
			return { imported: result.imported };
		} catch (error) {
			if (error instanceof TRPCError && error.cause instanceof RegistrationRefused) {
				return fail(422, { message: error.cause.problems.map((p) => translate(event.locals.locale, p.code, p.params)).join(' ') });
			}
			return actionError(error, event.locals.locale);
		}
	}
};
