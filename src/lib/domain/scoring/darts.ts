/**
 * Darts x01 scoring (501 double-out by default) in legs, optionally in sets, as a pure
 * reducer over the referee's turn entries.
 *
 * - A turn (visit) is up to three darts; the referee enters its total (0-180). Totals three
 *   darts cannot make (179, 178, …) are refused as typing errors.
 * - Bust (double-out): a turn that would leave less than 0, exactly 1, or 0 without the last
 *   dart being a double (the bull counts as one) scores nothing; the remainder stays.
 * - A finish the board cannot produce (e.g. checking out 168, or anything above 170 under
 *   double-out, or 100 with one dart) is refused as a `RuleViolation`
 *   ('darts.impossible_checkout'), not scored as a bust: it can only be a typing error, and
 *   a silent bust would hide it.
 * - Players alternate turns within a leg; the player who throws first alternates by leg
 *   (with sets: by set, then by leg within the set).
 * - Optional round cap per leg: when both players have thrown `roundCap` turns without a
 *   finish, the leg is decided by a bull-off, entered as `{ type: 'bullOff', winner }`.
 *
 * Undo is not an event: the caller keeps the event log and replays it without the last
 * event (see engine.ts). A correction after the match is the audited `correction` event.
 */

import { canCheckout, isPossibleTurnTotal, MAX_TURN, suggestCheckout } from './checkout';
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

/** The match format (contract: `start`, `legsToWin`, `doubleOut`). */
export interface DartsFormat {
	/** Starting score of each leg; 501 in the contract (301 or 701 also work). */
	start: number;
	/** Legs needed to win the match, or to win a set when `setsToWin` is given. */
	legsToWin: number;
	/** true: finish on a double or the bull (contract). false: any dart may finish. */
	doubleOut: boolean;
	/** When set, the match is played in sets of `legsToWin` legs. */
	setsToWin?: number;
	/** Who throws first in leg 1 (after the bull for the throw); default 'A'. */
	firstThrower?: Side;
	/** Rounds each per leg before a bull-off decides it (e.g. 15); none by default. */
	roundCap?: number;
}

/** Everything a referee can record at the board. */
export type DartsEvent =
	| {
			type: 'turn';
			side: Side;
			/** Total of the turn as the darts landed, 0-180 (a bust is detected by the engine). */
			scored: number;
			/** The last dart of a finishing turn hit a double or the bull. */
			finishedOnDouble?: boolean;
			/** Darts thrown, 1-3 (default 3); fewer only for a checkout or a bust. */
			dartsUsed?: number;
	  }
	/** The bull-off after the round cap; only accepted at that moment. */
	| { type: 'bullOff'; winner: Side }
	/** `absent` did not turn up; only before the first turn. */
	| { type: 'walkover'; absent: Side }
	/** `side` retires; the other side wins. */
	| { type: 'retire'; side: Side }
	/** After the match: the correct final legs (and sets), with the reason, for the audit. */
	| { type: 'correction'; legsWon: Pair; setsWon?: Pair; reason: string };

/** Running totals of one player over the match. */
export interface DartsRawStats {
	readonly pointsScored: number;
	readonly dartsThrown: number;
	readonly turns: number;
	/** Turns of 100-139 points. */
	readonly tons100: number;
	/** Turns of 140-179 points. */
	readonly tons140: number;
	/** Turns of 180. */
	readonly max180: number;
	readonly busts: number;
	readonly checkouts: number;
	/** Highest finish, 0 before the first one. */
	readonly highestCheckout: number;
}

/** The statistics a screen shows, with the 3-dart average. */
export interface DartsPlayerStats extends DartsRawStats {
	/** Points scored ÷ darts thrown × 3, rounded to 2 decimals; 0 before the first dart. */
	readonly average: number;
}

/** One turn as recorded, for the "last visit" line of a screen. */
export interface DartsTurnRecord {
	readonly side: Side;
	readonly scored: number;
	readonly dartsUsed: number;
	readonly bust: boolean;
	readonly checkout: boolean;
	readonly remainingBefore: number;
	readonly remainingAfter: number;
}

/** A finished leg. */
export interface DartsLegRecord {
	/** 1-based set number (1 when the match has no sets). */
	readonly set: number;
	/** 1-based leg number in the match. */
	readonly leg: number;
	readonly starter: Side;
	readonly winner: Side;
	/** The finishing score, or null when the leg went to a bull-off. */
	readonly checkout: number | null;
	readonly byBullOff: boolean;
	/** Darts each player threw in the leg. */
	readonly darts: Pair;
}

/** How the match ended; `side` is the absent or retiring side. */
export interface DartsResult {
	readonly method: 'played' | 'walkover' | 'retired';
	readonly side?: Side;
}

