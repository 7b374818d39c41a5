/**
 * Masking of personal numbers — the ONE rule for every page, export, log line and audit
 * record — and a scanner that finds unmasked ones.
 *
 * Why only the last four characters: an 18-character resident ID is region (6) + birth date
 * (8) + sequence (3) + a check character computed from the other 17. The old mask
 * '110105********002X' hid exactly the birth date, so it could be undone by anything that
 * stands beside it (a birth date column, the age in days, a birth month). Now the mask shows
 * the last four characters only ('**************002X'): sequence and check character. The
 * region stays hidden, and what may stand beside a masked number is fixed by `maskedPerson`:
 * the age in whole years on the edition's reference date, gender, disability category and
 * grade — never the birth date, birth month or region. With the region guessed from the
 * street, an attacker is still left with every birth date of a whole year of age, about
 * 365 / 11 ≈ 33 numbers that pass the check character (tests/integration/adversarial-data
 * rebuilds IDs from each screen and export and counts them).
 *
 * Coordinators and organizers see numbers masked unless their task needs the full number
 * (the audited full export); public views never show them. The scanner is used by tests that
 * scan public responses (JSON bodies, HTML) for leaks, and by the log redaction.
 */

import { residentIdCheckChar, normaliseIdText, PROVINCE_CODES } from './identity';
import { ageOn, isRealDate } from './dates';

/** How many characters of an ID number (its end) a masked form keeps. */
export const VISIBLE_ID_TAIL = 4;
const HIDDEN = '*'.repeat(18 - VISIBLE_ID_TAIL);

/**
 * Masks a resident ID number for display: fourteen stars and the last four characters
 * ('11010519491231002X' → '**************002X'). Input is normalised first. A 20-character
 * input is masked as a certificate; any other length is masked entirely (one star per
 * character), so a malformed number never leaks.
 */
export function maskResidentId(text: string): string {
	const id = normaliseIdText(text ?? '');
	if (id.length === 18) return HIDDEN + id.slice(18 - VISIBLE_ID_TAIL);
	if (id.length === 20) return maskCertificate(id);
	return '*'.repeat(id.length);
}

/**
 * Masks a disability certificate number: the ID part as maskResidentId, plus the category
 * and grade digits, which coordinators need and which are shown beside it anyway
 * ('11010519491231002X41' → '**************002X41'). An 18-character input is masked as an
 * ID number; any other length is masked entirely.
 */
export function maskCertificate(text: string): string {
	const cert = normaliseIdText(text ?? '');
	if (cert.length === 20) return HIDDEN + cert.slice(18 - VISIBLE_ID_TAIL);
	if (cert.length === 18) return maskResidentId(cert);
	return '*'.repeat(cert.length);
}

/** The personal numbers of a person and the birth date derived from them, as stored. */
export interface PersonalNumbers {
	residentId: string;
	certificateNo: string;
	birthDate: string;
}

/** What a staff view shows in place of `PersonalNumbers`: masks and the age in whole years. */
export interface MaskedPersonalNumbers {
	residentId: string;
	certificateNo: string;
	/** Whole years on the reference date (the edition's opening day): never the birth date. */
	age: number;
}

/**
 * The only way personal numbers reach a staff page, export or audit record: the masks plus
 * what may stand beside them (the age in whole years on `referenceDate`). The birth date, and
 * anything finer than the age in years (birth year and month, age in days), must not be
 * shown beside a mask: with the region guessed from the street it fills the hidden digits.
 */
export function maskedPerson(person: PersonalNumbers, referenceDate: string): MaskedPersonalNumbers {
	return {
		residentId: maskResidentId(person.residentId),
		certificateNo: maskCertificate(person.certificateNo),
		age: ageOn(person.birthDate, referenceDate)
	};
}

/** One unmasked ID-shaped number found in a text. */
export interface PersonalNumberHit {
	/** Index of the first character in the scanned text. */
	index: number;
	/** The 18 characters found (a certificate's ID part is reported, not its last two digits). */
	text: string;
}

/** Options of the scanner. */
export interface ScanOptions {
	/** Only report numbers whose MOD 11-2 check character is right (default false). */
	requireValidCheckChar?: boolean;
}

function plausibleId(window: string, requireValidCheckChar: boolean): boolean {
	if (!PROVINCE_CODES.has(window.slice(0, 2))) return false;
	const year = Number(window.slice(6, 10));
	if (year < 1900 || year > 2099) return false;
	if (!isRealDate(year, Number(window.slice(10, 12)), Number(window.slice(12, 14)))) return false;
	return !requireValidCheckChar || residentIdCheckChar(window.slice(0, 17)) === window.charAt(17);
}

/**
 * Finds every ID-shaped number in arbitrary text: 17 digits followed by a digit or X
 * (either case, full-width accepted), whose first two digits are a province code and whose
 * characters 7-14 are a real date between 1900 and 2099. Certificates (ID + two digits) are
 * found through their ID part. Windows inside longer digit runs are checked too, so a
 * number glued to other digits is still found. Masked numbers contain '*' and never match.
 * The check character is NOT required by default, so a mistyped number that leaks is
 * reported as well. The plausibility filters keep ordinary long numbers (timestamps,
 * float digits such as 0.0033333333333333335) from being flagged. O(n) in the text length.
 */
export function findPersonalNumbers(text: string, options: ScanOptions = {}): PersonalNumberHit[] {
	const scanned = String(text ?? '')
		.replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 0x30))
		.replace(/[xｘＸ]/g, 'X');
	const hits: PersonalNumberHit[] = [];
	for (const run of scanned.matchAll(/\d{17,}X?/g)) {
		const digits = run[0];
		const start = run.index ?? 0;
		for (let i = 0; i + 18 <= digits.length; i++) {
			const window = digits.slice(i, i + 18);
			if (plausibleId(window, options.requireValidCheckChar ?? false)) {
				hits.push({ index: start + i, text: window });
			}
		}
	}
	return hits;
}

/**
 * True when the text contains an unmasked ID or certificate number (see findPersonalNumbers
 * for what counts). Used by tests that assert public responses leak no personal numbers.
 */
export function looksLikePersonalNumber(text: string, options: ScanOptions = {}): boolean {
	return findPersonalNumbers(text, options).length > 0;
}
