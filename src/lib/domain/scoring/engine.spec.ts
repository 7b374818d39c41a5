import { describe, expect, it } from 'vitest';
import { RuleViolation } from '../errors';
import { engineFor, engines, isSportKey, replay, tryApply, undo, type SportKey } from './engine';
import type { TableTennisEvent } from './tableTennis';
import { violationCode } from './testing';

const ttFormat = { bestOf: 3 as const, firstServer: 'A' as const };
const point = (side: 'A' | 'B'): TableTennisEvent => ({ type: 'point', side });

describe('scoring engine registry', () => {
	it('has an engine for every sport key', () => {
		const keys: SportKey[] = ['tableTennis', 'darts', 'dartsTotal', 'xiangqi'];
		expect(Object.keys(engines).sort()).toEqual([...keys].sort());
		for (const key of keys) expect(isSportKey(key)).toBe(true);
		expect(isSportKey('chess')).toBe(false);
		expect(isSportKey('toString')).toBe(false);
		expect(violationCode(() => engineFor('chess'))).toBe('scoring.unknown_sport');
		expect(engineFor('darts')).toBe(engines.darts);
	});
});

describe('replay and undo', () => {
	it('folds an event log into the same state as applying the events one by one', () => {
		const events = [point('A'), point('A'), point('B')];
		const e = engines.tableTennis;
		const stepwise = events.reduce((s, ev) => e.apply(s, ev), e.init(ttFormat));
		expect(replay(e, ttFormat, events)).toEqual(stepwise);
		expect(e.summary(replay(e, ttFormat, events)).currentGame).toEqual({ a: 2, b: 1 });
	});

	it('undoes the last event by replaying the log without it', () => {
		const events = [point('A'), point('B'), point('B')];
		const after = engines.tableTennis.summary(replay(engines.tableTennis, ttFormat, undo(events)));
		expect(after.currentGame).toEqual({ a: 1, b: 1 });
		expect(undo(events)).toHaveLength(2);
		expect(events).toHaveLength(3);
		expect(undo([])).toEqual([]);
	});

	it('reports which event of a log breaks a rule', () => {
		const events: TableTennisEvent[] = [
			{ type: 'timeout', side: 'A' },
			point('A'),
			{ type: 'timeout', side: 'A' }
		];
		try {
			replay(engines.tableTennis, ttFormat, events);
			expect.unreachable('replay should have thrown');
		} catch (error) {
			expect(error).toBeInstanceOf(RuleViolation);
			expect((error as RuleViolation).code).toBe('tt.timeout_used');
			expect((error as RuleViolation).params.eventIndex).toBe(2);
		}
	});

	it('takes the format and events types from the engine, so literals need no casts', () => {
		const st = replay(engines.tableTennis, { bestOf: 5, firstServer: 'B' }, [
			{ type: 'point', side: 'A' }
		]);
		expect(engines.tableTennis.summary(st).server).toBe('B');
	});

	it('replays the other engines through the same helper', () => {
		const darts = replay(engines.darts, { start: 501, legsToWin: 1, doubleOut: true }, [
			{ type: 'turn', side: 'A', scored: 180 },
			{ type: 'turn', side: 'B', scored: 26 }
		]);
		expect(engines.darts.summary(darts).remaining).toEqual({ a: 321, b: 475 });
		const xq = replay(engines.xiangqi, { points: { win: 2, draw: 1, loss: 0 } }, [
			{ type: 'result', outcome: 'forfeitA' }
		]);
		expect(engines.xiangqi.summary(xq).winner).toBe('B');
		const total = replay(engines.dartsTotal, { rounds: 1, players: ['p'] }, [
			{ type: 'round', player: 'p', scored: 60 }
		]);
		expect(engines.dartsTotal.summary(total).winner).toBe('p');
	});

	it('validates an event without throwing through tryApply', () => {
		const state = engines.tableTennis.init(ttFormat);
		const ok = tryApply(engines.tableTennis, state, point('B'));
		expect(ok.ok).toBe(true);
		const done = replay(engines.tableTennis, ttFormat, Array.from({ length: 22 }, () => point('A')));
		const bad = tryApply(engines.tableTennis, done, point('B'));
		expect(bad).toMatchObject({ ok: false, error: { code: 'tt.match_over' } });
	});
});
