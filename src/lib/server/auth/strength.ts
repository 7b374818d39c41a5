/**
 * Password strength for staff accounts, with zxcvbn-ts (a maintained estimator: dictionaries
 * of common passwords, names and words, keyboard patterns, repeats, sequences and dates). A
 * new password must score 4 of 4 (about 10¹⁰ guesses) besides having 10 characters: a score of
 * 3 is reached by any three glued patterns (zxcvbn adds a fixed cost per part), which lets
 * `districtgames2026` and `Admin2026!!` through. The estimator also gets the app's own words
 * (the site, its sports and roles, the edition's name in English and in pinyin, the person's
 * username and name), so a password built from what an attacker sees on the login page counts
 * as the guess it is. The weakness is returned as one of our own message keys, so both
 * languages say why and what to do.
 */
import { ZxcvbnFactory, type MatchExtended } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import { pinyin } from 'pinyin-pro';

/** The lowest zxcvbn score accepted for a staff password. */
export const MIN_PASSWORD_SCORE = 4;

/** Words anyone sees on this site; a password made of them is among the first guesses. */
export const APP_WORDS = [
	'district',
	'games',
	'districtgames',
	'disability',
	'disabilities',
	'disabled',
	'persons',
	'para',
	'sport',
	'sports',
	'table',
	'tennis',
	'tabletennis',
	'pingpong',
	'xiangqi',
	'chess',
	'darts',
	'art',
	'referee',
	'organizer',
	'organiser',
	'coordinator',
	'juror',
	'jury',
	'admin',
	'administrator',
	'street',
	'live',
	// The same in pinyin: 区 残疾人 运动会 乒乓球 象棋 飞镖 裁判 组委会 街道 残联.
	'qu',
	'canji',
	'canjiren',
	'yundonghui',
	'pingpangqiu',
	'feibiao',
	'caipan',
	'zuweihui',
	'jiedao',
	'canlian',
	'tiyu'
] as const;

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
type Warning = (typeof WARNINGS)[number];

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

const HAN = /\p{Script=Han}/u;

/** Adds every run of two to four consecutive `parts` glued together, and all of them glued. */
function addRuns(words: Set<string>, parts: string[]): void {
	for (let length = 2; length <= 4; length++) {
		for (let i = 0; i + length <= parts.length; i++) words.add(parts.slice(i, i + length).join(''));
	}
	if (parts.length > 1) words.add(parts.join(''));
}

/**
 * The guessable words in free texts (a username, a display name, the edition's names): each
 * word in lower case, every run of two to four words glued (`personswithdisabilities`) and the
 * whole text glued, and the same for the pinyin syllables of Chinese text (`canjiren`,
 * `yundonghui`), since nobody can tell where a typed pinyin word ends.
 */
export function guessableWords(texts: Array<string | null | undefined>): string[] {
	const words = new Set<string>();
	for (const text of texts) {
		if (!text) continue;
		const parts = text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
		for (const part of parts) if (!HAN.test(part)) words.add(part);
		addRuns(words, parts.filter((p) => !HAN.test(p)));
		if (HAN.test(text)) {
			const syllables = pinyin(text, { toneType: 'none', type: 'array', nonZh: 'removed' })
				.map((s) => s.toLowerCase().replace(/[^a-z]/g, ''))
				.filter(Boolean);
			addRuns(words, syllables);
		}
	}
	return [...words].filter((w) => w.length >= 2);
}

/** Why a password that scored too low is weak, when zxcvbn itself gave no warning (it gives none from score 3). */
function inferredWarning(sequence: MatchExtended[]): Warning | null {
	if (sequence.some((m) => m.pattern === 'dictionary' && m.dictionaryName === 'userInputs')) return 'userInputs';
	if (sequence.some((m) => m.pattern === 'regex' && m.regexName === 'recentYear')) return 'recentYears';
	if (sequence.some((m) => m.pattern === 'date')) return 'dates';
	if (sequence.some((m) => m.pattern === 'repeat')) return 'simpleRepeat';
	if (sequence.some((m) => m.pattern === 'sequence')) return 'sequences';
	if (sequence.some((m) => m.pattern === 'spatial')) return 'keyPattern';
	if (sequence.some((m) => m.pattern === 'dictionary')) return 'common';
	return null;
}

/**
 * Null when `password` is strong enough, else the message key that says why
 * (`validation.password_weak` or one of its `.warning` variants). `userInputs` are further
 * words the password must not lean on (the person's username and name, the edition's names:
 * see `guessableWords`); the app's own words always count.
 */
export function passwordWeakness(password: string, userInputs: string[] = []): string | null {
	const result = estimator().check(password, [...APP_WORDS, ...userInputs]);
	if (result.score >= MIN_PASSWORD_SCORE) return null;
	const given = result.feedback.warning;
	const warning = given && (WARNINGS as readonly string[]).includes(given) ? (given as Warning) : inferredWarning(result.sequence);
	return warning ? `validation.password_weak.${warning}` : 'validation.password_weak';
}
