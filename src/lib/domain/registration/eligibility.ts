/**
 * Eligibility of an athlete for a competition category ("men's table tennis, standing,
 * TT6-10"), as configured by the organizer and enforced by the registration form, the
 * tRPC procedures and the Excel import alike.
 *
 * Decisions:
 * - A missing or EMPTY list in the rule means "no restriction" (an organizer who ticks no
 *   box restricts nothing); bounds are inclusive: minAge <= age <= maxAge, where age is
 *   the whole-year age on `ageReferenceDate` (see `ageOn`).
 * - Disability category 7 (multiple) is just another category: it is eligible only where
 *   the rule lists 7 (the certificate does not say which disabilities are combined).
 * - `checkEligibility` reports EVERY failing condition, in the order gender, age,
 *   disability category, grade, sport class, so a form can explain why a category is not
 *   offered.
 * - Sport classes may be written in the rule as single classes or ranges ('TT6-10').
 */

import { RuleViolation } from '../errors';
import { ageOn, isIsoDate } from './dates';
import type { Gender } from './identity';
import type { Problem } from './problem';

/** A category's eligibility rule as the organizer configures it. */
export interface EligibilityRule {
	genders?: Gender[];
	minAge?: number;
	maxAge?: number;
	/** 'YYYY-MM-DD': the day on which ages are computed (e.g. the opening day). */
	ageReferenceDate: string;
	/** Disability categories 1-7 admitted. */
	disabilityCategories?: number[];
	/** Disability grades 1-4 admitted. */
	grades?: number[];
	/** Para table tennis classes admitted, e.g. ['TT6-10'] or ['TT6', 'TT7']. */
	sportClasses?: string[];
}

/** The facts about an athlete that eligibility depends on (derived from ID and certificate). */
export interface AthleteFacts {
	birthDate: string;
	gender: Gender;
	disabilityCategory: number;
	disabilityGrade: number;
	sportClass?: string;
}

export type EligibilityResult = { eligible: true } | { eligible: false; reasons: Problem[] };

/** Groups of the para table tennis classes. */
export type SportClassGroup = 'wheelchair' | 'standing' | 'intellectual';

/** All para table tennis classes in order: TT1-5 wheelchair, TT6-10 standing, TT11 intellectual. */
export const SPORT_CLASSES = [
	'TT1', 'TT2', 'TT3', 'TT4', 'TT5', 'TT6', 'TT7', 'TT8', 'TT9', 'TT10', 'TT11'
] as const; // prettier-ignore

/**
 * Canonical name ('TT6') of a class typed loosely ('tt6', ' TT 6 ', 'ＴＴ６', 'TT06'), or
 * null when it is not a para table tennis class. Used by forms and the Excel import.
 */
export function normaliseSportClass(text: string): string | null {
	const cleaned = String(text ?? '')
		.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
		.replace(/\s/g, '')
		.toUpperCase();
	const match = /^TT0*(\d{1,2})$/.exec(cleaned);
	if (!match) return null;
	const n = Number(match[1]);
	return n >= 1 && n <= 11 ? `TT${n}` : null;
}

/** True only for a canonical class name 'TT1'…'TT11' (what the database stores). */
export function isSportClass(text: string): boolean {
	return (SPORT_CLASSES as readonly string[]).includes(text);
}

/** Which group a class belongs to (TT1-5 wheelchair, TT6-10 standing, TT11 intellectual). */
export function sportClassGroup(sportClass: string): SportClassGroup | null {
	const canonical = normaliseSportClass(sportClass);
	if (!canonical) return null;
	const n = Number(canonical.slice(2));
	return n <= 5 ? 'wheelchair' : n <= 10 ? 'standing' : 'intellectual';
}

