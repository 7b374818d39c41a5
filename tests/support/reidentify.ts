/**
 * An attacker's toolkit for the masking rule: from everything a screen, export, audit record or
 * log line shows about one person, rebuild the candidates for their 18-character resident ID.
 * Used by tests/integration/adversarial-data.test.ts, which fails when a view narrows the
 * number down to a handful of candidates.
 *
 * The attacker is generous to themselves: they know the person's region code (the street gives
 * it away in a district), read every labelled birth date and age, every mask (any 18/20-character
 * run of digits, X and '*'), and then enumerate the hidden birth dates and sequence digits,
 * keeping only numbers whose MOD 11-2 check character is right.
 */
import { residentIdCheckChar } from '../../src/lib/domain/registration/identity';
import { ageOn, formatIsoDate, parseIsoDate } from '../../src/lib/domain/registration/dates';

/** What a view shows that narrows a person's ID number. */
export interface Shown {
	masks: string[];
	birthDates: string[];
	ages: number[];
}

export const nothingShown = (): Shown => ({ masks: [], birthDates: [], ages: [] });

const MASK = /^[0-9Xx*]{18}([0-9*]{2})?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const BIRTH_LABEL = /birth|出生/i;
const AGE_LABEL = /^age$|^年龄|^age\b/i;

/** Reads a JSON-like value (an API response, an audit record, a labelled spreadsheet row) into what it shows. */
export function readShown(value: unknown, into: Shown = nothingShown(), label = ''): Shown {
	if (typeof value === 'string') {
		if (MASK.test(value) && value.includes('*')) into.masks.push(value.toUpperCase());
		else if (BIRTH_LABEL.test(label) && ISO_DATE.test(value)) into.birthDates.push(value);
		else if (AGE_LABEL.test(label) && /^\d{1,3}$/.test(value)) into.ages.push(Number(value));
		else if (value.length > 1 && (value.startsWith('{') || value.startsWith('['))) {
			try {
				readShown(JSON.parse(value), into, label);
			} catch {
				/* not JSON */
			}
		}
	} else if (typeof value === 'number') {
		if (AGE_LABEL.test(label)) into.ages.push(value);
	} else if (Array.isArray(value)) {
		for (const item of value) readShown(item, into, label);
	} else if (value && typeof value === 'object') {
		for (const [key, item] of Object.entries(value)) readShown(item, into, key);
	}
	return into;
}

/** Merges what several views show about the same person (an attacker who sees them all). */
export function merge(...views: Shown[]): Shown {
	return { masks: views.flatMap((v) => v.masks), birthDates: views.flatMap((v) => v.birthDates), ages: views.flatMap((v) => v.ages) };
}

const DAY = 86_400_000;
const toUtc = (iso: string) => {
	const d = parseIsoDate(iso)!;
	return Date.UTC(d.year, d.month - 1, d.day);
};
const fromUtc = (ms: number) => {
	const d = new Date(ms);
	return formatIsoDate({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
};

/**
 * Every resident ID consistent with what was shown, or null when the views pin nothing down
 * about the birth date (no birth date, no age: tens of thousands of dates × 1,000 sequences,
 * never a leak). `region` is the attacker's guess (the true one, to be safe); `referenceDate`
 * is the day ages count on.
 */
export function candidates(shown: Shown, options: { region: string; referenceDate: string }): string[] | null {
	let dates: string[];
	if (shown.birthDates.length > 0) {
		dates = [...new Set(shown.birthDates)];
	} else if (shown.ages.length > 0) {
		const age = shown.ages[0]!;
		const ref = toUtc(options.referenceDate);
		dates = [];
		for (let t = ref - (age + 2) * 366 * DAY; t <= ref - (age - 1) * 365 * DAY; t += DAY) {
			const d = fromUtc(t);
			if (ageOn(d, options.referenceDate) === age) dates.push(d);
		}
	} else {
		return null;
	}
	dates = dates.filter((d) => shown.ages.every((a) => ageOn(d, options.referenceDate) === a));
	const masks = shown.masks.map((m) => m.slice(0, 18));
	const region = masks.find((m) => !m.slice(0, 6).includes('*'))?.slice(0, 6) ?? options.region;
	const sequences: string[] = [];
	for (let seq = 0; seq < 1000; seq++) {
		const s = String(seq).padStart(3, '0');
		if (masks.every((m) => [...s].every((c, i) => m[14 + i] === '*' || m[14 + i] === c))) sequences.push(s);
	}
	const out: string[] = [];
	for (const date of dates) {
		for (const seq of sequences) {
			const first17 = region + date.replace(/-/g, '') + seq;
			const id = first17 + residentIdCheckChar(first17);
			if (masks.every((m) => [...m].every((c, i) => c === '*' || c === id[i]))) out.push(id);
		}
	}
	return out;
}
