import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apply, init, rankTotals, summary, type DartsTotalEvent, type DartsTotalState } from './dartsTotal';
import { deepFreeze, snapshot, violationCode } from './testing';

/** Enters all rounds of each player: `scores` maps a player to their round totals. */
function enter(state: DartsTotalState, scores: Record<string, number[]>): DartsTotalState {
	let s = state;
	for (const [player, rounds] of Object.entries(scores)) {
		for (const scored of rounds) s = apply(s, { type: 'round', player, scored });
	}
	return s;
}

describe('rankTotals', () => {
	it('ranks by total, then by the highest single round', () => {
		const ranked = rankTotals([
			{ id: 'p1', rounds: [60, 60, 60] },
			{ id: 'p2', rounds: [100, 40, 40] },
			{ id: 'p3', rounds: [90, 90, 10] },
			{ id: 'p4', rounds: [20, 20, 20] }
		]);
		expect(ranked.map((r) => [r.id, r.total, r.best, r.rank])).toEqual([
			['p3', 190, 90, 1],
			['p2', 180, 100, 2],
			['p1', 180, 60, 3],
			['p4', 60, 20, 4]
		]);
	});

	it('shares a rank between players tied on total and best round, until a throw-off separates them', () => {
		const entries = [
			{ id: 'x', rounds: [50, 50] },
			{ id: 'y', rounds: [50, 50] },
			{ id: 'z', rounds: [10, 10] }
		];
		expect(rankTotals(entries).map((r) => [r.id, r.rank, r.tied])).toEqual([
			['x', 1, true],
			['y', 1, true],
			['z', 3, false]
		]);
		expect(rankTotals(entries, [['y', 'x']]).map((r) => [r.id, r.rank, r.tied])).toEqual([
			['y', 1, false],
			['x', 2, false],
			['z', 3, false]
		]);
	});

	it('uses the latest throw-off among exactly the tied players and ignores others', () => {
		const entries = [
			{ id: 'x', rounds: [50] },
			{ id: 'y', rounds: [50] }
		];
		expect(rankTotals(entries, [['x', 'y'], ['y', 'x']])[0]?.id).toBe('y');
		expect(rankTotals(entries, [['x', 'y', 'z']]).every((r) => r.rank === 1)).toBe(true);
	});
});

describe('darts total score: entering rounds', () => {
	const fmt = { rounds: 3, players: ['p1', 'p2', 'p3', 'p4'] };

	it('refuses an invalid format', () => {
		expect(violationCode(() => init({ rounds: 0, players: ['a'] }))).toBe('dartsTotal.invalid_format');
		expect(violationCode(() => init({ rounds: 3, players: ['a', 'a'] }))).toBe(
			'dartsTotal.invalid_format'
		);
		expect(violationCode(() => init({ rounds: 3, players: [] }))).toBe('dartsTotal.invalid_format');
	});

	it('adds rounds in any order across players and shows a live leaderboard', () => {
		let st = init(fmt);
		st = apply(st, { type: 'round', player: 'p2', scored: 100 });
		st = apply(st, { type: 'round', player: 'p1', scored: 45 });
		const s = summary(st);
		expect(s.finished).toBe(false);
		expect(s.standings[0]).toMatchObject({ id: 'p2', total: 100, rank: 1, roundsThrown: 1 });
		expect(s.roundsLeft).toBe(10);
	});

	it('refuses unknown players, a round too many, a wrong round number and impossible totals', () => {
		let st = enter(init(fmt), { p1: [10, 10, 10] });
		expect(violationCode(() => apply(st, { type: 'round', player: 'p9', scored: 10 }))).toBe(
			'dartsTotal.unknown_player'
		);
		expect(violationCode(() => apply(st, { type: 'round', player: 'p1', scored: 10 }))).toBe(
			'dartsTotal.rounds_complete'
		);
		expect(
			violationCode(() => apply(st, { type: 'round', player: 'p2', scored: 10, round: 2 }))
		).toBe('dartsTotal.wrong_round');
		expect(violationCode(() => apply(st, { type: 'round', player: 'p2', scored: 179 }))).toBe(
			'darts.impossible_score'
		);
		expect(violationCode(() => apply(st, { type: 'round', player: 'p2', scored: 200 }))).toBe(
			'darts.invalid_score'
		);
		st = apply(st, { type: 'round', player: 'p2', scored: 10, round: 1 });
		expect(summary(st).standings.find((r) => r.id === 'p2')?.roundsThrown).toBe(1);
	});

	it('finishes when every round is in and names the winner', () => {
		const st = enter(init(fmt), {
			p1: [60, 60, 60],
			p2: [100, 40, 39],
			p3: [20, 20, 20],
			p4: [0, 0, 0]
		});
		const s = summary(st);
		expect(s).toMatchObject({ finished: true, winner: 'p1', allRoundsThrown: true, roundsLeft: 0 });
		expect(s.standings.map((r) => r.rank)).toEqual([1, 2, 3, 4]);
	});
});

