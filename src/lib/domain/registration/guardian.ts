/**
 * When a guardian (family member) must be named and must consent to an entry: for minors
 * and for athletes with an intellectual disability. The registration form asks for the
 * guardian's name and phone when this says so, and the server refuses the entry without.
 *
 * Decisions: "minor" means under 18 in whole years on the reference date (the day the
 * games open is a good choice: an athlete who turns 18 before then needs no guardian).
 * Only category 5 (intellectual) triggers the second reason: category 7 (multiple) does
 * not say which disabilities are combined, and category 6 (mental) is left to the
 * coordinator, who may always add a guardian voluntarily.
 */

import { ageOn } from './dates';

/** Age of majority in mainland China. */
export const AGE_OF_MAJORITY = 18;
/** Disability category code for intellectual disability. */
export const INTELLECTUAL_DISABILITY = 5;

export type GuardianReasonCode = 'guardian.minor' | 'guardian.intellectual';

export interface GuardianReason {
	code: GuardianReasonCode;
	params: Record<string, string | number>;
}

export type GuardianDecision =
	| { required: true; reasons: GuardianReason[] }
	| { required: false; reasons: [] };

/**
 * Decides whether a guardian is required, with every reason that applies
 * ('guardian.minor' with params { age, referenceDate }, 'guardian.intellectual').
 * Throws RuleViolation 'date.invalid' on a malformed date.
 */
export function guardianRequired(input: {
	birthDate: string;
	disabilityCategory: number;
	referenceDate: string;
}): GuardianDecision {
	const reasons: GuardianReason[] = [];
	const age = ageOn(input.birthDate, input.referenceDate);
	if (age < AGE_OF_MAJORITY) {
		reasons.push({ code: 'guardian.minor', params: { age, referenceDate: input.referenceDate } });
	}
	if (input.disabilityCategory === INTELLECTUAL_DISABILITY) {
		reasons.push({ code: 'guardian.intellectual', params: {} });
	}
	return reasons.length > 0 ? { required: true, reasons } : { required: false, reasons: [] };
}
