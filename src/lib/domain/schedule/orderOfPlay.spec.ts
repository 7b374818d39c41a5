import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { checkConflicts, orderOfPlay, type PlayMatch, type PlayTable } from './orderOfPlay';
import { roundRobin } from '../draws/roundRobin';
import { RuleViolation } from '../errors';

const tablesOf = (n: number): PlayTable[] =>
	Array.from({ length: n }, (_, i) => ({ id: `t${i + 1}`, name: `Table ${i + 1}` }));

/** Random venue day: matches among a pool of athletes, some depending on earlier matches. */
const dayArb = fc
	.record({
		athletes: fc.integer({ min: 2, max: 30 }),
		tables: fc.integer({ min: 1, max: 6 }),
		rest: fc.integer({ min: 0, max: 2 }),
		matches: fc.array(
			fc.record({
				players: fc.array(fc.nat(), { minLength: 2, maxLength: 4 }),
				duration: fc.integer({ min: 1, max: 3 }),
				earliest: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
				deps: fc.array(fc.nat(), { maxLength: 2 }),
				priority: fc.option(fc.integer({ min: -2, max: 2 }), { nil: undefined })
			}),
			{ minLength: 1, maxLength: 60 }
		)
	})
	.map(({ athletes, tables, rest, matches }) => ({
		tables: tablesOf(tables),
		rest,
		matches: matches.map(
			(m, i): PlayMatch => ({
				id: `m${i}`,
				players: [...new Set(m.players.map((p) => `a${p % athletes}`))],
				durationSlots: m.duration,
				...(m.earliest !== undefined ? { earliestSlot: m.earliest } : {}),
				...(m.priority !== undefined ? { priority: m.priority } : {}),
				// only on earlier matches, so the day has no cycle
				dependsOn: i === 0 ? [] : [...new Set(m.deps.map((d) => `m${d % i}`))]
			})
		)
	}));

describe('orderOfPlay', () => {
	it('schedules every match without any conflict when the session is open-ended', () => {
		fc.assert(
			fc.property(dayArb, ({ tables, rest, matches }) => {
				const options = { minRestSlots: rest };
				const plan = orderOfPlay({ matches, tables, options });
				expect(plan.unscheduled).toEqual([]);
				expect(plan.assignments).toHaveLength(matches.length);
				expect(checkConflicts(plan.assignments, matches, { ...options, tables })).toEqual([]);
			}),
			{ seed: 42, numRuns: 300 }
		);
	});

	it('packs round-robin groups tightly: 8 groups of 4 on 8 tables take 6 slots', () => {
		const matches: PlayMatch[] = [];
		for (let g = 0; g < 8; g++) {
			const ids = [0, 1, 2, 3].map((i) => `g${g}p${i}`);
			roundRobin(ids).forEach((round, r) =>
				round.forEach(([a, b], k) => matches.push({ id: `g${g}r${r}m${k}`, players: [a, b] }))
			);
		}
		const plan = orderOfPlay({ matches, tables: tablesOf(8) });
		expect(plan.unscheduled).toEqual([]);
		expect(plan.slotCount).toBe(6);
	});

	it('runs a knockout round by round with rest for the winners', () => {
		const matches: PlayMatch[] = [
			{ id: 'qf1', players: ['a', 'b'] },
			{ id: 'qf2', players: ['c', 'd'] },
			{ id: 'qf3', players: ['e', 'f'] },
			{ id: 'qf4', players: ['g', 'h'] },
			{ id: 'sf1', players: [], dependsOn: ['qf1', 'qf2'] },
			{ id: 'sf2', players: [], dependsOn: ['qf3', 'qf4'] },
			{ id: 'f', players: [], dependsOn: ['sf1', 'sf2'] }
		];
		const plan = orderOfPlay({ matches, tables: tablesOf(4), options: { minRestSlots: 1 } });
		const slot = Object.fromEntries(plan.assignments.map((a) => [a.matchId, a.slot]));
		expect(slot).toEqual({ qf1: 0, qf2: 0, qf3: 0, qf4: 0, sf1: 2, sf2: 2, f: 4 });
		const noRest = orderOfPlay({
			matches,
			tables: tablesOf(4),
			options: { minRestSlots: 1, restAfterDependencies: false }
		});
		expect(noRest.slotCount).toBe(3);
	});

	it('respects earliest start, allowed tables and pinned matches', () => {
		const matches: PlayMatch[] = [
			{ id: 'late', players: ['a', 'b'], earliestSlot: 3 },
			{ id: 'wheelchair', players: ['c', 'd'], tables: ['t2'] },
			{ id: 'pinned', players: ['e', 'f'], pinned: { tableId: 't2', slot: 0 } },
			{ id: 'x', players: ['c', 'g'] }
		];
		const plan = orderOfPlay({ matches, tables: tablesOf(2) });
		const at = Object.fromEntries(plan.assignments.map((a) => [a.matchId, a]));
		expect(at['late']?.slot).toBe(3);
		expect(at['pinned']).toEqual({ matchId: 'pinned', tableId: 't2', slot: 0 });
		expect(at['wheelchair']).toEqual({ matchId: 'wheelchair', tableId: 't2', slot: 1 });
		expect(at['x']?.slot).toBe(0);
		expect(checkConflicts(plan.assignments, matches)).toEqual([]);
	});

	it('reports what does not fit, unknown dependencies and cycles instead of scheduling them', () => {
		const matches: PlayMatch[] = [
			{ id: 'm1', players: ['a', 'b'] },
			{ id: 'm2', players: ['a', 'c'] },
			{ id: 'm3', players: ['a', 'd'] },
			{ id: 'ghost', players: ['x', 'y'], dependsOn: ['nope'] },
			{ id: 'after', players: [], dependsOn: ['ghost'] },
			{ id: 'c1', players: ['p', 'q'], dependsOn: ['c2'] },
			{ id: 'c2', players: ['r', 's'], dependsOn: ['c1'] }
		];
		const plan = orderOfPlay({ matches, tables: tablesOf(4), options: { maxSlots: 2 } });
		const reasons = Object.fromEntries(plan.unscheduled.map((u) => [u.matchId, u.code]));
		expect(reasons).toEqual({
			ghost: 'schedule.unknown_dependency',
			after: 'schedule.dependency_unscheduled',
			c1: 'schedule.dependency_cycle',
			c2: 'schedule.dependency_cycle',
			m3: 'schedule.no_capacity'
		});
		expect(plan.assignments.map((a) => a.matchId).sort()).toEqual(['m1', 'm2']);
		expect(plan.unscheduled.find((u) => u.matchId === 'after')?.params).toEqual({
			match: 'after',
			dependency: 'ghost'
		});
	});

	it('refuses duplicate matches and impossible timings', () => {
		expect(() =>
			orderOfPlay({
				matches: [
					{ id: 'a', players: [] },
					{ id: 'a', players: [] }
				],
				tables: tablesOf(1)
			})
		).toThrow(RuleViolation);
		expect(() =>
			orderOfPlay({ matches: [{ id: 'a', players: [], durationSlots: 0 }], tables: tablesOf(1) })
		).toThrow(RuleViolation);
	});

	it('schedules 400 matches on 16 tables well within a second', () => {
		const matches: PlayMatch[] = [];
		for (let g = 0; g < 67; g++) {
			const ids = [0, 1, 2, 3].map((i) => `g${g}p${i}`);
			roundRobin(ids).forEach((round, r) =>
				round.forEach(([a, b], k) => matches.push({ id: `g${g}r${r}m${k}`, players: [a, b] }))
			);
		}
		const started = Date.now();
		const plan = orderOfPlay({
			matches: matches.slice(0, 400),
			tables: tablesOf(16),
			options: { minRestSlots: 1 }
		});
		expect(Date.now() - started).toBeLessThan(1000);
		expect(plan.unscheduled).toEqual([]);
		expect(plan.slotCount).toBe(25); // 400 / 16
	});
});

