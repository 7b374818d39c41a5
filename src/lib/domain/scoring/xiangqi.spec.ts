import { describe, expect, it } from 'vitest';
import { apply, init, pointsFor, summary, type XiangqiEvent, type XiangqiOutcome } from './xiangqi';
import { deepFreeze, snapshot, violationCode } from './testing';

const chinese = { points: { win: 2, draw: 1, loss: 0 } };
const fide = { points: { win: 1, draw: 0.5, loss: 0 } };

describe('xiangqi results', () => {
	it('starts open, with no points and no winner', () => {
		expect(summary(init(chinese))).toMatchObject({
			finished: false,
			winner: null,
			outcome: null,
			points: { a: 0, b: 0 },
			method: null
		});
	});

	it('awards the category points for every outcome (2/1/0)', () => {
		const cases: Array<[XiangqiOutcome, 'A' | 'B' | null, { a: number; b: number }, string]> = [
			['A', 'A', { a: 2, b: 0 }, 'played'],
			['B', 'B', { a: 0, b: 2 }, 'played'],
			['draw', null, { a: 1, b: 1 }, 'played'],
			['forfeitA', 'B', { a: 0, b: 2 }, 'forfeit'],
			['forfeitB', 'A', { a: 2, b: 0 }, 'forfeit'],
			['forfeitBoth', null, { a: 0, b: 0 }, 'forfeit']
		];
		for (const [outcome, winner, points, method] of cases) {
			const s = summary(apply(init(chinese), { type: 'result', outcome }));
			expect(s).toMatchObject({ finished: true, winner, points, method, outcome });
		}
	});

	it('awards half points for a draw under 1/½/0', () => {
		expect(summary(apply(init(fide), { type: 'result', outcome: 'draw' })).points).toEqual({
			a: 0.5,
			b: 0.5
		});
		expect(summary(apply(init(fide), { type: 'result', outcome: 'B' })).points).toEqual({ a: 0, b: 1 });
	});

	it('can punish a forfeit with its own points', () => {
		const points = { win: 2, draw: 1, loss: 0, forfeitLoss: -1 };
		expect(summary(apply(init({ points }), { type: 'result', outcome: 'forfeitA' })).points).toEqual({
			a: -1,
			b: 2
		});
		expect(pointsFor('A', { ...points })).toEqual({ a: 2, b: 0 });
	});

	it('records moves and time used when given', () => {
		const s = summary(
			apply(init(chinese), { type: 'result', outcome: 'A', moves: 42, timeUsedSeconds: { a: 900, b: 1100 } })
		);
		expect(s).toMatchObject({ moves: 42, timeUsedSeconds: { a: 900, b: 1100 }, colours: { A: 'red', B: 'black' } });
	});

	it('refuses a second result', () => {
		const st = apply(init(chinese), { type: 'result', outcome: 'draw' });
		expect(violationCode(() => apply(st, { type: 'result', outcome: 'A' }))).toBe('xq.result_already_entered');
	});

	it('refuses bad outcomes, move counts, times and points systems', () => {
		const st = init(chinese);
		const code = (event: unknown) => violationCode(() => apply(st, event as XiangqiEvent));
		expect(code({ type: 'result', outcome: 'red' })).toBe('xq.invalid_outcome');
		expect(code({ type: 'result', outcome: 'A', moves: -1 })).toBe('xq.invalid_moves');
		expect(code({ type: 'result', outcome: 'A', timeUsedSeconds: { a: 1, b: -5 } })).toBe('xq.invalid_time');
		expect(code({ type: 'resign', outcome: 'A' })).toBe('scoring.unknown_event');
		expect(violationCode(() => init({ points: { win: 1, draw: 1, loss: 0 } }))).toBe('xq.invalid_points');
		expect(violationCode(() => init({ points: { win: 2, draw: Number.NaN, loss: 0 } }))).toBe(
			'xq.invalid_points'
		);
	});

	it('corrects a confirmed result with a reason, and only after a result', () => {
		const st = apply(init(chinese), { type: 'result', outcome: 'A', moves: 30 });
		const fixed = summary(apply(st, { type: 'correction', outcome: 'B', reason: 'colours swapped on the sheet' }));
		expect(fixed).toMatchObject({ winner: 'B', points: { a: 0, b: 2 }, moves: 30, corrected: true });
		expect(violationCode(() => apply(st, { type: 'correction', outcome: 'B', reason: ' ' }))).toBe(
			'scoring.correction_reason_required'
		);
		expect(violationCode(() => apply(init(chinese), { type: 'correction', outcome: 'B', reason: 'x' }))).toBe(
			'scoring.correction_not_finished'
		);
	});

	it('never changes the state it is given', () => {
		const st = deepFreeze(init(chinese));
		const before = snapshot(st);
		const next = apply(st, { type: 'result', outcome: 'draw', timeUsedSeconds: { a: 1, b: 2 } });
		expect(st).toEqual(before);
		expect(next).not.toBe(st);
	});
});
