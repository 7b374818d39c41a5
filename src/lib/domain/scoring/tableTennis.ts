/**
 * Table tennis singles scoring by the ITTF laws, as a pure reducer over the referee's events.
 *
 * - A game goes to 11; from 10-10 it is won by the first side two points clear (2.11).
 * - Service changes after every 2 points, and after every point from 10-10 (2.13.3); the
 *   first server of a game is the first receiver of the game before (2.13.4), so the first
 *   server alternates game by game.
 * - Ends change after each game and, in the last possible game, when a player first reaches
 *   5 (2.14.2). `changeEnds` in the summary tells the tablet to show "change ends".
 * - One time-out per player per match (3.4.4.1).
 * - Misbehaviour (3.5.2): a yellow card warns; each further offence is a yellow-and-red card,
 *   the first awarding 1 point and the second 2 points to the opponent, scored through the
 *   ordinary point logic (they may end a game, the rest carrying into the next game); a
 *   further offence goes to the referee, who may disqualify (red card).
 * - Walkover (before any point), retirement and disqualification end the match; the score so
 *   far is kept.
 *
 * Undo is not an event: the caller keeps the event log and replays it without the last
 * event (see engine.ts). A correction after the match is the audited `correction` event.
 */

import {
	addTo,
	assertReason,
	assertSide,
	isIntIn,
	otherSide,
	sideKey,
	unknownEvent,
	type Pair,
	type Side
} from './types';
import { violation } from './violation';

/** The match format an event configures (contract: `bestOf` and `firstServer`). */
export interface TableTennisFormat {
	bestOf: 3 | 5 | 7;
	/** Who serves first in game 1 (decided by lot before the match). */
	firstServer: Side;
	/** Time-outs each player may take per match; 1 by the ITTF regulations. */
	timeoutsPerPlayer?: number;
}

/** The cards an umpire can show a player (3.5.2). */
export type CardType = 'yellow' | 'yellowRed' | 'red';

/** Everything a referee can record at the table. */
export type TableTennisEvent =
	| { type: 'point'; side: Side }
	| { type: 'timeout'; side: Side }
	/** `absent` did not turn up: the other side wins; only before any point. */
	| { type: 'walkover'; absent: Side }
	/** `side` retires (injury, illness): the other side wins, the score so far is kept. */
	| { type: 'retire'; side: Side }
	/** `side` is the offender; penalty points go to the opponent. */
	| { type: 'card'; side: Side; card: CardType }
	/** After the match: the correct scores of all games, with the reason, for the audit trail. */
	| { type: 'correction'; games: Pair[]; reason: string };

/** A card as recorded, with where in the match it was shown. */
export interface CardRecord {
	readonly side: Side;
	readonly card: CardType;
	/** 1-based number of the game in which the card was shown. */
	readonly game: number;
	/** Score of that game when the card was shown, before any penalty point. */
	readonly score: Pair;
	/** Points awarded to the opponent for this card (0, 1 or 2). */
	readonly penaltyPoints: number;
}

/** How the match ended; `side` is the absent, retiring or disqualified side. */
export interface TableTennisResult {
	readonly method: 'played' | 'walkover' | 'retired' | 'disqualified';
	readonly side?: Side;
}

/** The engine's state: plain, serialisable data, never changed in place. */
export interface TableTennisState {
	readonly format: Readonly<Required<TableTennisFormat>>;
	/** Finished games and, while the match runs, the current game last. */
	readonly games: readonly Pair[];
	readonly finished: boolean;
	readonly winner: Side | null;
	readonly result: TableTennisResult | null;
	readonly timeoutsUsed: Pair;
	readonly cards: readonly CardRecord[];
	/** True from the point that requires a change of ends until the next point is scored. */
	readonly changeEnds: boolean;
	/** How many times the players have changed ends so far. */
	readonly endChanges: number;
	/** Set once a `correction` event has replaced the scores. */
	readonly correction: { readonly reason: string } | null;
}