describe('checkConflicts', () => {
	const matches: PlayMatch[] = [
		{ id: 'm1', players: ['a', 'b'] },
		{ id: 'm2', players: ['a', 'c'] },
		{ id: 'm3', players: ['d', 'e'], dependsOn: ['m1'], tables: ['t1'] },
		{ id: 'm4', players: ['f', 'g'], earliestSlot: 2, durationSlots: 2 }
	];

	it('finds a double-booked athlete, a double-booked table and a dependency played too early', () => {
		const conflicts = checkConflicts(
			[
				{ matchId: 'm1', tableId: 't1', slot: 0 },
				{ matchId: 'm2', tableId: 't2', slot: 0 },
				{ matchId: 'm3', tableId: 't1', slot: 0 },
				{ matchId: 'm4', tableId: 't2', slot: 2 }
			],
			matches
		);
		expect(conflicts.map((c) => [c.code, ...c.matchIds])).toEqual([
			['schedule.table_double_booked', 'm1', 'm3'],
			['schedule.athlete_double_booked', 'm1', 'm2'],
			['schedule.dependency_order', 'm3', 'm1']
		]);
		expect(conflicts[1]).toMatchObject({ athleteId: 'a', slot: 0 });
	});

	it('finds too little rest, a table the match may not use, an early start and a missing feeder', () => {
		const conflicts = checkConflicts(
			[
				{ matchId: 'm2', tableId: 't2', slot: 1 },
				{ matchId: 'm1', tableId: 't1', slot: 0 },
				{ matchId: 'm3', tableId: 't2', slot: 1 },
				{ matchId: 'm4', tableId: 't3', slot: 1 },
				{ matchId: 'zz', tableId: 't3', slot: 5 }
			],
			matches,
			{ minRestSlots: 1, tables: tablesOf(2) }
		);
		expect(conflicts.map((c) => [c.code, ...c.matchIds]).sort()).toEqual(
			[
				['schedule.unknown_match', 'zz'],
				['schedule.table_not_allowed', 'm3'],
				['schedule.unknown_table', 'm4'],
				['schedule.before_earliest', 'm4'],
				['schedule.table_double_booked', 'm2', 'm3'],
				['schedule.insufficient_rest', 'm1', 'm2'],
				['schedule.dependency_rest', 'm3', 'm1']
			].sort()
		);
		const missing = checkConflicts([{ matchId: 'm3', tableId: 't1', slot: 4 }], matches);
		expect(missing.map((c) => c.code)).toEqual(['schedule.dependency_missing']);
	});
});
