/**
 * Mainland resident ID numbers (GB 11643-1999) and national disability certificate numbers.
 *
 * Registration asks for these numbers once and derives birth date, gender, disability
 * category and grade from them instead of asking again. Parsers never throw on bad input:
 * they return a `Result` whose error carries a stable code (see messages.ts for the zh-CN
 * and English texts), an English fallback message and, where useful, params.
 *
 * Decisions:
 * - Input is normalised first (`normaliseIdText`): whitespace anywhere is removed (people
 *   paste numbers grouped as '110105 19491231 002X'), full-width digits and 'Ｘ' typed on
 *   Chinese IMEs become ASCII, and 'x' becomes 'X'.
 * - Region: only the province part (first two digits) is checked against a fixed list.
 *   The full six-digit county table changes every year and people keep their number when
 *   their county code is retired, so a county-level check would reject real people.
 * - Birth date: a real calendar date, not before 1900-01-01 and, when the caller passes
 *   `today`, not after it. Without `today` there is no future check (the domain core has
 *   no clock).
 * - Checks run in this order and the first failure is reported: empty, length, characters,
 *   region, birth date, check character. A mistyped date digit therefore reports the date,
 *   which is easier for a person to find than "check character wrong".
 */

import { RuleViolation, type Result } from '../errors';
import { ageOn as ageOnDate, formatIsoDate, isRealDate, parseIsoDate } from './dates';
import { formatRegistrationMessage } from './messages';

export type Gender = 'male' | 'female';

/** What a valid resident ID number tells about its holder. */
export interface ResidentIdFacts {
	birthDate: string;
	gender: Gender;
	/** The normalised 18-character number (upper-case X), the form to store and compare. */
	residentId: string;
	/** First six digits: the region where the number was issued. */
	regionCode: string;
}

/** 1 visual, 2 hearing, 3 speech, 4 physical, 5 intellectual, 6 mental, 7 multiple. */
export type DisabilityCategory = 1 | 2 | 3 | 4 | 5 | 6 | 7;
/** 1 is the most severe, 4 the mildest. */
export type DisabilityGrade = 1 | 2 | 3 | 4;

/** What a valid disability certificate number tells about its holder. */
export interface CertificateFacts extends ResidentIdFacts {
	category: DisabilityCategory;
	grade: DisabilityGrade;
	/** The normalised 20-character certificate number. */
	certificateNumber: string;
}

/** Options of the parsers. `today` ('YYYY-MM-DD') enables the "birth date in the future" check. */
export interface ParseOptions {
	today?: string;
}

/** Disability category codes in certificate order. */
export const DISABILITY_CATEGORIES = [1, 2, 3, 4, 5, 6, 7] as const;
/** Disability grades, 1 the most severe. */
export const DISABILITY_GRADES = [1, 2, 3, 4] as const;

/**
 * Province-level codes accepted as the first two digits: 11-15, 21-23, 31-37, 41-46,
 * 50-54, 61-65, 71 (Taiwan), 81 (Hong Kong), 82 (Macao), 83 (residence permits for Taiwan
 * residents), 91 (permanent residence ID cards of foreigners issued in the new format).
 */
// prettier-ignore
export const PROVINCE_CODES: ReadonlySet<string> = new Set([
	'11', '12', '13', '14', '15',
	'21', '22', '23',
	'31', '32', '33', '34', '35', '36', '37',
	'41', '42', '43', '44', '45', '46',
	'50', '51', '52', '53', '54',
	'61', '62', '63', '64', '65',
	'71', '81', '82', '83', '91'
]);

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';
const EARLIEST_BIRTH_DATE = '1900-01-01';

/**
 * Canonical form of a typed or pasted number: whitespace and zero-width characters removed
 * anywhere, full-width digits and 'Ｘ'/'ｘ' converted to ASCII, 'x' upper-cased. Used by the
 * parsers, the masking helpers and the forms (to show what will be stored).
 */