/** The engine's state: plain, serialisable data, never changed in place. */
export interface DartsState {
	readonly format: Readonly<Required<Omit<DartsFormat, 'setsToWin' | 'roundCap'>>> & {
		readonly setsToWin: number | null;
		readonly roundCap: number | null;
	};
	readonly remaining: Pair;
	/** Legs won in the current set (in the match when there are no sets). */
	readonly legsWon: Pair;
	readonly setsWon: Pair;
	readonly legs: readonly DartsLegRecord[];
	readonly legStarter: Side;
	/** Who throws next; null when the match is over or a bull-off is due. */
	readonly onThrow: Side | null;
	readonly turnsInLeg: Pair;
	readonly dartsInLeg: Pair;
	readonly lastTurn: DartsTurnRecord | null;
	readonly awaitingBullOff: boolean;
	readonly stats: { readonly a: DartsRawStats; readonly b: DartsRawStats };
	readonly finished: boolean;
	readonly winner: Side | null;
	readonly result: DartsResult | null;
	readonly correction: { readonly reason: string } | null;
}

/** What a screen needs: the contract fields plus turn order, statistics and checkout hint. */
export interface DartsSummary {
	finished: boolean;
	winner: Side | null;
	remaining: Pair;
	legsWon: Pair;
	setsWon: Pair;
	/** Legs won over the whole match (equals `legsWon` without sets). */
	totalLegsWon: Pair;
	lastTurnBust: boolean;
	lastTurn: DartsTurnRecord | null;
	/** Who throws next; null when finished or while a bull-off is due. */
	onThrow: Side | null;
	legStarter: Side;
	/** 1-based leg number in the match (the last leg once finished). */
	legNumber: number;
	/** 1-based set number (1 without sets). */
	setNumber: number;
	/** 1-based round of the current leg for the player on throw. */
	round: number;
	awaitingBullOff: boolean;
	averages: Pair;
	stats: { a: DartsPlayerStats; b: DartsPlayerStats };
	/** A suggested checkout for the player on throw (double-out only), or null. */
	checkout: string[] | null;
	legs: DartsLegRecord[];
	result: DartsResult | null;
	corrected: boolean;
}

const ZERO: Pair = { a: 0, b: 0 };
const NO_STATS: DartsRawStats = {
	pointsScored: 0,
	dartsThrown: 0,
	turns: 0,
	tons100: 0,
	tons140: 0,
	max180: 0,
	busts: 0,
	checkouts: 0,
	highestCheckout: 0
};

/**
 * True when a turn of `scored` from `remaining` is a bust. Shared with the tablet's preview
 * so the referee sees "bust" before confirming.
 */
export function isBust(
	remaining: number,
	scored: number,
	finishedOnDouble: boolean,
	doubleOut = true
): boolean {
	const after = remaining - scored;
	if (!doubleOut) return after < 0;
	return after < 0 || after === 1 || (after === 0 && !finishedOnDouble);
}

/** 3-dart average as darts statistics define it: points ÷ darts × 3, 2 decimals. */
export function threeDartAverage(pointsScored: number, dartsThrown: number): number {
	if (dartsThrown <= 0) return 0;
	return Math.round((pointsScored / dartsThrown) * 300) / 100;
}

function starterFor(state: Pick<DartsState, 'format' | 'legs' | 'legsWon' | 'setsWon'>): Side {
	const first = state.format.firstThrower;
	const flip = (n: number, side: Side) => (n % 2 === 0 ? side : otherSide(side));
	if (state.format.setsToWin === null) return flip(state.legs.length, first);
	const setStarter = flip(state.setsWon.a + state.setsWon.b, first);
	return flip(state.legsWon.a + state.legsWon.b, setStarter);
}

/** Starts a match; validates the format. Called when the referee opens the match. */
export function init(format: DartsFormat): DartsState {
	const check = (ok: boolean, field: string) => {
		if (!ok) throw violation('darts.invalid_format', { field });
	};
	check(isIntIn(format.start, 2, 100_000), 'start');
	check(isIntIn(format.legsToWin, 1, 99), 'legsToWin');
	check(typeof format.doubleOut === 'boolean', 'doubleOut');
	check(format.setsToWin === undefined || isIntIn(format.setsToWin, 1, 99), 'setsToWin');
	check(format.roundCap === undefined || isIntIn(format.roundCap, 1, 999), 'roundCap');
	const firstThrower = format.firstThrower ?? 'A';
	assertSide(firstThrower, 'firstThrower');
	const base = {
		format: {
			start: format.start,
			legsToWin: format.legsToWin,
			doubleOut: format.doubleOut,
			firstThrower,
			setsToWin: format.setsToWin ?? null,
			roundCap: format.roundCap ?? null
		},
		legs: [],
		legsWon: ZERO,
		setsWon: ZERO
	};
	return {
		...base,
		remaining: { a: format.start, b: format.start },
		legStarter: firstThrower,
		onThrow: firstThrower,
		turnsInLeg: ZERO,
		dartsInLeg: ZERO,
		lastTurn: null,
		awaitingBullOff: false,
		stats: { a: NO_STATS, b: NO_STATS },
		finished: false,
		winner: null,
		result: null,
		correction: null
	};
}

