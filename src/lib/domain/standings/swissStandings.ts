/**
 * Standings of a Swiss event (xiangqi): score, then the tie-breaks the organizer chose, in
 * order. Chinese names: 对手分 = Buchholz, 累进分 = progressive, 小分 = Sonneborn-Berger,
 * 直胜 = direct encounter, 后走局数 = games as black, 胜局数 = wins.
 *
 * Unplayed rounds (FIDE Tie-Break Regulations 2023, C.07 art. 16; rule text also in
 * swissMessages 'swiss.tiebreak_rule.unplayed'): every round a player did not play over the
 * board — a bye, a forfeit won or lost (弃权), a half- or zero-point bye for an absence
 * announced in advance, an absence not in that round's record, the rounds after withdrawing —
 * scores its points (win, loss, draw …) but counts in the opponent-based tie-breaks
 * (Buchholz, its cut/median variants, Sonneborn-Berger) as a game against a virtual opponent
 * whose score is the player's own final score. A real opponent counts with the points they
 * actually scored (their own forfeits included). The Buchholz cuts remove unplayed rounds
 * first: Buchholz cut 1 and the lower cut of the median drop one unplayed round when there is
 * one, and the lowest real opponent otherwise. Forfeits are not games: they add no win, no
 * black game and no direct encounter.

 * Direct encounter (rule, also in 'swiss.tiebreak_rule.direct_encounter'): within each set
 * of players tied on score and on every tie-break listed before it, the points each scored
 * in games against the others of the set; computed only when every two of them met,
 * otherwise 0 for the whole set (so it does not separate them and the next tie-break does).
 * A player not tied with anyone gets 0.
 *
 * All values are "higher is better". Internally everything is an exact integer (points are
 * scaled), so players who are truly tied compare equal and share a rank.
 */
import { RuleViolation } from '../errors';
import {
	boardPoints,
	indexHistory,
	isPlayed,
	scalePoints,
	type SwissGame,
	type SwissPlayer,
	type SwissPoints
} from '../draws/swiss/history';

/** The tie-breaks an organizer can choose, in any order. */
export type SwissTieBreak =
	| 'buchholz'
	| 'buchholzCut1'
	| 'medianBuchholz'
	| 'sonnebornBerger'
	| 'progressive'
	| 'wins'
	| 'directEncounter'
	| 'blackGames';

/** Every tie-break key, for settings forms and validation in the layers above. */
export const SWISS_TIE_BREAKS: readonly SwissTieBreak[] = [
	'buchholz',
	'buchholzCut1',
	'medianBuchholz',
	'sonnebornBerger',
	'progressive',
	'wins',
	'directEncounter',
	'blackGames'
];

/** Input of `swissStandings` (the contract in DESIGN.md). */
export interface SwissStandingsInput {
	players: ReadonlyArray<SwissPlayer>;
	history: ReadonlyArray<ReadonlyArray<SwissGame>>;
	points: SwissPoints;
	tieBreaks: ReadonlyArray<SwissTieBreak>;
}

/** One line of the standings; `tieBreaks` holds a value for every requested tie-break. */
export interface SwissStanding {
	id: string;
	score: number;
	tieBreaks: Record<string, number>;
	rank: number;
}

/**
 * Computes the standings table. Called by the standings router after every result and by the
 * public/live pages; players fully tied on score and all tie-breaks share a rank (1, 1, 3).
 * Withdrawn players are listed with what they scored. O(n·R + n log n) for n players and R
 * rounds (direct encounter adds O(k²) per tied set of k players).
 */
