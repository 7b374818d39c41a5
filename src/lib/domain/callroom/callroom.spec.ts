import { describe, it, expect } from 'vitest';
import { nextToCall, noShowCheck, type CallableMatch } from './callroom';

const m = (over: Partial<CallableMatch> & { id: string }): CallableMatch => ({
	status: 'scheduled',
	slot: null,
	scheduledAt: null,
	code: over.id,
	playersKnown: true,
	...over
});

describe('nextToCall', () => {
	it('calls the first scheduled match of the table in the order of play', () => {
		const result = nextToCall([
			m({ id: 'late', slot: 3 }),
			m({ id: 'done', slot: 0, status: 'finished' }),
			m({ id: 'first', slot: 1 }),
			m({ id: 'unplanned' })
		]);
		expect(result.ok && result.match.id).toBe('first');
	});

	it('skips a match whose players are not known yet', () => {
		const result = nextToCall([m({ id: 'sf', slot: 1, playersKnown: false }), m({ id: 'group', slot: 2 })]);
		expect(result.ok && result.match.id).toBe('group');
	});

	it('calls nothing while a match on the table is called or live', () => {
		for (const status of ['called', 'live']) {
			const result = nextToCall([m({ id: 'now', status, code: 'TT-1' }), m({ id: 'next', slot: 2 })]);
			expect(result).toEqual({ ok: false, refusal: { code: 'callroom.refused.table_busy', params: { code: 'TT-1' } } });
		}
	});

	it('says so when nothing is left to call', () => {
		expect(nextToCall([m({ id: 'x', status: 'walkover' })])).toEqual({ ok: false, refusal: { code: 'callroom.refused.nothing_to_call', params: {} } });
	});
});

describe('noShowCheck', () => {
	const calledAt = new Date('2026-05-01T01:00:00Z');
	const at = (minutes: number) => new Date(calledAt.getTime() + minutes * 60_000);

	it('refuses a no-show before the configured minutes have passed since the call, with the minutes left', () => {
		expect(noShowCheck({ status: 'called', calledAt, now: at(7.5), noShowMinutes: 10, advance: false })).toEqual({
			ok: false,
			refusal: { code: 'callroom.refused.too_early', params: { minutes: 10, remaining: 3 } }
		});
	});

	it('allows the no-show once the minutes have passed', () => {
		expect(noShowCheck({ status: 'called', calledAt, now: at(10), noShowMinutes: 10, advance: false })).toEqual({ ok: true });
	});

	it('allows an absence announced in advance only on a match not called yet', () => {
		expect(noShowCheck({ status: 'scheduled', calledAt: null, now: at(0), noShowMinutes: 10, advance: true })).toEqual({ ok: true });
		expect(noShowCheck({ status: 'scheduled', calledAt: null, now: at(0), noShowMinutes: 10, advance: false }).ok).toBe(false);
	});

	it('refuses a no-show on a match already being played or over', () => {
		for (const status of ['live', 'finished', 'walkover', 'bye']) {
			expect(noShowCheck({ status, calledAt, now: at(60), noShowMinutes: 10, advance: true })).toEqual({
				ok: false,
				refusal: { code: 'callroom.refused.not_open', params: {} }
			});
		}
	});
});
