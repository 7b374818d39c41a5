import { describe, expect, it } from 'vitest';
import { appendEvent, canUndo, foldLog, foldStoredLog, liveEngineEvents, statusOf, type LogEvent, type MatchFormat } from './matchLog';
import { violationCode } from './testing';

const tt: MatchFormat = { sport: 'tableTennis', bestOf: 3, firstServer: 'A' };
const point = (side: 'A' | 'B'): LogEvent => ({ type: 'point', side });
const game = (side: 'A' | 'B') => Array.from({ length: 11 }, () => point(side));

describe('the match log', () => {
	it('refuses a point before the match is called and before it is started', () => {
		expect(violationCode(() => foldLog(tt, [point('A')]))).toBe('scoring.log.not_called');
		expect(violationCode(() => foldLog(tt, [{ type: 'call' }, point('A')]))).toBe('scoring.log.not_started');
	});

	it('allows a walkover right after the call, and signs it off as a walkover', () => {
		const folded = foldLog(tt, [{ type: 'call' }, { type: 'walkover', absent: 'B' }, { type: 'signoff' }]);
		expect(folded.summary).toMatchObject({ finished: true, winner: 'A' });
		expect(statusOf(folded, 'scheduled')).toBe('walkover');
	});

	it('undo removes the last live event but keeps the undo in the stored log', () => {
		const log: LogEvent[] = [{ type: 'call' }, { type: 'start' }, point('A'), point('B'), { type: 'undo' }];
		const folded = foldLog(tt, log);
		expect(liveEngineEvents(folded)).toEqual([point('A')]);
		expect(folded.summary).toMatchObject({ currentGame: { a: 1, b: 0 } });
		expect(statusOf(folded, 'scheduled')).toBe('live');
	});

	it('undo can take back the start but never the call', () => {
		const folded = foldLog(tt, [{ type: 'call' }, { type: 'start' }, { type: 'undo' }]);
		expect(folded.phase).toBe('called');
		expect(canUndo(folded)).toBe(false);
		expect(violationCode(() => appendEvent(folded, { type: 'undo' }))).toBe('scoring.log.nothing_to_undo');
	});

	it('signs off only a finished match, and nothing but a correction follows a sign-off', () => {
		const running = foldLog(tt, [{ type: 'call' }, { type: 'start' }, ...game('A')]);
		expect(violationCode(() => appendEvent(running, { type: 'signoff' }))).toBe('scoring.log.not_finished');
		const done = foldLog(tt, [{ type: 'call' }, { type: 'start' }, ...game('A'), ...game('A'), { type: 'signoff' }]);
		expect(statusOf(done, 'live')).toBe('finished');
		expect(violationCode(() => appendEvent(done, point('A')))).toBe('scoring.log.signed_off');
		expect(violationCode(() => appendEvent(done, { type: 'undo' }))).toBe('scoring.log.signed_off');
		const corrected = appendEvent(done, { type: 'correction', games: [{ a: 9, b: 11 }, { a: 11, b: 5 }, { a: 8, b: 11 }], reason: 'score sheet' });
		expect(corrected.summary).toMatchObject({ winner: 'B', corrected: true });
	});

	it('passes the engine’s own refusals through (a 181 in darts)', () => {
		const darts: MatchFormat = { sport: 'darts', start: 501, legsToWin: 1, doubleOut: true };
		const live = foldLog(darts, [{ type: 'call' }, { type: 'start' }]);
		expect(violationCode(() => appendEvent(live, { type: 'turn', side: 'A', scored: 181 }))).toBe('darts.invalid_score');
		expect(violationCode(() => appendEvent(live, { type: 'turn', side: 'B', scored: 60 }))).toBe('darts.not_your_turn');
	});

	it('refuses a stored format without a known sport', () => {
		expect(violationCode(() => foldLog({ sport: 'curling' } as unknown as MatchFormat, []))).toBe('scoring.unknown_sport');
	});

	it('reads a stored log written without call and start (seeded results) and honours a finished status', () => {
		const live = foldStoredLog(tt, [point('A'), point('B')], 'live');
		expect(live.phase).toBe('live');
		expect(live.summary).toMatchObject({ currentGame: { a: 1, b: 1 } });
		expect(appendEvent(live, point('A')).summary).toMatchObject({ currentGame: { a: 2, b: 1 } });
		const done = foldStoredLog(tt, [...game('B'), ...game('B')], 'finished');
		expect(done.phase).toBe('signedOff');
		expect(canUndo(done)).toBe(false);
		expect(violationCode(() => appendEvent(done, { type: 'signoff' }))).toBe('scoring.log.signed_off');
	});
});
