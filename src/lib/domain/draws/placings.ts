/**
 * Final placings of a category, which feed the medal table (gold = place 1, silver = 2,
 * bronze = 3). Two sources: a knockout bracket (places follow the round a player lost in) and a
 * ranked list (Swiss standings, total-score darts, art rankings) whose shared ranks are kept.
 */
import { RuleViolation } from '../errors';

/** A final place; several players may share a place (two bronzes, four fifth places, …). */
export type Placing = { id: string; place: number };

/**
 * A decided knockout match, identified as in `bracketRounds`: round 1 is the first round, the
 * final is round log2(size) index 0, the third-place match that round's index 1. `loser` is null
 * when the winner advanced on a bye.
 */
export type KnockoutResult = { round: number; index: number; winner: string; loser: string | null };

/**
 * Places from a knockout: the final's winner 1, its loser 2; the semi-final losers share 3
 * unless a third-place match is played (then its winner 3, its loser 4; until it is played the
 * semi-final losers get no place, so no bronze is handed out early); quarter-final losers share
 * 5, round-of-16 losers share 9, and so on (a loser in a round of P players gets place P/2 + 1).
 * Players whose place is not decided yet are left out. Sorted by place, then by bracket order.
 * Called when a knockout result is confirmed, to refresh the category's placings.
 */
export function knockoutPlacings(input: {
	size: number;
	results: readonly KnockoutResult[];
	thirdPlace?: boolean;
}): Placing[] {
	const { size } = input;
	if (!Number.isInteger(size) || size < 2 || (size & (size - 1)) !== 0) {
		throw new RuleViolation(
			'draw.invalid_bracket_size',
			`Bracket size ${size} is not a power of two.`,
			{ size }
		);
	}
	const rounds = Math.round(Math.log2(size));
	const thirdPlace = input.thirdPlace === true && rounds >= 2;
	const placed = new Map<string, { place: number; order: number }>();
	const set = (id: string, place: number, order: number) => {
		const before = placed.get(id);
		if (before !== undefined && before.place !== place) {
			throw new RuleViolation(
				'placings.inconsistent_results',
				`Player ${id} is eliminated more than once in the results.`,
				{ id }
			);
		}
		placed.set(id, { place, order });
	};
	for (const r of input.results) {
		const count = size >> r.round;
		const isThird = thirdPlace && r.round === rounds && r.index === 1;
		const valid =
			Number.isInteger(r.round) &&
			r.round >= 1 &&
			r.round <= rounds &&
			Number.isInteger(r.index) &&
			r.index >= 0 &&
			(r.index < count || isThird);
		if (!valid) {
			throw new RuleViolation(
				'draw.invalid_match',
				`There is no match ${r.index + 1} in round ${r.round}.`,
				{ round: r.round, index: r.index }
			);
		}
	}
	for (const r of input.results) {
		const order = r.round * size + r.index;
		if (r.round === rounds && r.index === 0) {
			set(r.winner, 1, order);
			if (r.loser !== null) set(r.loser, 2, order);
		} else if (r.round === rounds) {
			set(r.winner, 3, order);
			if (r.loser !== null) set(r.loser, 4, order);
		} else if (r.loser !== null) {
			if (r.round === rounds - 1 && thirdPlace) continue; // placed by the third-place match
			set(r.loser, (size >> r.round) + 1, order);
		}
	}
	return [...placed.entries()]
		.sort((x, y) => x[1].place - y[1].place || x[1].order - y[1].order)
		.map(([id, p]) => ({ id, place: p.place }));
}

/**
 * Places from an already ranked list (Swiss standings, art ranking, total-score darts): the
 * place is the rank, shared ranks stay shared (1, 2, 2, 4). `limit` keeps places up to and
 * including that number (e.g. 8). Called when a Swiss or total-score category is closed.
 */
export function placingsFromRanking(
	rows: ReadonlyArray<{ id: string; rank: number }>,
	options: { limit?: number } = {}
): Placing[] {
	for (const row of rows) {
		if (!Number.isInteger(row.rank) || row.rank < 1) {
			throw new RuleViolation('placings.invalid_rank', `Player ${row.id} has an invalid rank.`, {
				id: row.id
			});
		}
	}
	const limit = options.limit ?? Infinity;
	return rows
		.map((row, i) => ({ id: row.id, place: row.rank, i }))
		.filter((row) => row.place <= limit)
		.sort((x, y) => x.place - y.place || x.i - y.i)
		.map(({ id, place }) => ({ id, place }));
}

/**
 * Competition ranking (1, 2, 2, 4) from scores, for total-score formats such as darts rounds;
 * equal scores share a place. `higherIsBetter` defaults to true.
 */
export function placingsFromScores(
	rows: ReadonlyArray<{ id: string; score: number }>,
	options: { higherIsBetter?: boolean; limit?: number } = {}
): Placing[] {
	const sign = options.higherIsBetter === false ? 1 : -1;
	const sorted = rows
		.map((row, i) => ({ ...row, i }))
		.sort((x, y) => sign * (x.score - y.score) || x.i - y.i);
	const ranked: Array<{ id: string; rank: number }> = [];
	sorted.forEach((row, i) => {
		const prev = sorted[i - 1];
		const tied = prev !== undefined && prev.score === row.score;
		const rank = tied ? (ranked[i - 1]?.rank ?? i + 1) : i + 1;
		ranked.push({ id: row.id, rank });
	});
	return placingsFromRanking(ranked, options);
}

/** The medal a place earns in the medal table. */
export function medalFor(place: number): 'gold' | 'silver' | 'bronze' | null {
	if (place === 1) return 'gold';
	if (place === 2) return 'silver';
	if (place === 3) return 'bronze';
	return null;
}