export function swissStandings(input: SwissStandingsInput): SwissStanding[] {
	const indexed = indexHistory(input.players, input.history);
	const { scale, scaled } = scalePoints(input.points);
	const order: SwissTieBreak[] = [];
	for (const tb of input.tieBreaks) {
		if (!SWISS_TIE_BREAKS.includes(tb)) {
			throw new RuleViolation('swiss.unknown_tiebreak', `Unknown tie-break ${String(tb)}.`, {
				tieBreak: String(tb)
			});
		}
		if (!order.includes(tb)) order.push(tb);
	}
	const n = indexed.ids.length;
	const rounds = indexed.rounds.length;

	// Per player, per round: opponent (-1 unplayed with a record, -2 absent from the record),
	// points scored (scaled), and whether the round was unplayed.
	const oppOf: Int32Array[] = Array.from({ length: n }, () => new Int32Array(rounds).fill(-2));
	const ptsOf: Float64Array[] = Array.from({ length: n }, () => new Float64Array(rounds));
	const wins = new Array<number>(n).fill(0);
	const blacks = new Array<number>(n).fill(0);
	const progressive = new Array<number>(n).fill(0);
	const score = new Array<number>(n).fill(0);
	const unplayedCount = new Array<number>(n).fill(0);
	const headToHead = new Map<number, number>();

	indexed.rounds.forEach((games, r) => {
		for (const g of games) {
			const [redPts, blackPts] = boardPoints(g.outcome, scaled);
			ptsOf[g.red]![r] = redPts;
			if (g.black === -1) {
				oppOf[g.red]![r] = -1;
				continue;
			}
			ptsOf[g.black]![r] = blackPts;
			if (!isPlayed(g.outcome)) {
				// A forfeit: both had no game, each scores the result's points.
				oppOf[g.red]![r] = -1;
				oppOf[g.black]![r] = -1;
				continue;
			}
			oppOf[g.red]![r] = g.black;
			oppOf[g.black]![r] = g.red;
			blacks[g.black]!++;
			if (g.outcome === 'red') wins[g.red]!++;
			if (g.outcome === 'black') wins[g.black]!++;
			addTo(headToHead, g.red * n + g.black, redPts);
			addTo(headToHead, g.black * n + g.red, blackPts);
		}
	});
	for (let i = 0; i < n; i++) {
		for (let r = 0; r < rounds; r++) if (oppOf[i]![r]! < 0) unplayedCount[i]!++;
	}
	for (let i = 0; i < n; i++) {
		let running = 0;
		for (let r = 0; r < rounds; r++) {
			running += ptsOf[i]![r]!;
			progressive[i]! += running;
		}
		score[i] = running;
	}

	// Opponent scores per round, with the virtual opponent (own score) for unplayed rounds.
	const contributions = (i: number): number[] => {
		const list: number[] = [];
		for (let r = 0; r < rounds; r++) {
			const o = oppOf[i]![r]!;
			list.push(o >= 0 ? score[o]! : score[i]!);
		}
		return list;
	};
	const sum = (xs: number[]): number => xs.reduce((s, x) => s + x, 0);
	// The contribution a cut removes first: an unplayed round (the virtual opponent, worth the
	// player's own score) when there is one, else the lowest real opponent.
	const lowestCut = (i: number, c: number[]): number =>
		unplayedCount[i]! > 0 ? score[i]! : Math.min(...c);

	const internal = new Map<SwissTieBreak, number[]>();
	const display = new Map<SwissTieBreak, (v: number) => number>();
	const perPlayer = (f: (i: number) => number): number[] =>
		Array.from({ length: n }, (_, i) => f(i));
	for (const tb of order) {
		switch (tb) {
			case 'buchholz':
				internal.set(tb, perPlayer((i) => sum(contributions(i))));
				display.set(tb, (v) => v / scale);
				break;
			case 'buchholzCut1':
				internal.set(
					tb,
					perPlayer((i) => {
						const c = contributions(i);
						return c.length === 0 ? 0 : sum(c) - lowestCut(i, c);
					})
				);
				display.set(tb, (v) => v / scale);
				break;
			case 'medianBuchholz':
				internal.set(
					tb,
					perPlayer((i) => {
						const c = contributions(i);
						if (c.length <= 2) return 0;
						const low = lowestCut(i, c);
						// the highest of what remains after the lower cut
						const rest = c.slice();
						rest.splice(rest.indexOf(low), 1);
						return sum(c) - low - Math.max(...rest);
					})
				);
				display.set(tb, (v) => v / scale);
				break;
			case 'sonnebornBerger': {
				// Σ opponent score × points scored; shown divided by the points for a win.
				internal.set(
					tb,
					perPlayer((i) => {
						let s = 0;
						for (let r = 0; r < rounds; r++) {
							const o = oppOf[i]![r]!;
							s += (o >= 0 ? score[o]! : score[i]!) * ptsOf[i]![r]!;
						}
						return s;
					})
				);
				const div = scale * (scaled.win !== 0 ? scaled.win : scale);
				display.set(tb, (v) => v / div);
				break;
			}
			case 'progressive':
				internal.set(tb, progressive);
				display.set(tb, (v) => v / scale);
				break;
			case 'wins':
				internal.set(tb, wins);
				display.set(tb, (v) => v);
				break;
			case 'blackGames':
				internal.set(tb, blacks);
				display.set(tb, (v) => v);
				break;
			case 'directEncounter':
				internal.set(tb, directEncounter(n, score, order, internal, headToHead));
				display.set(tb, (v) => v / scale);
				break;
		}
	}

	const seeds = input.players.map((p) => p.seed);
	const cols = order.map((tb) => internal.get(tb)!);
	const tiedCompare = (a: number, b: number): number => {
		if (score[a] !== score[b]) return score[b]! - score[a]!;
		for (const col of cols) if (col[a] !== col[b]) return col[b]! - col[a]!;
		return 0;
	};
	const idx = Array.from({ length: n }, (_, i) => i);
	idx.sort((a, b) => {
		const t = tiedCompare(a, b);
		if (t !== 0) return t;
		if (seeds[a] !== seeds[b]) return seeds[a]! - seeds[b]!;
		const ia = indexed.ids[a]!;
		const ib = indexed.ids[b]!;
		return ia < ib ? -1 : ia > ib ? 1 : 0;
	});
	const out: SwissStanding[] = [];
	idx.forEach((i, k) => {
		const prev = idx[k - 1];
		const rank = prev !== undefined && tiedCompare(prev, i) === 0 ? out[k - 1]!.rank : k + 1;
		const tieBreaks: Record<string, number> = {};
		order.forEach((tb, c) => {
			tieBreaks[tb] = tidy(display.get(tb)!(cols[c]![i]!));
		});
		out.push({ id: indexed.ids[i]!, score: tidy(score[i]! / scale), tieBreaks, rank });
	});
	return out;
}

