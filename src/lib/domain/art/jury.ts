/**
 * Jury rules for the art showcases: validating a juror's score, the final score of an
 * entry, the ranking, weighted criteria, conflicts of interest, outlier jurors and the
 * selection of entries for higher-level exhibitions by quota.
 *
 * Decisions:
 * - Arithmetic is exact: every score is converted to integer millionths (scores with more
 *   than six decimals are rounded to six), so the same scores in any order give the same
 *   result and ties are real ties, not floating-point accidents.
 * - `finalScore` and the untrimmed `mean` are rounded to 2 decimals (half away from zero),
 *   the precision published on score sheets; `decimals` (0-6) changes it. The ranking
 *   compares these published numbers, so every ordering can be explained from the sheet.
 * - "Top scores" of an entry = how many jurors gave it the top mark, where the top mark is
 *   `options.topScore` when given (e.g. the scale maximum) and otherwise the highest score
 *   given to any entry in the ranking.
 */

import { RuleViolation, type Result } from '../errors';
import { formatArtMessage } from './messages';

const MICRO = 1_000_000;
const DEFAULT_DECIMALS = 2;
/** From this many scores up, the highest and the lowest are dropped. */
export const TRIM_FROM = 5;

function toMicro(score: number): number {
	if (typeof score !== 'number' || !Number.isFinite(score)) {
		throw new RuleViolation('jury.score_not_number', 'A score is not a number.', {
			value: String(score)
		});
	}
	return Math.round(score * MICRO);
}

function checkDecimals(decimals: number): number {
	if (!Number.isInteger(decimals) || decimals < 0 || decimals > 6) {
		throw new RuleViolation('jury.decimals_invalid', 'decimals must be a whole number 0-6.', {
			decimals
		});
	}
	return decimals;
}

/** sum / count (sum in millionths) rounded to `decimals`, half away from zero, as an integer. */
function roundedQuotient(sumMicro: number, count: number, decimals: number): number {
	const den = count * 10 ** (6 - decimals);
	const q = Math.floor((2 * Math.abs(sumMicro) + den) / (2 * den));
	return sumMicro < 0 ? -q : q;
}

interface Computed {
	finalUnits: number;
	meanUnits: number;
	micro: number[];
	trimmed: boolean;
}

function compute(scores: readonly number[], decimals: number, id?: string): Computed {
	if (!Array.isArray(scores) || scores.length === 0) {
		throw new RuleViolation(
			'jury.no_scores',
			'An entry without scores cannot be given a final score.',
			id === undefined ? {} : { entryId: id }
		);
	}
	const micro = scores.map(toMicro).sort((a, b) => a - b);
	const total = micro.reduce((s, x) => s + x, 0);
	const trimmed = micro.length >= TRIM_FROM;
	const kept = trimmed ? total - (micro[0] as number) - (micro[micro.length - 1] as number) : total;
	const keptCount = trimmed ? micro.length - 2 : micro.length;
	return {
		finalUnits: roundedQuotient(kept, keptCount, decimals),
		meanUnits: roundedQuotient(total, micro.length, decimals),
		micro,
		trimmed
	};
}

/**
 * The final score of an entry: the mean of its scores after dropping the single highest and
 * the single lowest when there are five or more scores (plain mean with one to four),
 * rounded to `decimals` (default 2). Throws RuleViolation 'jury.no_scores' for an empty
 * list and 'jury.score_not_number' for NaN/Infinity. O(n log n).
 */
export function finalScore(scores: number[], options: { decimals?: number } = {}): number {
	const decimals = checkDecimals(options.decimals ?? DEFAULT_DECIMALS);
	return compute(scores, decimals).finalUnits / 10 ** decimals;
}

/** An entry of the ranking. */
export interface RankedEntry {
	id: string;
	/** Trimmed mean, rounded (see finalScore). */
	finalScore: number;
	/** Untrimmed mean of all scores, rounded the same way; first tie-break. */
	mean: number;
	/** Number of jurors who gave the top mark; second tie-break. */
	topScores: number;
	/** 1-based; entries tied on finalScore, mean and topScores share a rank (1, 1, 3). */
	rank: number;
	/** How many scores the entry has. */
	scoreCount: number;
	/** True when the highest and lowest scores were dropped. */
	trimmed: boolean;
}