type Draft = { -readonly [K in keyof DartsState]: DartsState[K] };

/** Closes the current leg for `side`, then opens the next leg, set, or ends the match. */
function winLeg(draft: Draft, side: Side, checkout: number | null): void {
	const f = draft.format;
	draft.legs = [
		...draft.legs,
		{
			set: draft.setsWon.a + draft.setsWon.b + 1,
			leg: draft.legs.length + 1,
			starter: draft.legStarter,
			winner: side,
			checkout,
			byBullOff: checkout === null,
			darts: draft.dartsInLeg
		}
	];
	draft.legsWon = addTo(draft.legsWon, side, 1);
	draft.awaitingBullOff = false;
	let matchWon = false;
	if (f.setsToWin === null) {
		matchWon = draft.legsWon[sideKey(side)] >= f.legsToWin;
	} else if (draft.legsWon[sideKey(side)] >= f.legsToWin) {
		draft.setsWon = addTo(draft.setsWon, side, 1);
		matchWon = draft.setsWon[sideKey(side)] >= f.setsToWin;
		if (!matchWon) draft.legsWon = ZERO;
	}
	if (matchWon) {
		draft.finished = true;
		draft.winner = side;
		draft.result = { method: 'played' };
		draft.onThrow = null;
		return;
	}
	draft.remaining = { a: f.start, b: f.start };
	draft.turnsInLeg = ZERO;
	draft.dartsInLeg = ZERO;
	draft.legStarter = starterFor(draft);
	draft.onThrow = draft.legStarter;
}

function applyTurn(draft: Draft, event: Extract<DartsEvent, { type: 'turn' }>): void {
	assertSide(event.side);
	if (draft.awaitingBullOff) throw violation('darts.bull_off_required');
	if (event.side !== draft.onThrow) {
		throw violation('darts.not_your_turn', { side: event.side, onThrow: String(draft.onThrow) });
	}
	const { scored } = event;
	if (!isIntIn(scored, 0, MAX_TURN)) {
		throw violation('darts.invalid_score', { scored: String(scored) });
	}
	if (!isPossibleTurnTotal(scored)) throw violation('darts.impossible_score', { scored });
	const dartsUsed = event.dartsUsed ?? 3;
	if (!isIntIn(dartsUsed, 1, 3)) {
		throw violation('darts.invalid_darts', { dartsUsed: String(dartsUsed) });
	}

	const key = sideKey(event.side);
	const before = draft.remaining[key];
	const doubleOut = draft.format.doubleOut;
	const bust = isBust(before, scored, event.finishedOnDouble === true, doubleOut);
	const checkout = !bust && before - scored === 0;
	if (checkout && !canCheckout(before, dartsUsed, doubleOut)) {
		throw violation('darts.impossible_checkout', { remaining: before, dartsUsed });
	}
	if (!checkout && !bust && dartsUsed !== 3) throw violation('darts.darts_only_on_checkout');
	if (!isPossibleTurnTotal(scored, dartsUsed)) {
		throw violation('darts.impossible_score_with_darts', { scored, dartsUsed });
	}

	const points = bust ? 0 : scored;
	const old = draft.stats[key];
	const stats: DartsRawStats = {
		pointsScored: old.pointsScored + points,
		dartsThrown: old.dartsThrown + dartsUsed,
		turns: old.turns + 1,
		tons100: old.tons100 + (points >= 100 && points < 140 ? 1 : 0),
		tons140: old.tons140 + (points >= 140 && points < 180 ? 1 : 0),
		max180: old.max180 + (points === 180 ? 1 : 0),
		busts: old.busts + (bust ? 1 : 0),
		checkouts: old.checkouts + (checkout ? 1 : 0),
		highestCheckout: checkout ? Math.max(old.highestCheckout, scored) : old.highestCheckout
	};
	draft.stats = key === 'a' ? { a: stats, b: draft.stats.b } : { a: draft.stats.a, b: stats };
	draft.remaining = addTo(draft.remaining, event.side, -points);
	draft.turnsInLeg = addTo(draft.turnsInLeg, event.side, 1);
	draft.dartsInLeg = addTo(draft.dartsInLeg, event.side, dartsUsed);
	draft.lastTurn = {
		side: event.side,
		scored,
		dartsUsed,
		bust,
		checkout,
		remainingBefore: before,
		remainingAfter: before - points
	};
	if (checkout) {
		winLeg(draft, event.side, scored);
		return;
	}
	draft.onThrow = otherSide(event.side);
	const cap = draft.format.roundCap;
	if (cap !== null && draft.turnsInLeg.a >= cap && draft.turnsInLeg.b >= cap) {
		draft.awaitingBullOff = true;
		draft.onThrow = null;
	}
}

