/**
 * Calendar dates as plain 'YYYY-MM-DD' strings. Registration rules only ever need whole
 * days (birth dates, age reference dates), so they avoid `Date` and its time zones: a
 * date string compares correctly with `<` and `>` once it is validated.
 */

import { RuleViolation } from '../errors';

/** A validated calendar date split into numbers. */
export interface CalendarDate {
	year: number;
	month: number;
	day: number;
}

/** Gregorian leap-year rule; needed to accept 29 February only in leap years. */
export function isLeapYear(year: number): boolean {
	return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month of a year (month 1-12); used to reject dates like 1990-02-30. */
export function daysInMonth(year: number, month: number): number {
	if (month === 2) return isLeapYear(year) ? 29 : 28;
	return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** True when year/month/day name a real day; shared by the ID parser and the date parser. */
export function isRealDate(year: number, month: number, day: number): boolean {
	return (
		Number.isInteger(year) &&
		Number.isInteger(month) &&
		Number.isInteger(day) &&
		year >= 1 &&
		year <= 9999 &&
		month >= 1 &&
		month <= 12 &&
		day >= 1 &&
		day <= daysInMonth(year, month)
	);
}

/**
 * Parses a strict 'YYYY-MM-DD' string into numbers, or null when it is not a real date.
 * Rules take dates as strings from the layers above; this is their single gate.
 */
export function parseIsoDate(text: string): CalendarDate | null {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
	if (!match) return null;
	const year = Number(match[1]);
	const month = Number(match[2]);
	const day = Number(match[3]);
	return isRealDate(year, month, day) ? { year, month, day } : null;
}

/** True for a strict, real 'YYYY-MM-DD' date; used by rule validators. */
export function isIsoDate(text: unknown): text is string {
	return typeof text === 'string' && parseIsoDate(text) !== null;
}

/** Formats numbers as 'YYYY-MM-DD' (zero-padded); used by the ID parser and test helpers. */
export function formatIsoDate(date: CalendarDate): string {
	const pad = (n: number, width: number) => String(n).padStart(width, '0');
	return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

function requireDate(text: string, what: string): CalendarDate {
	const date = parseIsoDate(text);
	if (!date) {
		throw new RuleViolation('date.invalid', `${what} is not a valid YYYY-MM-DD date.`, {
			value: String(text)
		});
	}
	return date;
}

/**
 * Age in whole years on a reference date (e.g. the games' opening day), as eligibility
 * rules and the guardian rule need it. Someone born on 29 February becomes a year older on
 * 1 March in common years (their birthday has not passed on 28 February). The result is
 * negative when the reference date lies before the birth date. Throws RuleViolation
 * 'date.invalid' when either input is not a real 'YYYY-MM-DD' date.
 */
export function ageOn(birthDate: string, referenceDate: string): number {
	const birth = requireDate(birthDate, 'The birth date');
	const ref = requireDate(referenceDate, 'The reference date');
	let years = ref.year - birth.year;
	if (ref.month < birth.month || (ref.month === birth.month && ref.day < birth.day)) years -= 1;
	return years;
}