/**
 * Expands a class or class range into canonical classes in order: 'TT6-10' and 'TT6-TT10'
 * give ['TT6', …, 'TT10'], 'TT11' gives ['TT11']. Several parts may be separated by commas
 * or '、' ('TT1-2, TT11'); the result is de-duplicated and sorted. Dashes '-', '–', '—',
 * '~', '～' are accepted. Throws RuleViolation 'sport_class.invalid' on anything else,
 * including a descending range ('TT10-6').
 */
export function parseSportClassRange(text: string): string[] {
	const invalid = () =>
		new RuleViolation('sport_class.invalid', `"${text}" is not a class or class range.`, {
			value: String(text)
		});
	const cleaned = String(text ?? '')
		.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
		.replace(/\s/g, '')
		.toUpperCase();
	const parts = cleaned.split(/[,、;]/).filter((p) => p.length > 0);
	if (parts.length === 0) throw invalid();
	const numbers = new Set<number>();
	for (const part of parts) {
		const match = /^TT0*(\d{1,2})(?:[-–—~](?:TT)?0*(\d{1,2}))?$/.exec(part);
		if (!match) throw invalid();
		const from = Number(match[1]);
		const to = match[2] === undefined ? from : Number(match[2]);
		if (from < 1 || to > 11 || from > to) throw invalid();
		for (let n = from; n <= to; n++) numbers.add(n);
	}
	return [...numbers].sort((a, b) => a - b).map((n) => `TT${n}`);
}

/**
 * Compresses a list of classes into the short form people read ('TT1-2, TT6-10', 'TT11').
 * Used for messages and category names.
 */
export function formatSportClasses(classes: readonly string[]): string {
	const numbers = [
		...new Set(
			classes
				.map((c) => normaliseSportClass(c))
				.filter((c): c is string => c !== null)
				.map((c) => Number(c.slice(2)))
		)
	].sort((a, b) => a - b);
	const parts: string[] = [];
	let i = 0;
	while (i < numbers.length) {
		const from = numbers[i] as number;
		let to = from;
		while (numbers[i + 1] === to + 1) {
			to += 1;
			i += 1;
		}
		parts.push(from === to ? `TT${from}` : `TT${from}-${to}`);
		i += 1;
	}
	return parts.join(', ');
}

function expandSportClasses(list: readonly string[]): string[] {
	return [...new Set(list.flatMap((entry) => parseSportClassRange(entry)))];
}

function joinNumbers(list: readonly number[]): string {
	return [...new Set(list)].sort((a, b) => a - b).join(', ');
}

/**
 * Decides whether an athlete may enter a category, listing every failing condition with a
 * code and params (see messages.ts). Reason codes: eligibility.men_only,
 * eligibility.women_only, eligibility.too_young, eligibility.too_old,
 * eligibility.disability_category, eligibility.grade, eligibility.sport_class_missing,
 * eligibility.sport_class. Throws RuleViolation 'date.invalid' if an age bound is set and a
 * date is malformed, and 'sport_class.invalid' if the rule lists a malformed class; run
 * `validateEligibilityRule` when the organizer saves the rule to avoid that.
 */