describe('darts total score: ties and throw-offs', () => {
	const fmt = { rounds: 2, players: ['a', 'b', 'c', 'd', 'e'] };
	const tiedForFirst = { a: [60, 40], b: [60, 40], c: [50, 30], d: [40, 40], e: [45, 35] };

	it('needs a bull throw-off for a tie on a medal place and accepts only the tied players', () => {
		let st = enter(init(fmt), tiedForFirst);
		let s = summary(st);
		expect(s.finished).toBe(false);
		expect(s.allRoundsThrown).toBe(true);
		expect(s.pendingThrowOffs).toEqual([['a', 'b']]);
		expect(violationCode(() => apply(st, { type: 'throwOff', order: ['a', 'c'] }))).toBe(
			'dartsTotal.throw_off_group'
		);
		expect(violationCode(() => apply(st, { type: 'throwOff', order: ['b', 'b'] }))).toBe(
			'dartsTotal.throw_off_group'
		);
		st = apply(st, { type: 'throwOff', order: ['b', 'a'] });
		s = summary(st);
		expect(s).toMatchObject({ finished: true, winner: 'b', pendingThrowOffs: [] });
		expect(s.standings.slice(0, 2).map((r) => [r.id, r.rank])).toEqual([
			['b', 1],
			['a', 2]
		]);
	});

	it('breaks a tie on total by the highest single round before any throw-off', () => {
		const st = enter(init(fmt), { a: [60, 40], b: [70, 30], c: [0, 0], d: [0, 3], e: [0, 5] });
		expect(summary(st).standings.slice(0, 2).map((r) => r.id)).toEqual(['b', 'a']);
	});

	it('lets ties below the throw-off places share their rank without blocking the result', () => {
		const st = enter(init(fmt), { a: [100, 0], b: [90, 0], c: [80, 0], d: [10, 10], e: [10, 10] });
		const s = summary(st);
		expect(s.finished).toBe(true);
		expect(s.standings.slice(3).map((r) => [r.id, r.rank, r.tied])).toEqual([
			['d', 4, true],
			['e', 4, true]
		]);
	});

	it('refuses a throw-off before all rounds are thrown', () => {
		const st = enter(init(fmt), { a: [60], b: [60] });
		expect(violationCode(() => apply(st, { type: 'throwOff', order: ['a', 'b'] }))).toBe(
			'dartsTotal.throw_off_not_due'
		);
	});
});

describe('darts total score: withdrawals and corrections', () => {
	it('leaves a withdrawn player unranked and does not wait for their rounds', () => {
		let st = enter(init({ rounds: 2, players: ['a', 'b', 'c'] }), { a: [50, 50], b: [40] });
		st = apply(st, { type: 'withdraw', player: 'b' });
		expect(violationCode(() => apply(st, { type: 'round', player: 'b', scored: 10 }))).toBe(
			'dartsTotal.withdrawn'
		);
		st = enter(st, { c: [30, 30] });
		const s = summary(st);
		expect(s.finished).toBe(true);
		expect(s.standings.map((r) => [r.id, r.rank, r.withdrawn])).toEqual([
			['a', 1, false],
			['c', 2, false],
			['b', null, true]
		]);
	});

	it('corrects an entered round with a reason and keeps the audit record', () => {
		let st = enter(init({ rounds: 2, players: ['a', 'b'] }), { a: [50, 50], b: [60, 60] });
		st = apply(st, { type: 'correction', player: 'a', round: 2, scored: 100, reason: 'mis-keyed' });
		const s = summary(st);
		expect(s.winner).toBe('a');
		expect(s.corrections).toEqual([{ player: 'a', round: 2, from: 50, to: 100, reason: 'mis-keyed' }]);
		expect(
			violationCode(() => apply(st, { type: 'correction', player: 'a', round: 3, scored: 1, reason: 'x' }))
		).toBe('dartsTotal.correction_round');
		expect(
			violationCode(() => apply(st, { type: 'correction', player: 'a', round: 1, scored: 1, reason: '' }))
		).toBe('scoring.correction_reason_required');
	});
});

describe('darts total score: properties', () => {
	it('ranks consistently and never changes the state it is given', () => {
		const players = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'];
		const eventArb: fc.Arbitrary<DartsTotalEvent> = fc.record({
			type: fc.constant('round' as const),
			player: fc.constantFrom(...players),
			scored: fc.integer({ min: 0, max: 12 }).map((n) => n * 15)
		});
		fc.assert(
			fc.property(fc.array(eventArb, { maxLength: 40, size: 'max' }), (events) => {
				let st = deepFreeze(init({ rounds: 4, players }));
				for (const event of events) {
					const previous = st;
					const before = snapshot(previous);
					try {
						st = deepFreeze(apply(previous, event));
					} catch (error) {
						if (!(error instanceof Error && error.name === 'RuleViolation')) throw error;
					}
					expect(previous).toEqual(before);
				}
				const standings = summary(st).standings;
				for (let i = 1; i < standings.length; i++) {
					const prev = standings[i - 1];
					const cur = standings[i];
					if (!prev || !cur) continue;
					expect(prev.total).toBeGreaterThanOrEqual(cur.total);
					const sameKey = prev.total === cur.total && prev.best === cur.best;
					expect(cur.rank === prev.rank).toBe(sameKey);
					if (!sameKey) expect(cur.rank).toBe(i + 1);
				}
			}),
			{ seed: 42, numRuns: 200 }
		);
	});
});
