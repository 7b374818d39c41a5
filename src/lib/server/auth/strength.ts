/**
 * Password strength for staff accounts, with zxcvbn-ts (a maintained estimator: dictionaries
 * of common passwords, names and words, keyboard patterns, repeats, sequences and dates). A
 * new password must score at least 3 of 4 ("safely unguessable" against online guessing and
 * moderate offline guessing) besides having 10 characters. The estimator's warning names the
 * weakness; it is returned as one of our own message keys, so both languages say it.
 */
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';

/** The lowest zxcvbn score accepted for a staff password. */
export const MIN_PASSWORD_SCORE = 3;

const WARNINGS = [
	'straightRow',
	'keyPattern',
	'simpleRepeat',
	'extendedRepeat',
	'sequences',
	'recentYears',
	'dates',
	'topTen',
	'topHundred',
	'common',
	'similarToCommon',
	'wordByItself',
	'namesByThemselves',
	'commonNames',
	'userInputs',
	'pwned'
] as const;

let factory: ZxcvbnFactory | undefined;

function estimator(): ZxcvbnFactory {
	// Translations that return the warning's own name: we translate it with our catalogues.
	const warnings = Object.fromEntries(WARNINGS.map((w) => [w, w]));
	const suggestions = Object.fromEntries(Object.keys(en.translations.suggestions).map((s) => [s, s]));
	factory ??= new ZxcvbnFactory({
		dictionary: { ...common.dictionary, ...en.dictionary },
		graphs: common.adjacencyGraphs,
		translations: { ...en.translations, warnings: warnings as typeof en.translations.warnings, suggestions: suggestions as typeof en.translations.suggestions }
	});
	return factory;
}

/**
 * Null when `password` is strong enough, else the message key that says why
 * (`validation.password_weak` or one of its `.warning` variants). `userInputs` are words the
 * password must not lean on (the username, the site's name).
 */
export function passwordWeakness(password: string, userInputs: string[] = []): string | null {
	const result = estimator().check(password, ['district', 'games', ...userInputs]);
	if (result.score >= MIN_PASSWORD_SCORE) return null;
	const warning = result.feedback.warning;
	return warning && (WARNINGS as readonly string[]).includes(warning) ? `validation.password_weak.${warning}` : 'validation.password_weak';
}