/** What a screen needs: the contract fields plus service, ends, cards and time-outs. */
export interface TableTennisSummary {
	finished: boolean;
	winner: Side | null;
	games: Pair[];
	gamesWon: Pair;
	/** Who serves the next rally (when finished: who would have served). */
	server: Side;
	receiver: Side;
	/** 1-based number of the current (or last) game; 0 after a walkover. */
	gameNumber: number;
	/** Score of the current game (0-0 after a walkover). */
	currentGame: Pair;
	/** The last possible game of the match (game 5 of a best of 5). */
	isDecidingGame: boolean;
	/** Both players have reached 10: service now changes after every point. */
	deuce: boolean;
	/** The side that wins the game with the next point, if any. */
	gamePoint: Side | null;
	/** The side that wins the match with the next point, if any. */
	matchPoint: Side | null;
	changeEnds: boolean;
	endChanges: number;
	timeoutsUsed: Pair;
	timeoutsLeft: Pair;
	cards: { a: CardType[]; b: CardType[] };
	/** Penalty points awarded against each side (to its opponent). */
	penaltyPointsAgainst: Pair;
	result: TableTennisResult | null;
	corrected: boolean;
}

const POINTS_TO_WIN = 11;
const DEUCE = POINTS_TO_WIN - 1;
const ZERO: Pair = { a: 0, b: 0 };

/** Games a side must win to take the match (2 of 3, 3 of 5, 4 of 7). */
export function gamesNeeded(bestOf: number): number {
	return (bestOf + 1) / 2;
}

/**
 * The winner of a game score, or null while the game is open. Also used by the standings
 * layer to validate entered scores: 11-9 and 12-10 are finished, 11-10 and 13-10 are not
 * valid final scores (see `isValidGameScore`).
 */
export function gameWinner(score: Pair): Side | null {
	if (score.a >= POINTS_TO_WIN && score.a - score.b >= 2) return 'A';
	if (score.b >= POINTS_TO_WIN && score.b - score.a >= 2) return 'B';
	return null;
}

/**
 * True when `score` can be the final score of a game: 11 against 0-9, or two clear beyond
 * 10-10 (12-10, 15-13). Used to validate corrections and results typed in after the fact.
 */
export function isValidGameScore(score: Pair): boolean {
	if (!isIntIn(score.a, 0, 999) || !isIntIn(score.b, 0, 999)) return false;
	const hi = Math.max(score.a, score.b);
	const lo = Math.min(score.a, score.b);
	return (hi === POINTS_TO_WIN && lo <= DEUCE - 1) || (lo >= DEUCE && hi - lo === 2);
}

/** Games won by each side among finished games. */
function countGamesWon(games: readonly Pair[]): Pair {
	let won: Pair = ZERO;
	for (const g of games) {
		const w = gameWinner(g);
		if (w) won = addTo(won, w, 1);
	}
	return won;
}

/**
 * Who serves at `score` in game `gameIndex` (0-based): the first server alternates by game;
 * service changes every 2 points, and every point once both players have 10.
 */
export function serverAt(firstServer: Side, gameIndex: number, score: Pair): Side {
	const gameFirst = gameIndex % 2 === 0 ? firstServer : otherSide(firstServer);
	const played = score.a + score.b;
	const changes = played < 2 * DEUCE ? Math.floor(played / 2) : played - DEUCE;
	return changes % 2 === 0 ? gameFirst : otherSide(gameFirst);
}

/** Starts a match; validates the format. Called when the referee opens the match. */
export function init(format: TableTennisFormat): TableTennisState {
	if (![3, 5, 7].includes(format.bestOf)) {
		throw violation('tt.invalid_best_of', { bestOf: String(format.bestOf) });
	}
	assertSide(format.firstServer, 'firstServer');
	const timeoutsPerPlayer = format.timeoutsPerPlayer ?? 1;
	if (!isIntIn(timeoutsPerPlayer, 0, 9)) {
		throw violation('tt.invalid_timeouts', { timeoutsPerPlayer: String(timeoutsPerPlayer) });
	}
	return {
		format: { bestOf: format.bestOf, firstServer: format.firstServer, timeoutsPerPlayer },
		games: [ZERO],
		finished: false,
		winner: null,
		result: null,
		timeoutsUsed: ZERO,
		cards: [],
		changeEnds: false,
		endChanges: 0,
		correction: null
	};
}