export function normaliseIdText(text: string): string {
	return String(text)
		.replace(/[\s\u200B-\u200D\u2060\uFEFF]/g, '')
		.replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 0x30))
		.replace(/[xｘＸ]/g, 'X');
}

/**
 * ISO 7064 MOD 11-2 check character for the first 17 digits of a resident ID. Exported for
 * seed data and tests; throws RuleViolation 'identity.make_input' if given anything but 17
 * ASCII digits.
 */
export function residentIdCheckChar(first17: string): string {
	if (!/^\d{17}$/.test(first17)) {
		throw new RuleViolation('identity.make_input', 'Expected exactly 17 digits.', {
			value: first17
		});
	}
	let sum = 0;
	for (let i = 0; i < 17; i++) sum += Number(first17.charAt(i)) * (WEIGHTS[i] ?? 0);
	return CHECK_CHARS.charAt(sum % 11);
}

/**
 * Builds a valid resident ID (check character computed) from a six-digit region code, a
 * 'YYYY-MM-DD' birth date and a three-digit sequence (odd = male, even = female). For seed
 * data and tests only; throws RuleViolation 'identity.make_input' on malformed input.
 */
export function makeResidentId(region: string, birthDate: string, sequence3: string | number): string {
	const sequence = typeof sequence3 === 'number' ? String(sequence3).padStart(3, '0') : sequence3;
	const date = parseIsoDate(birthDate);
	if (!/^\d{6}$/.test(region) || !/^\d{3}$/.test(sequence) || !date) {
		throw new RuleViolation(
			'identity.make_input',
			'makeResidentId needs a 6-digit region, a YYYY-MM-DD date and a 3-digit sequence.',
			{ region, birthDate, sequence }
		);
	}
	const first17 = region + birthDate.replace(/-/g, '') + sequence;
	return first17 + residentIdCheckChar(first17);
}

type Prefix = 'identity' | 'certificate';

function fail<T>(code: string, params: Record<string, string | number> = {}): Result<T> {
	const message = formatRegistrationMessage(code, params, 'en');
	return Object.keys(params).length > 0
		? { ok: false, error: { code, message, params } }
		: { ok: false, error: { code, message } };
}

function todayOf(options: string | ParseOptions | undefined): string | undefined {
	return typeof options === 'string' ? options : options?.today;
}

/** Validates an already normalised 18-character string; codes carry the given prefix. */
function checkIdPart(id: string, prefix: Prefix, today: string | undefined): Result<ResidentIdFacts> {
	const badChar = Array.from(id).findIndex((c, i) => !(/\d/.test(c) || (i === 17 && c === 'X')));
	if (badChar >= 0) return fail(`${prefix}.characters`, { position: badChar + 1 });

	const province = id.slice(0, 2);
	if (!PROVINCE_CODES.has(province)) return fail(`${prefix}.region`, { province });

	const year = Number(id.slice(6, 10));
	const month = Number(id.slice(10, 12));
	const day = Number(id.slice(12, 14));
	if (!isRealDate(year, month, day)) return fail(`${prefix}.birth_date`);
	const birthDate = formatIsoDate({ year, month, day });
	if (birthDate < EARLIEST_BIRTH_DATE) return fail(`${prefix}.birth_date_too_early`);
	if (today !== undefined && parseIsoDate(today) && birthDate > today) {
		return fail(`${prefix}.birth_date_future`);
	}

	if (residentIdCheckChar(id.slice(0, 17)) !== id.charAt(17)) return fail(`${prefix}.check_char`);

	return {
		ok: true,
		value: {
			birthDate,
			gender: Number(id.charAt(16)) % 2 === 1 ? 'male' : 'female',
			residentId: id,
			regionCode: id.slice(0, 6)
		}
	};
}

/**
 * Parses a mainland resident ID number typed by an athlete, family member or coordinator.
 * `options` is `{ today: 'YYYY-MM-DD' }` (or that date string directly) to reject birth
 * dates in the future. Error codes: identity.empty, identity.length,
 * identity.looks_like_certificate, identity.characters, identity.region,
 * identity.birth_date, identity.birth_date_too_early, identity.birth_date_future,
 * identity.check_char.
 */
