/**
 * Free text as people type it, cleaned of what they cannot see. Bidi controls (U+202A–U+202E,
 * U+2066–U+2069), zero-width characters (U+200B–U+200F), the byte-order mark, soft hyphens and
 * every other Unicode format character (category Cf) are invisible: in a name they spoof what a
 * reader sees ('‮nimda' shows as 'admin'), defeat duplicate checks and searches. They are
 * removed; control characters become spaces (or stay line breaks in multi-line text). Ordinary
 * CJK text and the middle dot of ethnic-minority names (U+00B7 '·', a visible punctuation mark)
 * are kept. Text is NFC-normalised so that the same name is stored the same way.
 */

const FORMAT = /\p{Cf}/gu;
const CONTROLS_ONE_LINE = /[\p{Cc}\u2028\u2029]/gu;
const CONTROLS_MULTI_LINE = /[\p{Cc}\u2028\u2029]/gu;

/**
 * Removes invisible format characters and control characters from free text. Called by the
 * shared zod text schema (src/lib/schemas/text.ts) at every input boundary; `multiline` keeps
 * line breaks (descriptions, statements) as '\n'.
 */
export function cleanText(input: string, options: { multiline?: boolean } = {}): string {
	const text = input.normalize('NFC').replace(FORMAT, '');
	if (!options.multiline) return text.replace(CONTROLS_ONE_LINE, ' ');
	return text
		.replace(/\r\n?|[\u2028\u2029]/g, '\n')
		.replace(CONTROLS_MULTI_LINE, (c) => (c === '\n' ? '\n' : c === '\t' ? ' ' : ''));
}

/** True when the text holds a character cleanText would remove or replace (for tests and audits). */
export function hasInvisibleCharacters(input: string): boolean {
	return /[\p{Cf}\p{Cc}\u2028\u2029]/u.test(input);
}