/** A mutable working copy for one `apply`; the input state is never touched. */
type Draft = { -readonly [K in keyof TableTennisState]: TableTennisState[K] } & {
	games: Pair[];
};

/** Scores one point (a rally or a penalty point) for `side` on the draft. */
function scorePoint(draft: Draft, side: Side): void {
	const index = draft.games.length - 1;
	const before = draft.games[index] ?? ZERO;
	const after = addTo(before, side, 1);
	draft.games[index] = after;
	const deciding = draft.games.length === draft.format.bestOf;
	if (deciding && Math.max(before.a, before.b) < 5 && Math.max(after.a, after.b) >= 5) {
		draft.changeEnds = true;
		draft.endChanges += 1;
	}
	const gameWonBy = gameWinner(after);
	if (!gameWonBy) return;
	const won = countGamesWon(draft.games);
	if (won[sideKey(gameWonBy)] >= gamesNeeded(draft.format.bestOf)) {
		draft.finished = true;
		draft.winner = gameWonBy;
		draft.result = { method: 'played' };
	} else {
		draft.games.push(ZERO);
		draft.changeEnds = true;
		draft.endChanges += 1;
	}
}

/** Ends the match early: `loser` is absent, retires or is disqualified. */
function endEarly(draft: Draft, loser: Side, method: TableTennisResult['method']): void {
	const last = draft.games[draft.games.length - 1];
	if (last && last.a === 0 && last.b === 0) draft.games.pop();
	draft.finished = true;
	draft.winner = otherSide(loser);
	draft.result = { method, side: loser };
	draft.changeEnds = false;
}

function noPointScored(state: TableTennisState): boolean {
	const first = state.games[0];
	return state.games.length === 1 && first !== undefined && first.a === 0 && first.b === 0;
}

function recordCard(draft: Draft, side: Side, card: CardType): void {
	const earlier = draft.cards.filter((c) => c.side === side);
	const warned = earlier.some((c) => c.card === 'yellow');
	const penalties = earlier.filter((c) => c.card === 'yellowRed').length;
	let penaltyPoints = 0;
	if (card === 'yellow') {
		if (warned || penalties > 0) throw violation('tt.card_already_warned', { side });
	} else if (card === 'yellowRed') {
		if (!warned) throw violation('tt.card_yellow_first', { side });
		if (penalties >= 2) throw violation('tt.card_refer_to_referee', { side });
		penaltyPoints = penalties + 1;
	} else if (card !== 'red') {
		throw violation('tt.invalid_card', { card: String(card) });
	}
	const score = draft.games[draft.games.length - 1] ?? ZERO;
	draft.cards = [
		...draft.cards,
		{ side, card, game: draft.games.length, score, penaltyPoints }
	];
	if (card === 'red') {
		endEarly(draft, side, 'disqualified');
		return;
	}
	if (penaltyPoints > 0) draft.changeEnds = false;
	for (let i = 0; i < penaltyPoints && !draft.finished; i++) scorePoint(draft, otherSide(side));
}

function applyCorrection(draft: Draft, games: unknown, reason: unknown): void {
	assertReason(reason);
	if (!Array.isArray(games) || games.length === 0) {
		throw violation('tt.correction_invalid_match', { bestOf: draft.format.bestOf });
	}
	const needed = gamesNeeded(draft.format.bestOf);
	let won: Pair = ZERO;
	games.forEach((g: Pair, i) => {
		if (typeof g !== 'object' || g === null || !isValidGameScore(g)) {
			throw violation('tt.correction_invalid_game', { game: i + 1 });
		}
		if (Math.max(won.a, won.b) >= needed) {
			throw violation('tt.correction_invalid_match', { bestOf: draft.format.bestOf });
		}
		won = addTo(won, gameWinner(g) as Side, 1);
	});
	if (Math.max(won.a, won.b) !== needed) {
		throw violation('tt.correction_invalid_match', { bestOf: draft.format.bestOf });
	}
	draft.games = games.map((g: Pair) => ({ a: g.a, b: g.b }));
	draft.winner = won.a === needed ? 'A' : 'B';
	draft.result = { method: 'played' };
	draft.changeEnds = false;
	draft.correction = { reason: reason.trim() };
}

