/**
 * The public registration form in steps (who → documents → events → contact → review →
 * confirmation), working without JavaScript: what was entered travels between steps in a
 * sealed draft (encrypted by the server; the browser cannot read the numbers inside). Each
 * step is checked by `registration.check`; the submission by `registration.submit`, which
 * checks everything again.
 */
import { fail } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';
import type { Actions, PageServerLoad } from './$types';
import { callerFor, loadCaller } from '$lib/server/trpc/http';
import { actionError, field } from '$lib/server/forms';
import { seal, unseal } from '$lib/server/registration/seal';
import { RegistrationRefused, fieldMessages } from '$lib/server/registration/common';
import { entryQrSvg } from '$lib/server/registration/qr';
import { translate } from '$lib/i18n';
import { CONSENT_VERSION, needsGuardianConsent } from '$lib/server/privacy/consent';
import { todayIn } from '$lib/server/registration/common';
import { editionTimeZone } from '$lib/server/clock';
import { getApp } from '$lib/server/app';

const STEPS = ['who', 'documents', 'events', 'contact', 'review'] as const;
type Step = (typeof STEPS)[number];
const FIELDS: Record<Step, string[]> = {
	who: ['name', 'streetId', 'registeredBy'],
	documents: ['residentId', 'certificateNo', 'sportClass'],
	events: ['categoryIds'],
	contact: ['phone', 'guardianName', 'guardianPhone', 'guardianRelation'],
	review: ['consentPersonal', 'consentSensitive', 'consentGuardian']
};
const CONSENTS = ['consentPersonal', 'consentSensitive', 'consentGuardian'] as const;
const DRAFT_TTL = 2 * 3_600_000;

interface Draft {
	name: string;
	streetId: string;
	registeredBy: 'self' | 'family';
	residentId: string;
	certificateNo: string;
	sportClass: string;
	categoryIds: string[];
	phone: string;
	guardianName: string;
	guardianPhone: string;
	guardianRelation: string;
	consentPersonal: boolean;
	consentSensitive: boolean;
	consentGuardian: boolean;
}
const emptyDraft: Draft = { name: '', streetId: '', registeredBy: 'self', residentId: '', certificateNo: '', sportClass: '', categoryIds: [], phone: '', guardianName: '', guardianPhone: '', guardianRelation: '', consentPersonal: false, consentSensitive: false, consentGuardian: false };

const isStep = (s: string): s is Step => (STEPS as readonly string[]).includes(s);

export const load: PageServerLoad = async (event) => {
	const caller = await loadCaller(event);
	return { programme: await caller.registration.form() };
};

/** What the page needs to show `step` for `draft`: values (numbers only on the documents step), checks. */
async function view(event: Parameters<Actions[string]>[0], step: Step, draft: Draft, fieldErrors: Record<string, string[]> = {}, message: string | null = null) {
	const caller = await callerFor(event);
	const check = step === 'who' ? null : await caller.registration.check(draft);
	const values: Record<string, string | string[] | boolean> = { ...draft };
	if (step !== 'documents') {
		values.residentId = '';
		values.certificateNo = '';
	}
	return {
		step,
		draft: seal('register-draft', draft, DRAFT_TTL),
		values,
		fieldErrors,
		message,
		facts: check?.facts ?? null,
		guardian: check?.guardian ?? null,
		offers: check?.offers ?? null,
		window: check?.window ?? null,
		consent: { version: CONSENT_VERSION, guardian: needsGuardianConsent(draft.residentId, todayIn(await editionTimeZone((await getApp()).db))), days: 90 }
	};
}

export const actions: Actions = {
	step: async (event) => {
		const form = await event.request.formData();
		const current = field(form, 'step');
		const go = field(form, 'go');
		const step: Step = isStep(current) ? current : 'who';
		const token = field(form, 'draft');
		const stored = token ? unseal<Draft>('register-draft', token) : null;
		if (token && !stored) return fail(400, { ...(await view(event, 'who', emptyDraft)), message: translate(event.locals.locale, 'registration.expired') });
		const draft: Draft = { ...emptyDraft, ...(stored ?? {}) };
		// Take this step's fields from the form.
		for (const name of FIELDS[step]) {
			if (name === 'categoryIds') draft.categoryIds = form.getAll('categoryIds').filter((v): v is string => typeof v === 'string').slice(0, 20);
			else if (name === 'registeredBy') draft.registeredBy = field(form, name) === 'family' ? 'family' : 'self';
			else if ((CONSENTS as readonly string[]).includes(name)) draft[name as (typeof CONSENTS)[number]] = field(form, name) === 'yes';
			else (draft as unknown as Record<string, string>)[name] = field(form, name).slice(0, 100);
		}
		const index = STEPS.indexOf(step);
		if (go === 'back') return view(event, STEPS[Math.max(0, index - 1)] as Step, draft);
		if (go.startsWith('edit:') && isStep(go.slice(5))) return view(event, go.slice(5) as Step, draft);

		const caller = await callerFor(event);
		if (go === 'submit') {
			try {
				const { referenceCode } = await caller.registration.submit(draft);
				return { step: 'done' as const, referenceCode, qrSvg: await entryQrSvg(referenceCode) };
			} catch (error) {
				if (error instanceof TRPCError && error.cause instanceof RegistrationRefused) {
					const problems = error.cause.problems;
					const first = STEPS.find((s) => problems.some((p) => FIELDS[s].includes(p.field))) ?? 'review';
					const errors = fieldMessages(problems, event.locals.locale);
					return fail(422, await view(event, first, draft, errors, translate(event.locals.locale, problems[0]?.code ?? 'errors.bad_request', problems[0]?.params ?? {})));
				}
				const failure = actionError(error, event.locals.locale);
				return fail(failure.status, { ...(await view(event, 'review', draft)), message: failure.data.message });
			}
		}
		// 'next': check this step's fields.
		const check = await caller.registration.check(draft);
		const errors = Object.fromEntries(Object.entries(check.fieldErrors).filter(([name]) => FIELDS[step].includes(name)));
		if (step === 'events' && draft.categoryIds.length === 0) errors.categoryIds = [translate(event.locals.locale, 'entry.none_chosen')];
		if (Object.keys(errors).length > 0) return fail(400, await view(event, step, draft, errors));
		return view(event, STEPS[Math.min(STEPS.length - 1, index + 1)] as Step, draft);
	}
};