function addTo(map: Map<number, number>, key: number, value: number): void {
	map.set(key, (map.get(key) ?? 0) + value);
}

/** Rounds away binary noise from the final division (values are exact internally). */
function tidy(x: number): number {
	return Math.round(x * 1e9) / 1e9;
}

/**
 * Direct-encounter values: sets of players tied on score and on the tie-breaks computed so
 * far (those before 'directEncounter' in `order`); inside a set where every two players met,
 * each gets the points scored against the others; otherwise 0.
 */
function directEncounter(
	n: number,
	score: number[],
	order: SwissTieBreak[],
	internal: Map<SwissTieBreak, number[]>,
	headToHead: Map<number, number>
): number[] {
	const before = order.slice(0, order.indexOf('directEncounter')).map((tb) => internal.get(tb)!);
	const sets = new Map<string, number[]>();
	for (let i = 0; i < n; i++) {
		const key = [score[i], ...before.map((col) => col[i])].join('|');
		const list = sets.get(key);
		if (list) list.push(i);
		else sets.set(key, [i]);
	}
	const values = new Array<number>(n).fill(0);
	for (const members of sets.values()) {
		if (members.length < 2) continue;
		let allMet = true;
		for (let x = 0; x < members.length && allMet; x++) {
			for (let y = x + 1; y < members.length; y++) {
				if (!headToHead.has(members[x]! * n + members[y]!)) {
					allMet = false;
					break;
				}
			}
		}
		if (!allMet) continue;
		for (const i of members) {
			let s = 0;
			for (const j of members) if (j !== i) s += headToHead.get(i * n + j) ?? 0;
			values[i] = s;
		}
	}
	return values;
}
