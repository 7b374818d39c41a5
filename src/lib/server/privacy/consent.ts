/**
 * Consent to process a person's data, recorded per athlete: 'personal' (the registration data
 * for running the games), 'sensitive' (disability information and identity numbers, asked
 * separately and explicitly, as PIPL art. 29 requires) and, for an athlete under 14,
 * 'guardian'. Each record keeps the version of the text shown, the time, who obtained it and
 * how (the online form, or a coordinator on paper, in person or by phone).
 */
import type { Db } from '../db';
import type { Refusal } from '../registration/common';
import { ageOn } from '$lib/domain/registration/dates';
import { parseResidentId } from '$lib/domain/registration/identity';

/** The version of the consent texts (privacy.consent.* in the catalogues); change it when they change. */
export const CONSENT_VERSION = '2026-12-03';

/** Below this age (on the day of registration) a guardian consents, not the athlete (PIPL art. 31). */
export const GUARDIAN_CONSENT_AGE = 14;

/** How a coordinator obtained the consent of someone registered on their behalf. */
export const CONSENT_METHODS = ['paper', 'in_person', 'phone'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number] | 'online';

/** The consents a registration gives, and who obtained them how. */
export interface ConsentGiven {
	personal: boolean;
	sensitive: boolean;
	guardian: boolean;
	obtainedBy: string;
	method: ConsentMethod;
	/** The guardian's name, for a guardian's consent. */
	givenBy?: string;
}

/** Whether the person (by ID number) is under 14 today (China), so a guardian must consent. */
export function needsGuardianConsent(residentId: string, today: string): boolean {
	const id = parseResidentId(residentId);
	return id.ok && ageOn(id.value.birthDate, today) < GUARDIAN_CONSENT_AGE;
}

/** The consents missing for a registration, as field problems (nothing when all are given). */
export function consentProblems(consent: Pick<ConsentGiven, 'personal' | 'sensitive' | 'guardian'>, residentId: string, today: string): Refusal[] {
	const problems: Refusal[] = [];
	if (!consent.personal) problems.push({ field: 'consentPersonal', code: 'privacy.consent.personal_required', params: {} });
	if (!consent.sensitive) problems.push({ field: 'consentSensitive', code: 'privacy.consent.sensitive_required', params: {} });
	if (needsGuardianConsent(residentId, today) && !consent.guardian) problems.push({ field: 'consentGuardian', code: 'privacy.consent.guardian_required', params: { age: GUARDIAN_CONSENT_AGE } });
	return problems;
}

/** The consent rows of one athlete (for create / createMany). */
export function consentRows(athleteId: string, consent: ConsentGiven, at = new Date()) {
	const kinds = (['personal', 'sensitive', 'guardian'] as const).filter((k) => consent[k]);
	return kinds.map((kind) => ({ athleteId, kind, textVersion: CONSENT_VERSION, at, obtainedBy: consent.obtainedBy, method: consent.method, givenBy: kind === 'guardian' ? (consent.givenBy ?? '') : '' }));
}

/** An athlete's consents (for their data copy and the organizer). */
export async function consentsOf(db: Pick<Db, 'consent'>, athleteId: string) {
	const rows = await db.consent.findMany({ where: { athleteId }, orderBy: { at: 'asc' }, select: { kind: true, textVersion: true, at: true, obtainedBy: true, method: true, givenBy: true } });
	return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
}