export function checkEligibility(rule: EligibilityRule, athlete: AthleteFacts): EligibilityResult {
	const reasons: Problem[] = [];

	const genders = rule.genders ?? [];
	if (genders.length > 0 && !genders.includes(athlete.gender)) {
		reasons.push({
			code: genders.includes('male') ? 'eligibility.men_only' : 'eligibility.women_only',
			params: {}
		});
	}

	if (rule.minAge !== undefined || rule.maxAge !== undefined) {
		const age = ageOn(athlete.birthDate, rule.ageReferenceDate);
		const referenceDate = rule.ageReferenceDate;
		if (rule.minAge !== undefined && age < rule.minAge) {
			reasons.push({ code: 'eligibility.too_young', params: { age, minAge: rule.minAge, referenceDate } });
		}
		if (rule.maxAge !== undefined && age > rule.maxAge) {
			reasons.push({ code: 'eligibility.too_old', params: { age, maxAge: rule.maxAge, referenceDate } });
		}
	}

	const categories = rule.disabilityCategories ?? [];
	if (categories.length > 0 && !categories.includes(athlete.disabilityCategory)) {
		reasons.push({
			code: 'eligibility.disability_category',
			params: {
				disabilityCategory: athlete.disabilityCategory,
				allowed: joinNumbers(categories)
			}
		});
	}

	const grades = rule.grades ?? [];
	if (grades.length > 0 && !grades.includes(athlete.disabilityGrade)) {
		reasons.push({
			code: 'eligibility.grade',
			params: { grade: athlete.disabilityGrade, allowed: joinNumbers(grades) }
		});
	}

	const classes = expandSportClasses(rule.sportClasses ?? []);
	if (classes.length > 0) {
		const allowed = formatSportClasses(classes);
		const own = athlete.sportClass === undefined ? null : normaliseSportClass(athlete.sportClass);
		if (own === null) {
			reasons.push({ code: 'eligibility.sport_class_missing', params: { allowed } });
		} else if (!classes.includes(own)) {
			reasons.push({ code: 'eligibility.sport_class', params: { sportClass: own, allowed } });
		}
	}

	return reasons.length === 0 ? { eligible: true } : { eligible: false, reasons };
}

function isWholeAge(value: unknown): value is number {
	return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 130;
}

/**
 * Checks a rule as the organizer saves it (zod-free, so the same check runs in the form,
 * the tRPC procedure and the import). Returns every problem; empty means valid. Codes:
 * eligibility_rule.reference_date, eligibility_rule.min_age, eligibility_rule.max_age,
 * eligibility_rule.age_range, eligibility_rule.gender, eligibility_rule.disability_category,
 * eligibility_rule.grade, eligibility_rule.sport_class.
 */
export function validateEligibilityRule(rule: EligibilityRule): Problem[] {
	const problems: Problem[] = [];
	const r = (rule ?? {}) as Partial<Record<keyof EligibilityRule, unknown>>;

	if (!isIsoDate(r.ageReferenceDate)) {
		problems.push({
			code: 'eligibility_rule.reference_date',
			params: { value: String(r.ageReferenceDate) }
		});
	}
	if (r.minAge !== undefined && !isWholeAge(r.minAge)) {
		problems.push({ code: 'eligibility_rule.min_age', params: { value: String(r.minAge) } });
	}
	if (r.maxAge !== undefined && !isWholeAge(r.maxAge)) {
		problems.push({ code: 'eligibility_rule.max_age', params: { value: String(r.maxAge) } });
	}
	if (isWholeAge(r.minAge) && isWholeAge(r.maxAge) && r.minAge > r.maxAge) {
		problems.push({
			code: 'eligibility_rule.age_range',
			params: { minAge: r.minAge, maxAge: r.maxAge }
		});
	}

	const list = (value: unknown): unknown[] =>
		value === undefined ? [] : Array.isArray(value) ? value : [value];

	for (const gender of list(r.genders)) {
		if (gender !== 'male' && gender !== 'female') {
			problems.push({ code: 'eligibility_rule.gender', params: { value: String(gender) } });
		}
	}
	for (const category of list(r.disabilityCategories)) {
		if (!(typeof category === 'number' && Number.isInteger(category) && category >= 1 && category <= 7)) {
			problems.push({
				code: 'eligibility_rule.disability_category',
				params: { value: String(category) }
			});
		}
	}
	for (const grade of list(r.grades)) {
		if (!(typeof grade === 'number' && Number.isInteger(grade) && grade >= 1 && grade <= 4)) {
			problems.push({ code: 'eligibility_rule.grade', params: { value: String(grade) } });
		}
	}
	for (const sportClass of list(r.sportClasses)) {
		try {
			if (typeof sportClass !== 'string') throw new Error('not a string');
			parseSportClassRange(sportClass);
		} catch {
			problems.push({ code: 'eligibility_rule.sport_class', params: { value: String(sportClass) } });
		}
	}
	return problems;
}