/**
 * Applies one referee event and returns the new state; throws `RuleViolation` for an event
 * the laws do not allow (a point after the match, a second time-out, …). Pure.
 */
export function apply(state: TableTennisState, event: TableTennisEvent): TableTennisState {
	const draft: Draft = { ...state, games: [...state.games] };
	if (event.type === 'correction') {
		if (!state.finished) throw violation('scoring.correction_not_finished');
		applyCorrection(draft, event.games, event.reason);
		return draft;
	}
	if (state.finished) throw violation('tt.match_over');
	switch (event.type) {
		case 'point':
			assertSide(event.side);
			draft.changeEnds = false;
			scorePoint(draft, event.side);
			return draft;
		case 'timeout': {
			assertSide(event.side);
			const used = state.timeoutsUsed[sideKey(event.side)];
			if (used >= state.format.timeoutsPerPlayer) {
				throw violation('tt.timeout_used', { side: event.side });
			}
			draft.timeoutsUsed = addTo(state.timeoutsUsed, event.side, 1);
			return draft;
		}
		case 'walkover':
			assertSide(event.absent, 'absent');
			if (!noPointScored(state)) throw violation('tt.walkover_after_start');
			endEarly(draft, event.absent, 'walkover');
			return draft;
		case 'retire':
			assertSide(event.side);
			endEarly(draft, event.side, 'retired');
			return draft;
		case 'card':
			assertSide(event.side);
			recordCard(draft, event.side, event.card);
			return draft;
		default:
			return unknownEvent(event);
	}
}

/** The score board of a match: contract fields plus what the referee and live views show. */
export function summary(state: TableTennisState): TableTennisSummary {
	const games = state.games.map((g) => ({ a: g.a, b: g.b }));
	const gamesWon = countGamesWon(state.games);
	const index = Math.max(0, state.games.length - 1);
	const current = state.games[index] ?? ZERO;
	const server = serverAt(state.format.firstServer, index, current);
	const needed = gamesNeeded(state.format.bestOf);
	const running = !state.finished;
	const deuce = running && current.a >= DEUCE && current.b >= DEUCE;
	let gamePoint: Side | null = null;
	if (running) {
		if (current.a >= DEUCE && current.a > current.b) gamePoint = 'A';
		if (current.b >= DEUCE && current.b > current.a) gamePoint = 'B';
	}
	const matchPoint =
		gamePoint !== null && gamesWon[sideKey(gamePoint)] === needed - 1 ? gamePoint : null;
	const per = state.format.timeoutsPerPlayer;
	const cardsOf = (side: Side) => state.cards.filter((c) => c.side === side);
	const penaltyAgainst = (side: Side) =>
		cardsOf(side).reduce((sum, c) => sum + c.penaltyPoints, 0);
	return {
		finished: state.finished,
		winner: state.winner,
		games,
		gamesWon,
		server,
		receiver: otherSide(server),
		gameNumber: state.games.length,
		currentGame: { a: current.a, b: current.b },
		isDecidingGame: state.games.length === state.format.bestOf,
		deuce,
		gamePoint,
		matchPoint,
		changeEnds: state.changeEnds,
		endChanges: state.endChanges,
		timeoutsUsed: state.timeoutsUsed,
		timeoutsLeft: { a: per - state.timeoutsUsed.a, b: per - state.timeoutsUsed.b },
		cards: { a: cardsOf('A').map((c) => c.card), b: cardsOf('B').map((c) => c.card) },
		penaltyPointsAgainst: { a: penaltyAgainst('A'), b: penaltyAgainst('B') },
		result: state.result,
		corrected: state.correction !== null
	};
}
