import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IMPOSSIBLE_TURN_TOTALS } from './checkout';
import {
	apply,
	init,
	isBust,
	summary,
	threeDartAverage,
	type DartsEvent,
	type DartsFormat,
	type DartsState
} from './darts';
import { deepFreeze, snapshot, violationCode } from './testing';
import type { Side } from './types';

const f501: DartsFormat = { start: 501, legsToWin: 3, doubleOut: true };

type TurnInput = number | { scored: number; double?: boolean; darts?: number };

/** Plays turns in throwing order; a number is a plain turn, an object may finish. */
function turns(state: DartsState, ...list: TurnInput[]): DartsState {
	let s = state;
	for (const t of list) {
		const side = s.onThrow as Side;
		const input = typeof t === 'number' ? { scored: t } : t;
		s = apply(s, {
			type: 'turn',
			side,
			scored: input.scored,
			finishedOnDouble: input.double,
			dartsUsed: input.darts
		});
	}
	return s;
}

/** A leg won by the leg's starter in 9 darts: 180, (opponent 0), 180, (0), 141 on a double. */
const nineDarter: TurnInput[] = [180, 0, 180, 0, { scored: 141, double: true }];

/** A state where A is on throw with `remaining` left (B throws zeros), from a fresh match. */
function aLeaves(remaining: number, format: DartsFormat = f501): DartsState {
	let s = init(format);
	let left = format.start;
	while (left - remaining > 0) {
		const chunk = Math.min(180, left - remaining);
		const scored = IMPOSSIBLE_TURN_TOTALS.includes(chunk) ? chunk - 10 : chunk;
		s = turns(s, scored, 0);
		left -= scored;
	}
	return s;
}

describe('darts 501: turns and order', () => {
	it('starts both players on 501 with A to throw', () => {
		const s = summary(init(f501));
		expect(s).toMatchObject({
			finished: false,
			winner: null,
			remaining: { a: 501, b: 501 },
			legsWon: { a: 0, b: 0 },
			lastTurnBust: false,
			onThrow: 'A',
			legNumber: 1,
			round: 1
		});
	});

	it('refuses an invalid format', () => {
		expect(violationCode(() => init({ ...f501, legsToWin: 0 }))).toBe('darts.invalid_format');
		expect(violationCode(() => init({ ...f501, start: 1.5 }))).toBe('darts.invalid_format');
		expect(violationCode(() => init({ ...f501, roundCap: 0 }))).toBe('darts.invalid_format');
	});

	it('subtracts a turn and passes the throw to the opponent', () => {
		const s = summary(turns(init(f501), 60, 45));
		expect(s.remaining).toEqual({ a: 441, b: 456 });
		expect(s.onThrow).toBe('A');
		expect(s.round).toBe(2);
	});

	it('refuses a turn by the player who is not on throw', () => {
		const st = turns(init(f501), 60);
		expect(violationCode(() => apply(st, { type: 'turn', side: 'A', scored: 60 }))).toBe(
			'darts.not_your_turn'
		);
	});

	it('refuses totals outside 0-180, fractions, and totals three darts cannot make', () => {
		const st = init(f501);
		const code = (scored: number) =>
			violationCode(() => apply(st, { type: 'turn', side: 'A', scored }));
		expect(code(-1)).toBe('darts.invalid_score');
		expect(code(181)).toBe('darts.invalid_score');
		expect(code(20.5)).toBe('darts.invalid_score');
		for (const n of [179, 178, 176, 175, 173, 172, 169, 166, 163]) {
			expect(code(n)).toBe('darts.impossible_score');
		}
		expect(code(177)).toBe('no error');
	});
});

describe('darts 501: busts', () => {
	it('busts a turn that would go below zero: nothing scores, the throw passes', () => {
		const st = turns(aLeaves(40), 60);
		const s = summary(st);
		expect(s.remaining.a).toBe(40);
		expect(s.lastTurnBust).toBe(true);
		expect(s.onThrow).toBe('B');
		expect(s.stats.a.busts).toBe(1);
	});

	it('busts a turn that would leave exactly 1', () => {
		const s = summary(turns(aLeaves(40), 39));
		expect(s.remaining.a).toBe(40);
		expect(s.lastTurnBust).toBe(true);
	});

	it('busts a turn that reaches zero without a double', () => {
		expect(summary(turns(aLeaves(40), 40)).lastTurnBust).toBe(true);
		expect(summary(turns(aLeaves(40), { scored: 40, double: false })).remaining.a).toBe(40);
	});

	it('clears the bust flag with the next turn that scores', () => {
		const s = summary(turns(aLeaves(40), 60, 20));
		expect(s.lastTurnBust).toBe(false);
	});

	it('agrees with the bust rule for straight-out too', () => {
		expect(isBust(40, 40, false, true)).toBe(true);
		expect(isBust(40, 40, false, false)).toBe(false);
		expect(isBust(40, 39, false, false)).toBe(false);
		expect(isBust(40, 41, true, false)).toBe(true);
	});
});

