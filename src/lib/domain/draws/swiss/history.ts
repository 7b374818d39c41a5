/**
 * Shared input types and validation for the Swiss pairer and the Swiss standings: both read
 * the same `players` + `history` shape, and both must refuse the same broken inputs with the
 * same codes.
 */
import { RuleViolation } from '../../errors';

/**
 * A player of a Swiss event; `seed` 1 is the strongest. Withdrawn players are not paired;
 * `absent` ones are not paired in the round being paired (announced absent in advance: the
 * layer above records that round as a `halfBye` or `zeroBye` for them).
 */
export interface SwissPlayer {
	id: string;
	seed: number;
	withdrawn?: boolean;
	absent?: boolean;
}

/**
 * How a board of a past round ended.
 * - `red` | `black` | `draw`: a played game;
 * - `bye`: the pairing-allocated bye (no opponent, scores as a win);
 * - `forfeitRed` | `forfeitBlack`: that side did not show up (no-show, 弃权): the other wins
 *   by forfeit; `forfeitBoth`: neither came, both lose. A forfeit is not a played game: no
 *   colour is recorded and the two did not meet (they may be paired later);
 * - `halfBye` | `zeroBye`: the player (`red`, `black: null`) was absent for the round,
 *   announced in advance: scores the points of a draw or of a loss.
 */
export type SwissOutcome =
	| 'red'
	| 'black'
	| 'draw'
	| 'bye'
	| 'forfeitRed'
	| 'forfeitBlack'
	| 'forfeitBoth'
	| 'halfBye'
	| 'zeroBye';

/** Outcomes of a board with no opponent (`black: null`). */
const SINGLE_OUTCOMES: ReadonlySet<SwissOutcome> = new Set(['bye', 'halfBye', 'zeroBye']);
/** Outcomes of a board with two players. */
const PAIR_OUTCOMES: ReadonlySet<SwissOutcome> = new Set([
	'red',
	'black',
	'draw',
	'forfeitRed',
	'forfeitBlack',
	'forfeitBoth'
]);

/** True for a board that was played over the board (colours and a meeting count). */
export function isPlayed(outcome: SwissOutcome): boolean {
	return outcome === 'red' || outcome === 'black' || outcome === 'draw';
}

/**
 * The points (scaled) each side of a board scores: `[red, black]` (black 0 for a single-player
 * board). Shared by the pairer's score groups and the standings, so both count a forfeit or a
 * half-point bye the same way.
 */
export function boardPoints(outcome: SwissOutcome, scaled: SwissPoints): [number, number] {
	switch (outcome) {
		case 'red':
		case 'forfeitBlack':
			return [scaled.win, scaled.loss];
		case 'black':
		case 'forfeitRed':
			return [scaled.loss, scaled.win];
		case 'draw':
			return [scaled.draw, scaled.draw];
		case 'forfeitBoth':
			return [scaled.loss, scaled.loss];
		case 'bye':
			return [scaled.bye, 0];
		case 'halfBye':
			return [scaled.draw, 0];
		case 'zeroBye':
			return [scaled.loss, 0];
	}
}

/**
 * The player who won a forfeit on this board (the opponent did not show), or -1. FIDE (C.04.1)
 * treats such a win like the pairing-allocated bye: that player gets no bye later.
 */
export function forfeitWinner(game: IndexedGame): number {
	if (game.outcome === 'forfeitRed') return game.black;
	if (game.outcome === 'forfeitBlack') return game.red;
	return -1;
}

/**
 * One board of a past round; `black: null` goes with outcome `bye`, `halfBye` or `zeroBye`
 * (one player, no opponent); every other outcome names both players.
 */
export interface SwissGame {
	red: string;
	black: string | null;
	outcome: SwissOutcome;
}

/** One board of a new round; `black: null` is the bye. Red moves first. */
export interface SwissPairing {
	red: string;
	black: string | null;
}

/** Points per result. Chinese events use 2/1/0 (bye 2); elsewhere 1/½/0 (bye 1). */
export interface SwissPoints {
	win: number;
	draw: number;
	loss: number;
	bye: number;
}

/** The default scoring of Chinese xiangqi events: win 2, draw 1, loss 0, bye 2. */
export const DEFAULT_SWISS_POINTS: SwissPoints = { win: 2, draw: 1, loss: 0, bye: 2 };