/** Options of `rank`. */
export interface RankOptions {
	decimals?: number;
	/** The top mark counted by `topScores`; default: highest score given in this ranking. */
	topScore?: number;
}

/**
 * Ranks art entries: final score descending, ties broken by the untrimmed mean, then by the
 * number of top marks; entries equal on all three share a rank (and are listed by id so
 * the order is stable). Every entry needs at least one score: throws RuleViolation
 * 'jury.no_scores' (params.entryId) otherwise, so the caller filters unscored entries
 * explicitly. O(total scores · log).
 */
export function rank(
	entries: ReadonlyArray<{ id: string; scores: number[] }>,
	options: RankOptions = {}
): RankedEntry[] {
	const decimals = checkDecimals(options.decimals ?? DEFAULT_DECIMALS);
	const computed = entries.map((e) => ({ id: e.id, ...compute(e.scores, decimals, e.id) }));
	const top =
		options.topScore !== undefined
			? toMicro(options.topScore)
			: Math.max(...computed.map((c) => c.micro[c.micro.length - 1] as number));
	const rows = computed.map((c) => ({
		...c,
		topScores: c.micro.filter((m) => m === top).length
	}));
	rows.sort(
		(a, b) =>
			b.finalUnits - a.finalUnits ||
			b.meanUnits - a.meanUnits ||
			b.topScores - a.topScores ||
			(a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
	);
	const scale = 10 ** decimals;
	const result: RankedEntry[] = [];
	rows.forEach((row, index) => {
		const previous = rows[index - 1];
		const prevRanked = result[index - 1];
		const tied =
			previous !== undefined &&
			prevRanked !== undefined &&
			previous.finalUnits === row.finalUnits &&
			previous.meanUnits === row.meanUnits &&
			previous.topScores === row.topScores;
		result.push({
			id: row.id,
			finalScore: row.finalUnits / scale,
			mean: row.meanUnits / scale,
			topScores: row.topScores,
			rank: tied ? prevRanked.rank : index + 1,
			scoreCount: row.micro.length,
			trimmed: row.trimmed
		});
	});
	return result;
}

/**
 * One juror's score of an entry judged on several criteria (e.g. idea 30 %, technique 40 %,
 * expression 30 %): the weighted average Σ score·weight / Σ weight, so weights need not add
 * up to 1 or 100. Rounded to 6 decimals to remove floating-point noise; feed the result to
 * finalScore/rank. Throws RuleViolation 'jury.criterion_missing' (a weighted criterion has
 * no score), 'jury.criterion_unknown' (a score for a criterion without weight),
 * 'jury.weights_invalid' (negative or non-numeric weight, or all weights zero) and
 * 'jury.score_not_number'.
 */
export function weightedScore(
	criteriaScores: Record<string, number>,
	weights: Record<string, number>
): number {
	let weightSum = 0;
	let total = 0;
	for (const [criterion, weight] of Object.entries(weights)) {
		if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0) {
			throw new RuleViolation('jury.weights_invalid', 'Weights must be non-negative numbers.', {
				criterion
			});
		}
		const score = criteriaScores[criterion];
		if (score === undefined) {
			throw new RuleViolation('jury.criterion_missing', `No score for "${criterion}".`, {
				criterion
			});
		}
		toMicro(score);
		weightSum += weight;
		total += score * weight;
	}
	for (const criterion of Object.keys(criteriaScores)) {
		if (!(criterion in weights)) {
			throw new RuleViolation('jury.criterion_unknown', `"${criterion}" has no weight.`, {
				criterion
			});
		}
	}
	if (weightSum <= 0) {
		throw new RuleViolation('jury.weights_invalid', 'At least one weight must be positive.', {
			criterion: ''
		});
	}
	return Math.round((total / weightSum) * MICRO) / MICRO;
}

/** The scoring scale an organizer configures, e.g. { min: 0, max: 10, step: 0.5 }. */
export interface ScoreScale {
	min: number;
	max: number;
	/** Allowed increments counted from `min`; omit for any value in range. */
	step?: number;
}

function fail<T>(code: string, params: Record<string, string | number>): Result<T> {
	return { ok: false, error: { code, message: formatArtMessage(code, params, 'en'), params } };
}