describe('darts 501: finishing', () => {
	it('wins the leg on a double and starts the next leg at 501 with the other player', () => {
		const st = turns(aLeaves(40), { scored: 40, double: true });
		const s = summary(st);
		expect(s.legsWon).toEqual({ a: 1, b: 0 });
		expect(s.remaining).toEqual({ a: 501, b: 501 });
		expect(s.onThrow).toBe('B');
		expect(s.legStarter).toBe('B');
		expect(s.legNumber).toBe(2);
		expect(s.lastTurnBust).toBe(false);
		expect(s.legs[0]).toMatchObject({ winner: 'A', starter: 'A', checkout: 40, byBullOff: false });
	});

	it('refuses a finish the board cannot produce, instead of calling it a bust', () => {
		expect(
			violationCode(() => turns(aLeaves(168), { scored: 168, double: true }))
		).toBe('darts.impossible_checkout');
		expect(
			violationCode(() => turns(aLeaves(180), { scored: 180, double: true }))
		).toBe('darts.impossible_checkout');
		expect(
			violationCode(() => turns(aLeaves(100), { scored: 100, double: true, darts: 1 }))
		).toBe('darts.impossible_checkout');
		expect(summary(turns(aLeaves(100), { scored: 100, double: true, darts: 2 })).legsWon.a).toBe(1);
		expect(summary(turns(aLeaves(170), { scored: 170, double: true })).legsWon.a).toBe(1);
	});

	it('allows fewer than three darts only for a finish or a bust', () => {
		expect(violationCode(() => turns(init(f501), { scored: 60, darts: 1 }))).toBe(
			'darts.darts_only_on_checkout'
		);
		expect(violationCode(() => turns(init(f501), { scored: 60, darts: 4 }))).toBe(
			'darts.invalid_darts'
		);
		const bust = summary(turns(aLeaves(40), { scored: 60, darts: 1 }));
		expect(bust.lastTurnBust).toBe(true);
		expect(violationCode(() => turns(aLeaves(40), { scored: 100, darts: 1 }))).toBe(
			'darts.impossible_score_with_darts'
		);
	});

	it('alternates the player who throws first by leg and ends the match at legsToWin', () => {
		let st = init(f501);
		const starters: Side[] = [];
		for (let leg = 0; leg < 5; leg++) {
			starters.push(summary(st).onThrow as Side);
			// The starter wins legs 1, 2, 3 and 5; with A starting legs 1, 3, 5 that is A, B, A, B, A.
			st = turns(st, ...nineDarter);
		}
		expect(starters).toEqual(['A', 'B', 'A', 'B', 'A']);
		const s = summary(st);
		expect(s).toMatchObject({ finished: true, winner: 'A', legsWon: { a: 3, b: 2 }, onThrow: null });
		expect(s.remaining.a).toBe(0);
		expect(violationCode(() => apply(st, { type: 'turn', side: 'B', scored: 60 }))).toBe(
			'darts.match_over'
		);
	});

	it('lets the given first thrower start leg 1', () => {
		const st = init({ ...f501, firstThrower: 'B' });
		expect(summary(st).onThrow).toBe('B');
		expect(summary(turns(st, ...nineDarter)).onThrow).toBe('A');
	});
});

