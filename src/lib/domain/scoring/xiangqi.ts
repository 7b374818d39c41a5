/**
 * Xiangqi (Chinese chess) game results: the referee enters the outcome of one game once,
 * with the points system of the category (2/1/0 in most Chinese events, 1/½/0 elsewhere).
 * Side A plays red (moves first), side B black.
 *
 * Undo is not an event: the caller keeps the event log and replays it without the last
 * event (see engine.ts). A changed result after confirmation is the audited `correction`.
 */

import { assertReason, isIntIn, type Pair, type Side } from './types';
import { unknownEvent } from './types';
import { violation } from './violation';

/** Points per game result; `forfeitLoss` (default: `loss`) lets a category punish no-shows. */
export interface XiangqiPoints {
	win: number;
	draw: number;
	loss: number;
	forfeitLoss?: number;
}

/** The game format (contract: `points`). */
export interface XiangqiFormat {
	points: XiangqiPoints;
}

/**
 * 'A' red wins, 'B' black wins, 'draw'; 'forfeitA' A forfeits so B wins, 'forfeitB' the
 * reverse; 'forfeitBoth' neither turned up (both score `forfeitLoss`, no winner).
 */
export type XiangqiOutcome = 'A' | 'B' | 'draw' | 'forfeitA' | 'forfeitB' | 'forfeitBoth';

const OUTCOMES: readonly XiangqiOutcome[] = ['A', 'B', 'draw', 'forfeitA', 'forfeitB', 'forfeitBoth'];

/** Optional details of a played game. */
export interface XiangqiDetails {
	moves?: number;
	timeUsedSeconds?: Pair;
}

/** Everything a referee can record for one game. */
export type XiangqiEvent =
	| ({ type: 'result'; outcome: XiangqiOutcome } & XiangqiDetails)
	/** After the result: the correct outcome, with the reason, for the audit trail. */
	| ({ type: 'correction'; outcome: XiangqiOutcome; reason: string } & XiangqiDetails);

/** The engine's state: plain, serialisable data, never changed in place. */
export interface XiangqiState {
	readonly format: { readonly points: Readonly<Required<XiangqiPoints>> };
	readonly outcome: XiangqiOutcome | null;
	readonly moves: number | null;
	readonly timeUsedSeconds: Pair | null;
	readonly correction: { readonly reason: string } | null;
}

/** What screens and the Swiss standings need from one game. */
export interface XiangqiSummary {
	finished: boolean;
	/** null while open, on a draw and on a double forfeit. */
	winner: Side | null;
	outcome: XiangqiOutcome | null;
	/** Points each side earns from this game (0-0 while open). */
	points: Pair;
	method: 'played' | 'forfeit' | null;
	moves: number | null;
	timeUsedSeconds: Pair | null;
	/** Colour of each side: A is red, B is black. */
	colours: { A: 'red'; B: 'black' };
	corrected: boolean;
}

/** Starts a game; validates the points system. Called when the round is paired. */
export function init(format: XiangqiFormat): XiangqiState {
	const p = format.points;
	const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
	if (typeof p !== 'object' || p === null) throw violation('xq.invalid_points', { field: 'points' });
	for (const field of ['win', 'draw', 'loss'] as const) {
		if (!finite(p[field])) throw violation('xq.invalid_points', { field });
	}
	const forfeitLoss = p.forfeitLoss ?? p.loss;
	if (!finite(forfeitLoss)) throw violation('xq.invalid_points', { field: 'forfeitLoss' });
	if (!(p.win > p.draw && p.draw >= p.loss)) throw violation('xq.invalid_points', { field: 'order' });
	return {
		format: { points: { win: p.win, draw: p.draw, loss: p.loss, forfeitLoss } },
		outcome: null,
		moves: null,
		timeUsedSeconds: null,
		correction: null
	};
}

function checkDetails(event: XiangqiDetails & { outcome: unknown }): void {
	if (!OUTCOMES.includes(event.outcome as XiangqiOutcome)) {
		throw violation('xq.invalid_outcome', { outcome: String(event.outcome) });
	}
	if (event.moves !== undefined && !isIntIn(event.moves, 0, 10_000)) {
		throw violation('xq.invalid_moves', { moves: String(event.moves) });
	}
	const t = event.timeUsedSeconds;
	if (t !== undefined) {
		if (typeof t !== 'object' || t === null) throw violation('xq.invalid_time', { field: 'timeUsedSeconds' });
		for (const field of ['a', 'b'] as const) {
			if (!isIntIn(t[field], 0, 7 * 24 * 3600)) throw violation('xq.invalid_time', { field });
		}
	}
}

/**
 * Records the result (once) or a correction and returns the new state; throws
 * `RuleViolation` for a second result or an unknown outcome. Pure.
 */
export function apply(state: XiangqiState, event: XiangqiEvent): XiangqiState {
	switch (event.type) {
		case 'result':
			if (state.outcome !== null) throw violation('xq.result_already_entered');
			checkDetails(event);
			return {
				...state,
				outcome: event.outcome,
				moves: event.moves ?? null,
				timeUsedSeconds: event.timeUsedSeconds ? { ...event.timeUsedSeconds } : null
			};
		case 'correction':
			if (state.outcome === null) throw violation('scoring.correction_not_finished');
			assertReason(event.reason);
			checkDetails(event);
			return {
				...state,
				outcome: event.outcome,
				moves: event.moves ?? state.moves,
				timeUsedSeconds: event.timeUsedSeconds ? { ...event.timeUsedSeconds } : state.timeUsedSeconds,
				correction: { reason: event.reason.trim() }
			};
		default:
			return unknownEvent(event);
	}
}

/**
 * Points each side earns for an outcome under a points system. Exported for the Swiss
 * standings, which score whole histories without building engine states.
 */
export function pointsFor(outcome: XiangqiOutcome, points: Required<XiangqiPoints>): Pair {
	switch (outcome) {
		case 'A':
			return { a: points.win, b: points.loss };
		case 'B':
			return { a: points.loss, b: points.win };
		case 'draw':
			return { a: points.draw, b: points.draw };
		case 'forfeitA':
			return { a: points.forfeitLoss, b: points.win };
		case 'forfeitB':
			return { a: points.win, b: points.forfeitLoss };
		case 'forfeitBoth':
			return { a: points.forfeitLoss, b: points.forfeitLoss };
	}
}

/** The winner of an outcome, or null for a draw / double forfeit. */
export function winnerOf(outcome: XiangqiOutcome): Side | null {
	if (outcome === 'A' || outcome === 'forfeitB') return 'A';
	if (outcome === 'B' || outcome === 'forfeitA') return 'B';
	return null;
}

/** The result card of one game: contract fields plus points and details. */
export function summary(state: XiangqiState): XiangqiSummary {
	const outcome = state.outcome;
	return {
		finished: outcome !== null,
		winner: outcome === null ? null : winnerOf(outcome),
		outcome,
		points: outcome === null ? { a: 0, b: 0 } : pointsFor(outcome, state.format.points),
		method: outcome === null ? null : outcome.startsWith('forfeit') ? 'forfeit' : 'played',
		moves: state.moves,
		timeUsedSeconds: state.timeUsedSeconds,
		colours: { A: 'red', B: 'black' },
		corrected: state.correction !== null
	};
}