function applyCorrection(
	draft: Draft,
	event: Extract<DartsEvent, { type: 'correction' }>
): void {
	assertReason(event.reason);
	const f = draft.format;
	const decided = (p: unknown, target: number): Side | null => {
		if (typeof p !== 'object' || p === null) return null;
		const { a, b } = p as Pair;
		if (!isIntIn(a, 0, target) || !isIntIn(b, 0, target)) return null;
		if (a === target && b < target) return 'A';
		if (b === target && a < target) return 'B';
		return null;
	};
	const legWinner = decided(event.legsWon, f.legsToWin);
	const setWinner = f.setsToWin === null ? legWinner : decided(event.setsWon, f.setsToWin);
	if (legWinner === null || setWinner === null || legWinner !== setWinner) {
		throw violation('darts.correction_invalid_match');
	}
	draft.legsWon = { a: event.legsWon.a, b: event.legsWon.b };
	if (f.setsToWin !== null && event.setsWon) {
		draft.setsWon = { a: event.setsWon.a, b: event.setsWon.b };
	}
	draft.winner = legWinner;
	draft.result = { method: 'played' };
	draft.correction = { reason: event.reason.trim() };
}

function noTurnThrown(state: DartsState): boolean {
	return state.legs.length === 0 && state.turnsInLeg.a === 0 && state.turnsInLeg.b === 0;
}

/**
 * Applies one referee event and returns the new state; throws `RuleViolation` for an event
 * the rules do not allow (a turn out of order, 179, a turn after the match, …). Pure.
 */
export function apply(state: DartsState, event: DartsEvent): DartsState {
	const draft: Draft = { ...state };
	if (event.type === 'correction') {
		if (!state.finished) throw violation('scoring.correction_not_finished');
		applyCorrection(draft, event);
		return draft;
	}
	if (state.finished) throw violation('darts.match_over');
	switch (event.type) {
		case 'turn':
			applyTurn(draft, event);
			return draft;
		case 'bullOff':
			assertSide(event.winner, 'winner');
			if (!state.awaitingBullOff) throw violation('darts.bull_off_not_due');
			draft.lastTurn = null;
			winLeg(draft, event.winner, null);
			return draft;
		case 'walkover':
			assertSide(event.absent, 'absent');
			if (!noTurnThrown(state)) throw violation('darts.walkover_after_start');
			draft.finished = true;
			draft.winner = otherSide(event.absent);
			draft.result = { method: 'walkover', side: event.absent };
			draft.onThrow = null;
			return draft;
		case 'retire':
			assertSide(event.side);
			draft.finished = true;
			draft.winner = otherSide(event.side);
			draft.result = { method: 'retired', side: event.side };
			draft.onThrow = null;
			draft.awaitingBullOff = false;
			return draft;
		default:
			return unknownEvent(event);
	}
}

/** The score board of a match: contract fields plus statistics and the checkout hint. */
export function summary(state: DartsState): DartsSummary {
	const withAverage = (s: DartsRawStats): DartsPlayerStats => ({
		...s,
		average: threeDartAverage(s.pointsScored, s.dartsThrown)
	});
	const totalLegsWon = state.legs.reduce((p, leg) => addTo(p, leg.winner, 1), ZERO);
	const onThrow = state.onThrow;
	const checkout =
		onThrow !== null && state.format.doubleOut
			? suggestCheckout(state.remaining[sideKey(onThrow)])
			: null;
	const running = !state.finished;
	return {
		finished: state.finished,
		winner: state.winner,
		remaining: state.remaining,
		legsWon: state.legsWon,
		setsWon: state.setsWon,
		totalLegsWon: state.format.setsToWin === null ? state.legsWon : totalLegsWon,
		lastTurnBust: state.lastTurn?.bust ?? false,
		lastTurn: state.lastTurn,
		onThrow,
		legStarter: state.legStarter,
		legNumber: state.legs.length + (running ? 1 : 0),
		setNumber: Math.max(1, state.setsWon.a + state.setsWon.b + (running ? 1 : 0)),
		round: onThrow === null ? 0 : state.turnsInLeg[sideKey(onThrow)] + 1,
		awaitingBullOff: state.awaitingBullOff,
		averages: {
			a: threeDartAverage(state.stats.a.pointsScored, state.stats.a.dartsThrown),
			b: threeDartAverage(state.stats.b.pointsScored, state.stats.b.dartsThrown)
		},
		stats: { a: withAverage(state.stats.a), b: withAverage(state.stats.b) },
		checkout,
		legs: [...state.legs],
		result: state.result,
		corrected: state.correction !== null
	};
}
