/**
 * Standings of a table tennis round-robin group, by the ITTF rules (regulation 3.7.5):
 * - match points: 2 for a win, 1 for a loss in a played match, 0 for a loss by walkover (the
 *   side that did not play);
 * - players level on match points are separated only by the results of the matches among
 *   them: first match points, then the ratio of games won to lost, then the ratio of points
 *   won to lost;
 * - as soon as one of these steps places some of the tied players, the results of those players
 *   are left out and the procedure starts again (from match points) for those still level;
 * - players still level after points ratio are placed by lot: the order of `lotOrder` when
 *   the referee has drawn lots, otherwise the order of `players` (the draw positions). A lot
 *   is only the end of the procedure when every match among those players has been played;
 *   while some are still to play they are simply level for now (`level`, draw order), and
 *   `byLot` stays false.
 */
import { RuleViolation } from '../errors';

/** One finished match of the group, as in the contract. */
export type GroupMatch = {
	a: string;
	b: string;
	games: ReadonlyArray<{ a: number; b: number }>;
	/** the side that did not play (it loses with 0 match points) */
	walkover?: 'a' | 'b';
};

/** The step that finally separated a player from the players level with it. */
export type TieBreakStep = 'tiedMatchPoints' | 'tiedGamesRatio' | 'tiedPointsRatio' | 'lot' | 'level';

/** A row of the standings; `id`, `matchPoints` and `rank` are the contract, the rest is extra. */
export type GroupStandingRow = {
	id: string;
	rank: number;
	matchPoints: number;
	played: number;
	wins: number;
	losses: number;
	gamesWon: number;
	gamesLost: number;
	pointsWon: number;
	pointsLost: number;
	/** null when the player's match points alone fixed its place */
	decidedBy: TieBreakStep | null;
	/**
	 * True only when the player is level with others after every criterion and all matches
	 * among them are played: the place is truly decided by lot (the view says "抽签" only then).
	 */
	byLot: boolean;
};

type Outcome = {
	a: string;
	b: string;
	winner: 'a' | 'b';
	walkover: boolean;
	gamesA: number;
	gamesB: number;
	pointsA: number;
	pointsB: number;
};

function evaluate(match: GroupMatch, known: ReadonlySet<string>): Outcome {
	for (const id of [match.a, match.b]) {
		if (!known.has(id)) {
			throw new RuleViolation(
				'standings.unknown_player',
				`Player ${id} has a match in the group but is not one of its players.`,
				{ id }
			);
		}
	}
	if (match.a === match.b) {
		throw new RuleViolation('standings.self_match', `Player ${match.a} cannot play itself.`, {
			id: match.a
		});
	}
	let gamesA = 0;
	let gamesB = 0;
	let pointsA = 0;
	let pointsB = 0;
	for (const game of match.games) {
		const ok = (x: number) => Number.isInteger(x) && x >= 0;
		if (!ok(game.a) || !ok(game.b) || game.a === game.b) {
			throw new RuleViolation(
				'standings.invalid_score',
				`A game between ${match.a} and ${match.b} has an impossible score ${game.a}-${game.b}.`,
				{ a: match.a, b: match.b, score: `${game.a}-${game.b}` }
			);
		}
		pointsA += game.a;
		pointsB += game.b;
		if (game.a > game.b) gamesA++;
		else gamesB++;
	}
	let winner: 'a' | 'b';
	if (match.walkover !== undefined) {
		winner = match.walkover === 'a' ? 'b' : 'a';
	} else if (gamesA !== gamesB) {
		winner = gamesA > gamesB ? 'a' : 'b';
	} else {
		throw new RuleViolation(
			'standings.undecided_match',
			`The match between ${match.a} and ${match.b} has no winner yet.`,
			{ a: match.a, b: match.b }
		);
	}
	const walkover = match.walkover !== undefined;
	return { a: match.a, b: match.b, winner, walkover, gamesA, gamesB, pointsA, pointsB };
}

type Tally = {
	matchPoints: number;
	played: number;
	wins: number;
	losses: number;
	gamesWon: number;
	gamesLost: number;
	pointsWon: number;
	pointsLost: number;
};

function tally(ids: readonly string[], outcomes: readonly Outcome[]): Map<string, Tally> {
	const inSet = new Set(ids);
	const out = new Map<string, Tally>();
	for (const id of ids) {
		out.set(id, {
			matchPoints: 0,
			played: 0,
			wins: 0,
			losses: 0,
			gamesWon: 0,
			gamesLost: 0,
			pointsWon: 0,
			pointsLost: 0
		});
	}
	for (const o of outcomes) {
		if (!inSet.has(o.a) || !inSet.has(o.b)) continue;
		const ta = out.get(o.a) as Tally;
		const tb = out.get(o.b) as Tally;
		const [w, l] = o.winner === 'a' ? [ta, tb] : [tb, ta];
		w.matchPoints += 2;
		w.wins++;
		l.matchPoints += o.walkover ? 0 : 1;
		l.losses++;
		ta.played++;
		tb.played++;
		ta.gamesWon += o.gamesA;
		ta.gamesLost += o.gamesB;
		tb.gamesWon += o.gamesB;
		tb.gamesLost += o.gamesA;
		ta.pointsWon += o.pointsA;
		ta.pointsLost += o.pointsB;
		tb.pointsWon += o.pointsB;
		tb.pointsLost += o.pointsA;
	}
	return out;
}

