import { describe, it, expect } from 'vitest';
import { drawMessages } from './messages';
import { scheduleMessages } from '../schedule/messages';
import type { ConflictCode, UnscheduledCode } from '../schedule/types';
import { drawKnockout, nextSlot } from './knockout';
import { drawGroups } from './groups';
import { roundRobin } from './roundRobin';
import { knockoutPlacings, placingsFromRanking } from './placings';
import { groupStandings } from '../standings/groupStandings';
import { planSchedule } from '../schedule/scheduler';
import { RuleViolation } from '../errors';

// every conflict and unscheduled reason has a text (checked by the compiler)
const scheduleCodes: Record<ConflictCode | UnscheduledCode, { 'zh-CN': string; en: string }> =
	scheduleMessages;

const placeholders = (text: string) =>
	[...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string))].sort();

function raised(f: () => unknown): RuleViolation {
	try {
		f();
	} catch (e) {
		if (e instanceof RuleViolation) return e;
		throw e;
	}
	throw new Error('nothing was raised');
}

describe('draw and schedule messages', () => {
	it('use the same placeholders in Chinese and English, and no empty text', () => {
		for (const table of [drawMessages, scheduleMessages]) {
			for (const [code, texts] of Object.entries(table)) {
				expect(texts['zh-CN'].length, code).toBeGreaterThan(0);
				expect(texts.en.length, code).toBeGreaterThan(0);
				expect(placeholders(texts['zh-CN']), code).toEqual(placeholders(texts.en));
			}
		}
		expect(Object.keys(scheduleCodes).length).toBeGreaterThan(10);
	});

	it('have a text for every code the draws, standings, placings and schedule raise, with its params', () => {
		const all: Record<string, { 'zh-CN': string; en: string }> = {
			...drawMessages,
			...scheduleMessages
		};
		const errors = [
			raised(() => drawKnockout({ entries: [], seed: 's' })),
			raised(() => drawKnockout({ entries: [{ id: 'a' }, { id: 'a' }], seed: 's' })),
			raised(() => drawKnockout({ entries: [{ id: 'a', seed: Infinity }], seed: 's' })),
			raised(() => nextSlot(6, { round: 1, index: 0 })),
			raised(() => nextSlot(8, { round: 4, index: 0 })),
			raised(() => drawGroups({ entries: [{ id: 'a' }], seed: 's', groupSize: 1 })),
			raised(() => drawGroups({ entries: [{ id: 'a' }], seed: 's', groupCount: 2 })),
			raised(() => roundRobin(['a', 'a'])),
			raised(() =>
				knockoutPlacings({
					size: 4,
					results: [
						{ round: 1, index: 0, winner: 'a', loser: 'b' },
						{ round: 1, index: 1, winner: 'c', loser: 'b' },
						{ round: 2, index: 0, winner: 'a', loser: 'b' }
					]
				})
			),
			raised(() => placingsFromRanking([{ id: 'a', rank: 1.5 }])),
			raised(() => groupStandings({ players: ['a'], matches: [{ a: 'a', b: 'x', games: [] }] })),
			raised(() => groupStandings({ players: ['a'], matches: [{ a: 'a', b: 'a', games: [] }] })),
			raised(() =>
				groupStandings({
					players: ['a', 'b'],
					matches: [{ a: 'a', b: 'b', games: [{ a: -1, b: 11 }] }]
				})
			),
			raised(() =>
				groupStandings({ players: ['a', 'b'], matches: [{ a: 'a', b: 'b', games: [] }] })
			),
			raised(() =>
				planSchedule({
					matches: [
						{ id: 'm', players: [], durationMinutes: 20, state: 'open' },
						{ id: 'm', players: [], durationMinutes: 20, state: 'open' }
					],
					tables: [],
					rules: { restMinutes: 0 },
					origin: 0,
					stepMinutes: 20
				})
			),
			raised(() =>
				planSchedule({
					matches: [],
					tables: [
						{ id: 't', name: 'T', kind: 'table' },
						{ id: 't', name: 'T', kind: 'table' }
					],
					rules: { restMinutes: 0 },
					origin: 0,
					stepMinutes: 20
				})
			),
			raised(() =>
				planSchedule({ matches: [{ id: 'm', players: [], durationMinutes: 0, state: 'open' }], tables: [], rules: { restMinutes: 0 }, origin: 0, stepMinutes: 20 })
			)
		];
		for (const e of errors) {
			const texts = all[e.code];
			expect(texts, e.code).toBeDefined();
			for (const name of placeholders(texts?.en ?? '')) {
				expect(e.params, `${e.code} {${name}}`).toHaveProperty(name);
			}
		}
	});
});