describe('darts 501: sets', () => {
	it('plays sets of legs, resets legs after a set and alternates the set starter', () => {
		const fmt: DartsFormat = { start: 501, legsToWin: 2, setsToWin: 2, doubleOut: true };
		let st = init(fmt);
		const starters: Side[] = [];
		const play = () => {
			starters.push(summary(st).onThrow as Side);
			st = turns(st, ...nineDarter);
		};
		play(); // set 1 leg 1: A starts and wins
		play(); // set 1 leg 2: B starts and wins
		play(); // set 1 leg 3: A starts and wins the set 2-1
		let s = summary(st);
		expect(s.setsWon).toEqual({ a: 1, b: 0 });
		expect(s.legsWon).toEqual({ a: 0, b: 0 });
		expect(s.totalLegsWon).toEqual({ a: 2, b: 1 });
		expect(s.setNumber).toBe(2);
		play(); // set 2 leg 1: B starts (set starter alternates) and wins
		play(); // set 2 leg 2: A starts and wins
		play(); // set 2 leg 3: B starts and wins the set
		play(); // set 3 leg 1: A starts
		play(); // set 3 leg 2: B starts
		play(); // set 3 leg 3: A starts and wins the match 2-1 in sets
		expect(starters).toEqual(['A', 'B', 'A', 'B', 'A', 'B', 'A', 'B', 'A']);
		s = summary(st);
		expect(s).toMatchObject({ finished: true, winner: 'A', setsWon: { a: 2, b: 1 } });
		expect(s.legs.map((l) => l.set)).toEqual([1, 1, 1, 2, 2, 2, 3, 3, 3]);
	});
});

describe('darts 501: statistics', () => {
	it('computes the 3-dart average over all darts, busts included as thrown darts', () => {
		const s = summary(turns(init(f501), ...nineDarter));
		expect(s.averages.a).toBe(167);
		expect(s.averages.b).toBe(0);
		expect(s.stats.a).toMatchObject({ max180: 2, tons140: 1, tons100: 0, checkouts: 1, highestCheckout: 141 });

		const withBust = summary(turns(aLeaves(40), 60));
		// A: 461 points scored before the bust, in (turns before + 1) × 3 darts.
		const a = withBust.stats.a;
		expect(a.pointsScored).toBe(461);
		expect(a.average).toBe(threeDartAverage(461, a.dartsThrown));
		expect(a.dartsThrown).toBe(a.turns * 3);
	});

	it('counts only the darts used for a checkout', () => {
		const st = turns(init(f501), 100, 0, 100, 0, 100, 0, 100, 0, { scored: 101, double: true, darts: 2 });
		const a = summary(st).stats.a;
		expect(a.dartsThrown).toBe(14);
		expect(a.average).toBe(107.36);
		expect(summary(st).legs[0]?.darts).toEqual({ a: 14, b: 12 });
	});

	it('counts 100+, 140+ and 180 turns in separate bands', () => {
		const s = summary(turns(init(f501), 100, 139, 140, 177, 180, 99));
		expect(s.stats.a).toMatchObject({ tons100: 1, tons140: 1, max180: 1 });
		expect(s.stats.b).toMatchObject({ tons100: 1, tons140: 1, max180: 0 });
	});

	it('suggests a checkout for the player on throw when one exists', () => {
		expect(summary(aLeaves(170)).checkout).toEqual(['T20', 'T20', 'Bull']);
		expect(summary(aLeaves(169)).checkout).toBeNull();
		expect(summary(init(f501)).checkout).toBeNull();
	});
});

describe('darts 501: round cap and bull-off', () => {
	const capped: DartsFormat = { ...f501, legsToWin: 2, roundCap: 2 };

	it('waits for a bull-off when both players have thrown the capped rounds', () => {
		let st = turns(init(capped), 60, 60, 60);
		expect(violationCode(() => apply(st, { type: 'bullOff', winner: 'A' }))).toBe(
			'darts.bull_off_not_due'
		);
		st = turns(st, 60);
		expect(summary(st)).toMatchObject({ awaitingBullOff: true, onThrow: null });
		expect(violationCode(() => apply(st, { type: 'turn', side: 'A', scored: 60 }))).toBe(
			'darts.bull_off_required'
		);
		st = apply(st, { type: 'bullOff', winner: 'B' });
		const s = summary(st);
		expect(s).toMatchObject({ legsWon: { a: 0, b: 1 }, awaitingBullOff: false, onThrow: 'B' });
		expect(s.legs[0]).toMatchObject({ winner: 'B', byBullOff: true, checkout: null });
	});

	it('does not need a bull-off when the leg is won within the cap', () => {
		const st = turns(init({ ...capped, roundCap: 3 }), ...nineDarter);
		expect(summary(st)).toMatchObject({ legsWon: { a: 1, b: 0 }, awaitingBullOff: false });
	});
});

