/**
 * The one zod schema for free text typed by people (names, guardians, art titles and
 * descriptions, alt texts, reasons, venue names …). Every input schema builds its free text
 * fields from `text()`, so invisible format characters (bidi controls such as U+202E,
 * zero-width characters, …) never reach the database: they are stripped by the domain's
 * `cleanText`, then the text is trimmed, and only then are the caller's `.min()` / `.max()`
 * checks applied — so a name made only of invisible characters counts as empty.
 */
import { z } from 'zod';
import { cleanText } from '$lib/domain/text';

/** A one-line free text field: cleaned and trimmed; chain `.min()` / `.max()` / `.default()` as with `z.string()`. */
export function text() {
	return z.string().overwrite((value) => cleanText(value)).trim();
}

/** A multi-line free text field (descriptions, statements, alt texts): line breaks kept. */
export function multilineText() {
	return z.string().overwrite((value) => cleanText(value, { multiline: true })).trim();
}
