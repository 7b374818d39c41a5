/**
 * Masking of personal numbers, and a scanner that finds unmasked ones.
 *
 * Coordinators and organizers see ID and certificate numbers masked ('110105********002X')
 * unless their task needs the full number; public views never show them. The scanner is
 * used by tests that scan public responses (JSON bodies, HTML) for leaks.
 */

import { residentIdCheckChar, normaliseIdText, PROVINCE_CODES } from './identity';
import { isRealDate } from './dates';

const STARS = '********';

/**
 * Masks a resident ID number for display: first six characters (region), eight stars,
 * last four ('11010519491231002X' → '110105********002X'). Input is normalised first.
 * A 20-character input is masked as a certificate; any other length is masked entirely
 * (one star per character), so a malformed number never leaks.
 */
export function maskResidentId(text: string): string {
	const id = normaliseIdText(text ?? '');
	if (id.length === 18) return id.slice(0, 6) + STARS + id.slice(14);
	if (id.length === 20) return maskCertificate(id);
	return '*'.repeat(id.length);
}

/**
 * Masks a disability certificate number: the ID part as maskResidentId, plus the category
 * and grade digits visible ('11010519491231002X41' → '110105********002X41'), since
 * coordinators need category and grade to check entries. An 18-character input is masked
 * as an ID number; any other length is masked entirely.
 */
export function maskCertificate(text: string): string {
	const cert = normaliseIdText(text ?? '');
	if (cert.length === 20) return cert.slice(0, 6) + STARS + cert.slice(14);
	if (cert.length === 18) return maskResidentId(cert);
	return '*'.repeat(cert.length);
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