describe('darts 501: walkover, retirement, corrections', () => {
	it('awards a walkover only before the first turn', () => {
		const st = apply(init(f501), { type: 'walkover', absent: 'A' });
		expect(summary(st)).toMatchObject({
			finished: true,
			winner: 'B',
			result: { method: 'walkover', side: 'A' }
		});
		expect(violationCode(() => apply(turns(init(f501), 60), { type: 'walkover', absent: 'A' }))).toBe(
			'darts.walkover_after_start'
		);
	});

	it('ends the match when a player retires', () => {
		const st = apply(turns(init(f501), ...nineDarter, 60), { type: 'retire', side: 'A' });
		expect(summary(st)).toMatchObject({ finished: true, winner: 'B', legsWon: { a: 1, b: 0 } });
	});

	it('corrects the final legs of a finished match with a reason', () => {
		const done = turns(init({ ...f501, legsToWin: 1 }), ...nineDarter);
		const st = apply(done, { type: 'correction', legsWon: { a: 0, b: 1 }, reason: 'wrong player' });
		expect(summary(st)).toMatchObject({ winner: 'B', legsWon: { a: 0, b: 1 }, corrected: true });
		expect(
			violationCode(() => apply(done, { type: 'correction', legsWon: { a: 1, b: 1 }, reason: 'x' }))
		).toBe('darts.correction_invalid_match');
		expect(
			violationCode(() =>
				apply(init(f501), { type: 'correction', legsWon: { a: 3, b: 0 }, reason: 'x' })
			)
		).toBe('scoring.correction_not_finished');
	});
});

describe('darts: straight out', () => {
	it('finishes on any dart and never busts on 1', () => {
		const fmt: DartsFormat = { start: 101, legsToWin: 1, doubleOut: false };
		let st = turns(init(fmt), 100);
		expect(summary(st)).toMatchObject({ remaining: { a: 1, b: 101 }, lastTurnBust: false });
		st = turns(st, 0, { scored: 1, darts: 1 });
		expect(summary(st)).toMatchObject({ finished: true, winner: 'A' });
	});
});

// --- properties ---------------------------------------------------------------------------

const possible = fc.integer({ min: 0, max: 180 }).filter((n) => !IMPOSSIBLE_TURN_TOTALS.includes(n));
const turnArb = fc.record({
	scored: possible,
	double: fc.boolean(),
	darts: fc.constantFrom(1, 2, 3),
	/** Aim at the remainder (the turn then scores exactly what is left, if the board allows). */
	aim: fc.boolean()
});

function tryTurn(
	st: DartsState,
	t: { scored: number; double: boolean; darts: number; aim: boolean }
): DartsState {
	const side = (st.onThrow ?? 'A') as Side;
	const left = side === 'A' ? st.remaining.a : st.remaining.b;
	const event: DartsEvent = {
		type: 'turn',
		side,
		scored: t.aim && left <= 180 ? left : t.scored,
		finishedOnDouble: t.double,
		dartsUsed: t.darts
	};
	try {
		return apply(st, event);
	} catch (error) {
		if (error instanceof Error && error.name === 'RuleViolation') return st;
		throw error;
	}
}

describe('darts 501: properties', () => {
	it('never leaves a remainder below zero or of exactly one, whatever is entered', () => {
		fc.assert(
			fc.property(
				fc.array(turnArb, { maxLength: 120, size: 'max' }),
				fc.integer({ min: 1, max: 3 }),
				(list, legs) => {
					let st = init({ start: 501, legsToWin: legs, doubleOut: true, roundCap: 20 });
					for (const t of list) {
						if (st.finished) break;
						if (st.awaitingBullOff) st = apply(st, { type: 'bullOff', winner: 'A' });
						else st = tryTurn(st, t);
						const s = summary(st);
						for (const r of [s.remaining.a, s.remaining.b]) {
							expect(r).toBeGreaterThanOrEqual(0);
							expect(r).not.toBe(1);
							expect(r).toBeLessThanOrEqual(501);
						}
						expect(Math.max(s.legsWon.a, s.legsWon.b)).toBeLessThanOrEqual(legs);
						expect(s.legsWon.a + s.legsWon.b).toBe(s.legs.length);
					}
				}
			),
			{ seed: 42, numRuns: 150 }
		);
	});

	it('never changes the state it is given', () => {
		fc.assert(
			fc.property(fc.array(turnArb, { maxLength: 80, size: 'max' }), (list) => {
				let st = deepFreeze(init({ ...f501, roundCap: 5 }));
				for (const t of list) {
					const previous = st;
					const before = snapshot(previous);
					st = previous.awaitingBullOff
						? apply(previous, { type: 'bullOff', winner: 'B' })
						: tryTurn(previous, t);
					deepFreeze(st);
					expect(previous).toEqual(before);
					if (st.finished) break;
				}
			}),
			{ seed: 42, numRuns: 200 }
		);
	});
});