/**
 * Compares won/lost ratios exactly (cross-multiplying integers). x/0 with x > 0 is infinite;
 * 0/0 (nothing played among the tied) counts as 1. Positive when the first ratio is better.
 */
function compareRatio(won1: number, lost1: number, won2: number, lost2: number): number {
	const norm = (w: number, l: number): [number, number] => (w === 0 && l === 0 ? [1, 1] : [w, l]);
	const [w1, l1] = norm(won1, lost1);
	const [w2, l2] = norm(won2, lost2);
	const inf1 = l1 === 0;
	const inf2 = l2 === 0;
	if (inf1 || inf2) return inf1 === inf2 ? 0 : inf1 ? 1 : -1;
	return w1 * l2 - w2 * l1;
}

/** Splits ids (stable) into classes of equal value, best class first. */
function partition(ids: readonly string[], compare: (x: string, y: string) => number): string[][] {
	const sorted = ids.slice().sort((x, y) => compare(y, x));
	const classes: string[][] = [];
	for (const id of sorted) {
		const last = classes[classes.length - 1];
		if (last !== undefined && compare(last[0] as string, id) === 0) last.push(id);
		else classes.push([id]);
	}
	return classes;
}

/**
 * Orders the group's players. Called by the group view (live standings) and when a group closes
 * to find its qualifiers. `players` is the group in draw order; `lotOrder` (optional) is the
 * order drawn by lot for ties that survive every ratio. Matches must be finished; unplayed ones
 * are simply absent.
 */
export function groupStandings(input: {
	players: readonly string[];
	matches: readonly GroupMatch[];
	lotOrder?: readonly string[];
}): GroupStandingRow[] {
	const { players } = input;
	const known = new Set<string>();
	for (const id of players) {
		if (known.has(id)) {
			throw new RuleViolation('draw.duplicate_entry', `Entry ${id} appears twice.`, { id });
		}
		known.add(id);
	}
	const outcomes = input.matches.map((m) => evaluate(m, known));
	const overall = tally(players, outcomes);

	const lotIndex = new Map<string, number>();
	(input.lotOrder ?? []).forEach((id, i) => {
		if (!lotIndex.has(id)) lotIndex.set(id, i);
	});
	const drawIndex = new Map(players.map((id, i) => [id, i]));
	const byLot = (x: string, y: string) =>
		(lotIndex.get(x) ?? Infinity) - (lotIndex.get(y) ?? Infinity) ||
		(drawIndex.get(x) ?? 0) - (drawIndex.get(y) ?? 0);

	const decidedBy = new Map<string, TieBreakStep | null>();

	const steps: Array<{
		step: TieBreakStep;
		compare: (t: Map<string, Tally>) => (x: string, y: string) => number;
	}> = [
		{
			step: 'tiedMatchPoints',
			compare: (t) => (x, y) => (t.get(x)?.matchPoints ?? 0) - (t.get(y)?.matchPoints ?? 0)
		},
		{
			step: 'tiedGamesRatio',
			compare: (t) => (x, y) => {
				const a = t.get(x) as Tally;
				const b = t.get(y) as Tally;
				return compareRatio(a.gamesWon, a.gamesLost, b.gamesWon, b.gamesLost);
			}
		},
		{
			step: 'tiedPointsRatio',
			compare: (t) => (x, y) => {
				const a = t.get(x) as Tally;
				const b = t.get(y) as Tally;
				return compareRatio(a.pointsWon, a.pointsLost, b.pointsWon, b.pointsLost);
			}
		}
	];

	const played = new Set(outcomes.flatMap((o) => [`${o.a}|${o.b}`, `${o.b}|${o.a}`]));
	/** Whether every pair of `ids` has met (only then can a lot be the last word). */
	const allPlayedAmong = (ids: readonly string[]): boolean =>
		ids.every((x, i) => ids.slice(i + 1).every((y) => played.has(`${x}|${y}`)));

	/** ITTF 3.7.5.2-3: order players level on match points using only the matches among them. */
	const resolve = (tied: readonly string[]): string[] => {
		const among = tally(tied, outcomes);
		for (const { step, compare } of steps) {
			const classes = partition(tied, compare(among));
			if (classes.length === 1) continue;
			return classes.flatMap((cls) => {
				if (cls.length === 1) {
					decidedBy.set(cls[0] as string, step);
					return cls;
				}
				return resolve(cls); // start again from match points among those still level
			});
		}
		const ordered = tied.slice().sort(byLot);
		const step: TieBreakStep = allPlayedAmong(tied) ? 'lot' : 'level';
		for (const id of ordered) decidedBy.set(id, step);
		return ordered;
	};

	const order = partition(players, (x, y) => {
		return (overall.get(x)?.matchPoints ?? 0) - (overall.get(y)?.matchPoints ?? 0);
	}).flatMap((cls) => {
		if (cls.length === 1) {
			decidedBy.set(cls[0] as string, null);
			return cls;
		}
		return resolve(cls);
	});

	return order.map((id, i) => {
		const t = overall.get(id) as Tally;
		const step = decidedBy.get(id) ?? null;
		return { id, rank: i + 1, ...t, decidedBy: step, byLot: step === 'lot' };
	});
}