/** A past board with players as indices into `IndexedHistory.ids`; `black` -1: no opponent. */
export interface IndexedGame {
	red: number;
	black: number;
	outcome: SwissOutcome;
}

/** Players and history with ids replaced by indices (the order of `players`). */
export interface IndexedHistory {
	ids: string[];
	index: Map<string, number>;
	rounds: IndexedGame[][];
}

/**
 * Checks players and history and maps ids to indices. Called first by `pairRound` and
 * `swissStandings`, so that a typo in an id or a player listed twice in one round is
 * reported instead of producing a silently wrong draw.
 */
export function indexHistory(
	players: ReadonlyArray<SwissPlayer>,
	history: ReadonlyArray<ReadonlyArray<SwissGame>>
): IndexedHistory {
	const ids: string[] = [];
	const index = new Map<string, number>();
	for (const p of players) {
		if (typeof p.id !== 'string' || p.id.length === 0) {
			throw new RuleViolation('swiss.invalid_player', 'Every player needs a non-empty id.', {
				id: String(p.id)
			});
		}
		if (index.has(p.id)) {
			throw new RuleViolation('swiss.duplicate_player', `Player ${p.id} is listed twice.`, {
				id: p.id
			});
		}
		if (typeof p.seed !== 'number' || !Number.isFinite(p.seed)) {
			throw new RuleViolation('swiss.invalid_seed', `Player ${p.id} has no valid seed number.`, {
				id: p.id
			});
		}
		index.set(p.id, ids.length);
		ids.push(p.id);
	}
	const rounds: IndexedGame[][] = [];
	history.forEach((round, r) => {
		const roundNo = r + 1;
		const seen = new Set<number>();
		const games: IndexedGame[] = [];
		const lookup = (id: string): number => {
			const i = index.get(id);
			if (i === undefined) {
				throw new RuleViolation(
					'swiss.unknown_player',
					`Round ${roundNo} names player ${id}, who is not in the player list.`,
					{ id, round: roundNo }
				);
			}
			if (seen.has(i)) {
				throw new RuleViolation(
					'swiss.invalid_history',
					`Round ${roundNo} lists player ${id} more than once.`,
					{ id, round: roundNo }
				);
			}
			seen.add(i);
			return i;
		};
		for (const g of round) {
			const red = lookup(g.red);
			const isBye = g.black === null;
			if (!SINGLE_OUTCOMES.has(g.outcome) && !PAIR_OUTCOMES.has(g.outcome)) {
				throw new RuleViolation(
					'swiss.invalid_history',
					`Round ${roundNo}: unknown result for player ${g.red}.`,
					{ id: g.red, round: roundNo }
				);
			}
			if (isBye !== SINGLE_OUTCOMES.has(g.outcome)) {
				throw new RuleViolation(
					'swiss.invalid_history',
					`Round ${roundNo}: a bye or an absence must have no opponent and a game or a ` +
						`forfeit must have one (player ${g.red}).`,
					{ id: g.red, round: roundNo }
				);
			}
			const black = g.black === null ? -1 : lookup(g.black);
			games.push({ red, black, outcome: g.outcome });
		}
		rounds.push(games);
	});
	return { ids, index, rounds };
}

/**
 * Turns point values into integers (scores are compared for equality to form score groups,
 * so 0.5 must not drift). Returns the scale factor and the scaled points; throws if a value
 * is not a finite number with at most three decimals.
 */
export function scalePoints(points: SwissPoints): { scale: number; scaled: SwissPoints } {
	const values = [points.win, points.draw, points.loss, points.bye];
	if (!values.every((v) => typeof v === 'number' && Number.isFinite(v))) {
		throw new RuleViolation(
			'swiss.invalid_points',
			'Points for win, draw, loss and bye must be numbers.'
		);
	}
	for (const scale of [1, 2, 4, 5, 10, 20, 25, 50, 100, 1000]) {
		if (values.every((v) => Math.abs(v * scale - Math.round(v * scale)) < 1e-9)) {
			return {
				scale,
				scaled: {
					win: Math.round(points.win * scale),
					draw: Math.round(points.draw * scale),
					loss: Math.round(points.loss * scale),
					bye: Math.round(points.bye * scale)
				}
			};
		}
	}
	throw new RuleViolation(
		'swiss.invalid_points',
		'Points for win, draw, loss and bye must have at most three decimals.'
	);
}
