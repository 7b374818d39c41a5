/**
 * Reference codes: what an athlete (or family member) writes down after registering and
 * types again, with the ID number, to see the status, amend or withdraw. Also what the QR
 * code on the entry card carries, so the venue desk can check the athlete in.
 *
 * Decisions:
 * - Format 'DG-XXXX-XXXX': 8 characters from an alphabet without look-alikes (no 0/O,
 *   1/I/L, U/V), the last one a check character (weighted sum mod 29), so a typo is caught
 *   before the server is asked. 29^7 ≈ 1.3e10 codes: guessing one is hopeless, and the ID
 *   number is asked as well.
 * - Typing is forgiving: case, spaces, dashes, full-width characters and the 'DG' prefix
 *   are optional; letters outside the alphabet are rejected rather than guessed.
 * - The randomness comes from the caller (the core has no random source): 7 bytes in.
 */

/** The 29 characters of reference codes: digits 2-9 and letters without I, L, O, U, V. */
export const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTWXYZ';
const BASE = REFERENCE_ALPHABET.length;
const PAYLOAD = 7;

function checkChar(payload: string): string {
	let sum = 0;
	for (let i = 0; i < payload.length; i++) {
		sum += REFERENCE_ALPHABET.indexOf(payload.charAt(i)) * (i + 2);
	}
	return REFERENCE_ALPHABET.charAt(sum % BASE);
}

function format(chars: string): string {
	return `DG-${chars.slice(0, 4)}-${chars.slice(4, 8)}`;
}

/**
 * Builds a reference code from at least 7 random bytes (the server passes
 * crypto.randomBytes(7)); each byte picks one character, the eighth is the check character.
 */
export function makeReferenceCode(random: ArrayLike<number>): string {
	if (random.length < PAYLOAD) throw new RangeError('makeReferenceCode needs 7 random bytes');
	let payload = '';
	for (let i = 0; i < PAYLOAD; i++) payload += REFERENCE_ALPHABET.charAt((random[i] ?? 0) % BASE);
	return format(payload + checkChar(payload));
}

/**
 * The canonical form 'DG-XXXX-XXXX' of a typed or scanned reference code, or null when it
 * is not one (wrong length, a character outside the alphabet, or a wrong check character).
 * Accepts lower case, spaces, dashes, full-width characters, with or without 'DG'.
 */
export function normaliseReferenceCode(text: string): string | null {
	let cleaned = String(text ?? '')
		.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
		.toUpperCase()
		.replace(/[\s\-_–—.:]/g, '');
	if (cleaned.length === 10 && cleaned.startsWith('DG')) cleaned = cleaned.slice(2);
	if (cleaned.length !== PAYLOAD + 1) return null;
	if (![...cleaned].every((c) => REFERENCE_ALPHABET.includes(c))) return null;
	const payload = cleaned.slice(0, PAYLOAD);
	return checkChar(payload) === cleaned.charAt(PAYLOAD) ? format(cleaned) : null;
}

/** True for a reference code in any accepted spelling (see normaliseReferenceCode). */
export function isReferenceCode(text: string): boolean {
	return normaliseReferenceCode(text) !== null;
}

/** The text a QR code on an entry card carries: a prefix plus the reference code. */
export function qrPayload(referenceCode: string): string {
	return `DGENTRY:${referenceCode}`;
}

/** The reference code inside a scanned QR text or a typed code, or null. */
export function referenceFromScan(text: string): string | null {
	const trimmed = String(text ?? '').trim();
	const body = trimmed.toUpperCase().startsWith('DGENTRY:') ? trimmed.slice('DGENTRY:'.length) : trimmed;
	return normaliseReferenceCode(body);
}
