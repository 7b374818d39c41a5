/**
 * The competition programme as the organizer configures it: a category's format and its
 * settings. The draw and scoring areas read `formatConfig` back through `parseFormatConfig`,
 * so the settings a category is saved with are always complete and valid.
 *
 * Decisions:
 * - Every format has defaults (common practice at district level); the organizer changes
 *   only what differs, and missing settings are filled from the defaults.
 * - Validation returns every problem (code + params, texts in messages.ts), like the other
 *   registration rules, so the programme form can show them next to the fields.
 */

import type { Problem } from './problem';

/** The formats a category can be played in. */
export const FORMATS = ['groupsKnockout', 'knockout', 'swiss', 'darts501Knockout', 'dartsTotal'] as const;
export type Format = (typeof FORMATS)[number];

/** Tie-breaks a Swiss category may use (see src/lib/domain/standings/swissStandings.ts). */
export const SWISS_TIE_BREAKS = [
	'buchholz', 'buchholzCut1', 'medianBuchholz', 'sonnebornBerger', 'progressive', 'wins', 'directEncounter', 'blackGames'
] as const; // prettier-ignore
export type SwissTieBreak = (typeof SWISS_TIE_BREAKS)[number];

export interface GroupsKnockoutConfig {
	/** Games per match in the groups (table tennis best of 3, 5 or 7). */
	bestOf: 3 | 5 | 7;
	/** Games per match in the knockout stage. */
	knockoutBestOf: 3 | 5 | 7;
	/** Players per group (3 or 4 is usual). */
	groupSize: number;
	/** Players per group who go on to the knockout. */
	qualifiers: number;
	/** Play a match for third place instead of two bronze medals. */
	thirdPlace: boolean;
}
export interface KnockoutConfig {
	bestOf: 3 | 5 | 7;
	thirdPlace: boolean;
}
export interface SwissConfig {
	rounds: number;
	points: { win: number; draw: number; loss: number; bye: number };
	tieBreaks: SwissTieBreak[];
}
export interface Darts501Config {
	start: 301 | 501 | 701;
	legsToWin: number;
	doubleOut: boolean;
	thirdPlace: boolean;
}
export interface DartsTotalConfig {
	/** Rounds of three darts per player. */
	rounds: number;
	/** Players throwing in one flight (at one lane). */
	flightSize: number;
	/** Ties up to this place are settled by a throw-off. */
	throwOffPlaces: number;
}

export interface FormatConfigs {
	groupsKnockout: GroupsKnockoutConfig;
	knockout: KnockoutConfig;
	swiss: SwissConfig;
	darts501Knockout: Darts501Config;
	dartsTotal: DartsTotalConfig;
}

/** The settings a new category of each format starts with. */
export const DEFAULT_FORMAT_CONFIG: FormatConfigs = {
	groupsKnockout: { bestOf: 5, knockoutBestOf: 5, groupSize: 4, qualifiers: 2, thirdPlace: false },
	knockout: { bestOf: 5, thirdPlace: false },
	swiss: { rounds: 7, points: { win: 2, draw: 1, loss: 0, bye: 2 }, tieBreaks: ['buchholz', 'sonnebornBerger', 'wins'] },
	darts501Knockout: { start: 501, legsToWin: 2, doubleOut: true, thirdPlace: false },
	dartsTotal: { rounds: 10, flightSize: 8, throwOffPlaces: 3 }
};

/** Which formats suit which sport; the programme form offers only these. */
export const FORMATS_BY_SPORT: Record<string, readonly Format[]> = {
	tableTennis: ['groupsKnockout', 'knockout'],
	xiangqi: ['swiss'],
	darts: ['darts501Knockout', 'dartsTotal']
};

export function isFormat(value: unknown): value is Format {
	return typeof value === 'string' && (FORMATS as readonly string[]).includes(value);
}

const isInt = (v: unknown, min: number, max: number): v is number =>
	typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
const isNum = (v: unknown, min: number, max: number): v is number =>
	typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max;