export function parseResidentId(
	text: string,
	options?: string | ParseOptions
): Result<ResidentIdFacts> {
	const id = normaliseIdText(text ?? '');
	if (id.length === 0) return fail('identity.empty');
	if (id.length === 20 && /^\d{17}[\dX]\d\d$/.test(id)) return fail('identity.looks_like_certificate');
	if (id.length !== 18) return fail('identity.length', { length: id.length, expected: 18 });
	return checkIdPart(id, 'identity', todayOf(options));
}

/**
 * Parses a national disability certificate number: the holder's 18-character ID number,
 * one digit for the category (1-7) and one for the grade (1-4). Error codes mirror the
 * identity ones with the prefix 'certificate.' (certificate.empty, certificate.length,
 * certificate.characters, certificate.region, certificate.birth_date,
 * certificate.birth_date_too_early, certificate.birth_date_future, certificate.check_char)
 * plus certificate.missing_category_grade (an ID number was typed without the last two
 * digits), certificate.category and certificate.grade.
 */
export function parseDisabilityCertificate(
	text: string,
	options?: string | ParseOptions
): Result<CertificateFacts> {
	const cert = normaliseIdText(text ?? '');
	if (cert.length === 0) return fail('certificate.empty');
	if (cert.length === 18 && /^\d{17}[\dX]$/.test(cert)) {
		return fail('certificate.missing_category_grade');
	}
	if (cert.length !== 20) return fail('certificate.length', { length: cert.length, expected: 20 });
	const tailBad = [18, 19].find((i) => !/\d/.test(cert.charAt(i)));
	const idPart = checkIdPart(cert.slice(0, 18), 'certificate', todayOf(options));
	// Report a stray character in the ID part first (by position), then in the last two digits.
	if (!idPart.ok && idPart.error.code === 'certificate.characters') return idPart;
	if (tailBad !== undefined) return fail('certificate.characters', { position: tailBad + 1 });
	if (!idPart.ok) return idPart;

	const category = Number(cert.charAt(18));
	const grade = Number(cert.charAt(19));
	if (category < 1 || category > 7) return fail('certificate.category', { category });
	if (grade < 1 || grade > 4) return fail('certificate.grade', { grade });
	return {
		ok: true,
		value: {
			...idPart.value,
			category: category as DisabilityCategory,
			grade: grade as DisabilityGrade,
			certificateNumber: cert
		}
	};
}

/**
 * The resident ID part (first 18 characters, normalised) of a certificate number, or null
 * when the text does not have the 20-character certificate length. Does not validate:
 * use parseDisabilityCertificate for that. Used to prefill the ID field from a certificate.
 */
export function residentIdFromCertificate(certificate: string): string | null {
	const cert = normaliseIdText(certificate ?? '');
	return cert.length === 20 ? cert.slice(0, 18) : null;
}

/**
 * Validates an ID number and a certificate number together, as the registration form and
 * the Excel import receive them, and checks that they belong to the same person. Returns
 * the first parse error of either number, or 'identity.mismatch' when the certificate's
 * first 18 characters differ from the ID number; otherwise the certificate facts.
 */
export function checkIdentityConsistency(
	residentId: string,
	certificate: string,
	options?: string | ParseOptions
): Result<CertificateFacts> {
	const id = parseResidentId(residentId, options);
	if (!id.ok) return id;
	const cert = parseDisabilityCertificate(certificate, options);
	if (!cert.ok) return cert;
	if (cert.value.residentId !== id.value.residentId) return fail('identity.mismatch');
	return cert;
}

/**
 * Age in whole years on a reference date; re-exported here because callers think of it
 * as "age from the ID number". See dates.ts for the 29 February convention.
 */
export function ageOn(birthDate: string, referenceDate: string): number {
	return ageOnDate(birthDate, referenceDate);
}
