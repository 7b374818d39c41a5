/**
 * Shared input types and validation for the Swiss pairer and the Swiss standings: both read
 * the same `players` + `history` shape, and both must refuse the same broken inputs with the
 * same codes.
 */
import { RuleViolation } from '../../errors';

/** A player of a Swiss event; `seed` 1 is the strongest. Withdrawn players are not paired. */
export interface SwissPlayer {
	id: string;
	seed: number;
	withdrawn?: boolean;
}

/** How a game ended; `bye` is the pairing-allocated bye (no opponent, scores as a win). */
export type SwissOutcome = 'red' | 'black' | 'draw' | 'bye';

/** One board of a past round; `black: null` together with outcome `bye` is the bye. */
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

/** A past game with players as indices into `IndexedHistory.ids`; `black` -1 is the bye. */
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
			if (isBye !== (g.outcome === 'bye')) {
				throw new RuleViolation(
					'swiss.invalid_history',
					`Round ${roundNo}: a bye must have no opponent and a game must have one ` +
						`(player ${g.red}).`,
					{ id: g.red, round: roundNo }
				);
			}
			if (g.outcome !== 'red' && g.outcome !== 'black' && g.outcome !== 'draw' && !isBye) {
				throw new RuleViolation(
					'swiss.invalid_history',
					`Round ${roundNo}: unknown result for player ${g.red}.`,
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