/**
 * Validates a score a juror enters (a number, or the text of a form field; surrounding
 * spaces and full-width digits are accepted) against the scale. Returns the number or an
 * error: jury.score_not_number, jury.score_out_of_range, jury.score_step,
 * jury.scale_invalid (the scale itself is wrong: min >= max or step <= 0).
 */
export function validateScore(score: number | string, scale: ScoreScale): Result<number> {
	const { min, max, step } = scale;
	if (
		!Number.isFinite(min) ||
		!Number.isFinite(max) ||
		min >= max ||
		(step !== undefined && !(Number.isFinite(step) && step > 0))
	) {
		return fail('jury.scale_invalid', { min, max, step: step ?? '' });
	}
	let value: number;
	if (typeof score === 'number') {
		value = score;
	} else {
		const text = String(score ?? '')
			.replace(/[\uFF10-\uFF19\uFF0E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
			.trim();
		value = text === '' ? NaN : Number(text);
	}
	if (!Number.isFinite(value)) return fail('jury.score_not_number', { value: String(score) });
	if (value < min || value > max) return fail('jury.score_out_of_range', { min, max, score: value });
	if (step !== undefined) {
		const steps = (value - min) / step;
		if (Math.abs(steps - Math.round(steps)) > 1e-9) {
			return fail('jury.score_step', { min, step, score: value });
		}
		return { ok: true, value: Math.round((min + Math.round(steps) * step) * MICRO) / MICRO };
	}
	return { ok: true, value };
}

/** One score of the panel, as the jury tables store them. */
export interface PanelScore {
	jurorId: string;
	entryId: string;
	score: number;
}

/** How far a juror scores from the rest of the panel. */
export interface JurorDeviation {
	jurorId: string;
	/** Mean |score − entry median| over the entries this juror scored. */
	deviation: number;
	/** The same mean over all OTHER jurors' scores (leave-one-out panel spread). */
	baseline: number;
	/** Mean signed (score − entry median): negative = harsher than the panel. */
	bias: number;
	/** Entries counted for this juror. */
	entries: number;
}

/** Options of `outliers` / `jurorDeviations`. */
export interface OutlierOptions {
	/** Entries with fewer scores are ignored (their median says little). Default 3. */
	minScoresPerEntry?: number;
	/** Floor for the baseline, e.g. the scale step, so a near-unanimous panel is not noisy. Default 0. */
	minSpread?: number;
}

/**
 * For every juror: how far their scores lie from the entry medians, compared with the
 * rest of the panel (see JurorDeviation). Used by the organizer's jury overview.
 * O(S log S) for S scores.
 */
export function jurorDeviations(
	panelScores: ReadonlyArray<PanelScore>,
	options: OutlierOptions = {}
): JurorDeviation[] {
	const minScores = options.minScoresPerEntry ?? 3;
	const byEntry = new Map<string, PanelScore[]>();
	for (const s of panelScores) {
		toMicro(s.score);
		const list = byEntry.get(s.entryId) ?? [];
		list.push(s);
		byEntry.set(s.entryId, list);
	}
	const perJuror = new Map<string, { abs: number; signed: number; n: number }>();
	let totalAbs = 0;
	let totalN = 0;
	for (const list of byEntry.values()) {
		if (list.length < minScores) continue;
		const sorted = list.map((s) => s.score).sort((a, b) => a - b);
		const mid = sorted.length >> 1;
		const median =
			sorted.length % 2 === 1
				? (sorted[mid] as number)
				: ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
		for (const s of list) {
			const acc = perJuror.get(s.jurorId) ?? { abs: 0, signed: 0, n: 0 };
			const diff = s.score - median;
			acc.abs += Math.abs(diff);
			acc.signed += diff;
			acc.n += 1;
			perJuror.set(s.jurorId, acc);
			totalAbs += Math.abs(diff);
			totalN += 1;
		}
	}
	const round = (x: number) => Math.round(x * MICRO) / MICRO;
	return [...perJuror.entries()].map(([jurorId, acc]) => ({
		jurorId,
		deviation: round(acc.abs / acc.n),
		baseline: totalN - acc.n > 0 ? round((totalAbs - acc.abs) / (totalN - acc.n)) : 0,
		bias: round(acc.signed / acc.n),
		entries: acc.n
	}));
}

/**
 * Jurors who score far from the panel: a juror is flagged when their mean absolute
 * deviation from the entry medians exceeds `threshold` (k, default 2) times the same
 * measure over the other jurors (floored by options.minSpread). A hint for the organizer
 * (message 'jury.outlier'), never an automatic exclusion. Sorted by deviation, largest first.
 */
export function outliers(
	panelScores: ReadonlyArray<PanelScore>,
	threshold = 2,
	options: OutlierOptions = {}
): JurorDeviation[] {
	const floor = options.minSpread ?? 0;
	return jurorDeviations(panelScores, options)
		.filter((j) => j.deviation > threshold * Math.max(j.baseline, floor))
		.sort((a, b) => b.deviation - a.deviation || (a.jurorId < b.jurorId ? -1 : 1));
}

/**
 * Whether a juror may score an entry: never an entry from the juror's own street
 * ('jury.own_street'), never one for which the juror declared a conflict of interest
 * ('jury.declared_conflict'); both reasons are listed when both apply. A juror from outside
 * the district (street null/undefined) is only bound by declared conflicts. Used when
 * assigning entries to jurors and again when a score is submitted.
 */
export function jurorMayScore(input: {
	jurorStreet?: string | null;
	entryStreet?: string | null;
	declaredConflict?: boolean;
}): { allowed: true } | { allowed: false; reasons: Array<{ code: string; params: Record<string, string | number> }> } {
	const reasons: Array<{ code: string; params: Record<string, string | number> }> = [];
	if (
		input.jurorStreet !== null &&
		input.jurorStreet !== undefined &&
		input.jurorStreet === input.entryStreet
	) {
		reasons.push({ code: 'jury.own_street', params: {} });
	}
	if (input.declaredConflict === true) reasons.push({ code: 'jury.declared_conflict', params: {} });
	return reasons.length === 0 ? { allowed: true } : { allowed: false, reasons };
}

/** The outcome of one selection list. */
export interface QuotaSelection {
	list: string;
	size: number;
	/** Selected entry ids in ranking order (never more than size). */
	selected: string[];
	/**
	 * Entries sharing the rank at the cut-off that do not all fit; the organizer decides
	 * among them (message 'jury.tied_at_cutoff'). Empty when the cut-off is clean.
	 */
	tiedAtCutoff: string[];
	/** Places left unfilled (size − selected), to be given to tiedAtCutoff entries or left open. */
	openPlaces: number;
}

/**
 * Selects entries for higher-level exhibitions by quota from a ranking (output of `rank`,
 * or any list of { id, rank }). By default the lists are independent: each takes the top N
 * of the ranking, so an entry in the top 3 goes to the national collection AND to the
 * regional one. With { exclusive: true } the lists are filled in the order given, each from
 * the entries not selected by an earlier list. Ties are never broken silently: a group of
 * entries sharing a rank is taken only if it fits completely; otherwise it is reported as
 * tiedAtCutoff and the list stops. Throws RuleViolation 'jury.quota_invalid' for a size
 * that is not a whole number >= 0. O(lists · entries).
 */
export function selectByQuota(
	ranked: ReadonlyArray<{ id: string; rank: number }>,
	quotas: ReadonlyArray<{ list: string; size: number }>,
	options: { exclusive?: boolean } = {}
): QuotaSelection[] {
	const ordered = [...ranked].sort((a, b) => a.rank - b.rank);
	const taken = new Set<string>();
	return quotas.map(({ list, size }) => {
		if (!Number.isInteger(size) || size < 0) {
			throw new RuleViolation('jury.quota_invalid', `The quota of "${list}" is not valid.`, {
				list,
				size: String(size)
			});
		}
		const pool = options.exclusive ? ordered.filter((e) => !taken.has(e.id)) : ordered;
		const selected: string[] = [];
		let tiedAtCutoff: string[] = [];
		let i = 0;
		while (i < pool.length && selected.length < size) {
			const groupRank = (pool[i] as { rank: number }).rank;
			const group: string[] = [];
			while (i < pool.length && (pool[i] as { rank: number }).rank === groupRank) {
				group.push((pool[i] as { id: string }).id);
				i += 1;
			}
			if (selected.length + group.length <= size) {
				selected.push(...group);
			} else {
				tiedAtCutoff = group;
				break;
			}
		}
		if (options.exclusive) for (const id of selected) taken.add(id);
		return { list, size, selected, tiedAtCutoff, openPlaces: size - selected.length };
	});
}