/**
 * Checks a format's settings (defaults filled in first) and returns every problem.
 * Codes: format.unknown, format.best_of, format.group_size, format.qualifiers, format.rounds,
 * format.points, format.tie_breaks, format.start, format.legs, format.flight_size,
 * format.throw_off; params.field names the setting.
 */
export function validateFormatConfig(format: string, config: unknown): Problem[] {
	if (!isFormat(format)) return [{ code: 'format.unknown', params: { value: String(format) } }];
	const c = { ...DEFAULT_FORMAT_CONFIG[format], ...(typeof config === 'object' && config ? config : {}) } as Record<string, unknown>;
	const problems: Problem[] = [];
	const bestOf = (field: string) => {
		if (![3, 5, 7].includes(c[field] as number)) problems.push({ code: 'format.best_of', params: { field } });
	};
	const bool = (field: string) => {
		if (typeof c[field] !== 'boolean') problems.push({ code: 'format.flag', params: { field } });
	};
	switch (format) {
		case 'groupsKnockout':
			bestOf('bestOf');
			bestOf('knockoutBestOf');
			if (!isInt(c.groupSize, 3, 8)) problems.push({ code: 'format.group_size', params: { field: 'groupSize' } });
			if (!isInt(c.qualifiers, 1, 4) || (isInt(c.groupSize, 3, 8) && (c.qualifiers as number) >= c.groupSize)) {
				problems.push({ code: 'format.qualifiers', params: { field: 'qualifiers' } });
			}
			bool('thirdPlace');
			break;
		case 'knockout':
			bestOf('bestOf');
			bool('thirdPlace');
			break;
		case 'swiss': {
			if (!isInt(c.rounds, 1, 15)) problems.push({ code: 'format.rounds', params: { field: 'rounds' } });
			const p = c.points as Record<string, unknown> | undefined;
			const ok = p && ['win', 'draw', 'loss', 'bye'].every((k) => isNum(p[k], 0, 10)) && (p.win as number) > (p.loss as number);
			if (!ok) problems.push({ code: 'format.points', params: { field: 'points' } });
			const t = c.tieBreaks;
			if (!Array.isArray(t) || new Set(t).size !== t.length || !t.every((x) => (SWISS_TIE_BREAKS as readonly string[]).includes(x))) {
				problems.push({ code: 'format.tie_breaks', params: { field: 'tieBreaks' } });
			}
			break;
		}
		case 'darts501Knockout':
			if (![301, 501, 701].includes(c.start as number)) problems.push({ code: 'format.start', params: { field: 'start' } });
			if (!isInt(c.legsToWin, 1, 11)) problems.push({ code: 'format.legs', params: { field: 'legsToWin' } });
			bool('doubleOut');
			bool('thirdPlace');
			break;
		case 'dartsTotal':
			if (!isInt(c.rounds, 1, 30)) problems.push({ code: 'format.rounds', params: { field: 'rounds' } });
			if (!isInt(c.flightSize, 2, 40)) problems.push({ code: 'format.flight_size', params: { field: 'flightSize' } });
			if (!isInt(c.throwOffPlaces, 0, 10)) problems.push({ code: 'format.throw_off', params: { field: 'throwOffPlaces' } });
			break;
	}
	return problems;
}

/**
 * The complete settings of a category (defaults filled in) from the stored JSON text.
 * Throws a RangeError on an unknown format or invalid settings: stored settings were
 * validated when saved, so this only fails on a hand-edited database.
 */
export function parseFormatConfig<F extends Format>(format: F, json: string): FormatConfigs[F] {
	let raw: unknown = {};
	try {
		raw = JSON.parse(json || '{}');
	} catch {
		throw new RangeError(`formatConfig of a ${format} category is not JSON`);
	}
	const problems = validateFormatConfig(format, raw);
	if (problems.length > 0) throw new RangeError(`invalid ${format} settings: ${problems.map((p) => p.code).join(', ')}`);
	return { ...DEFAULT_FORMAT_CONFIG[format], ...(raw as object) } as FormatConfigs[F];
}
