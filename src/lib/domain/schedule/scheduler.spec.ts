import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { planSchedule, slotOf, type PlanInput, type PlanResult } from './scheduler';
import { checkSchedule, expectedEnd, moveConflicts } from './constraints';
import { planDelay } from './delays';
import { roundRobin } from '../draws/roundRobin';
import { RuleViolation } from '../errors';
import type { MatchState, SchedMatch, SchedTable } from './types';

const MIN = 60_000;
const T0 = Date.UTC(2030, 11, 12, 1, 0); // 09:00 in Beijing
const at = (minutes: number) => T0 + minutes * MIN;

const tablesOf = (n: number, kind = 'table'): SchedTable[] =>
	Array.from({ length: n }, (_, i) => ({ id: `${kind}${i + 1}`, name: `${kind} ${i + 1}`, kind }));

/** The matches as they are after a plan: moved places written back, states kept. */
function applyPlan(matches: readonly SchedMatch[], result: Pick<PlanResult, 'placements'>): SchedMatch[] {
	const placed = new Map(result.placements.map((p) => [p.matchId, p]));
	return matches.map((m) => {
		if (m.state === 'fixed') return m;
		const p = placed.get(m.id);
		if (!p) return { ...m, state: 'open' as const, placement: undefined };
		return {
			...m,
			state: m.state === 'published' ? ('published' as const) : ('placed' as const),
			placement: { tableId: p.tableId, start: p.start }
		};
	});
}

describe('the scheduler and the checker are one rule book', () => {
	it('never puts a new match on a table that already held a finished match at that time (the 09:00 double booking)', () => {
		const tables = tablesOf(8);
		// slot 1 at 09:00 was played on every table: eight finished matches
		const finished: SchedMatch[] = tables.map((t, i) => ({
			id: `done${i}`,
			players: [`f${i}a`, `f${i}b`],
			durationMinutes: 20,
			kind: 'table',
			state: 'fixed',
			placement: { tableId: t.id, start: at(0) }
		}));
		const open: SchedMatch[] = Array.from({ length: 8 }, (_, i) => ({
			id: `new${i}`,
			players: [`n${i}a`, `n${i}b`],
			durationMinutes: 20,
			kind: 'table',
			state: 'open'
		}));
		const input: PlanInput = { matches: [...finished, ...open], tables, rules: { restMinutes: 10 }, origin: T0, stepMinutes: 20 };
		const result = planSchedule(input);
		const starts = result.placements.filter((p) => p.matchId.startsWith('new')).map((p) => p.start);
		expect(starts).toHaveLength(8);
		expect(Math.min(...starts)).toBe(at(20));
		expect(checkSchedule({ matches: applyPlan(input.matches, result), tables, rules: input.rules })).toEqual([]);
	});

	it('reports the two matches on table 3 that the live page showed, and a referee at two tables', () => {
		const tables = tablesOf(4).map((t, i) => ({ ...t, refereeId: i < 2 ? 'ref1' : null }));
		const matches: SchedMatch[] = [
			{ id: 'x', players: ['a', 'b'], durationMinutes: 20, state: 'placed', placement: { tableId: 'table3', start: at(0) } },
			{ id: 'y', players: ['c', 'd'], durationMinutes: 20, state: 'fixed', placement: { tableId: 'table3', start: at(0) } },
			{ id: 'r1', players: ['e', 'f'], durationMinutes: 20, state: 'placed', placement: { tableId: 'table1', start: at(40) } },
			{ id: 'r2', players: ['g', 'h'], durationMinutes: 20, state: 'placed', placement: { tableId: 'table2', start: at(50) } }
		];
		const codes = checkSchedule({ matches, tables, rules: { restMinutes: 0 } }).map((c) => [c.code, ...c.matchIds].join(' '));
		expect(codes).toEqual(['schedule.table_double_booked y x', 'schedule.referee_double_booked r1 r2']);
	});

	it('keeps an athlete entered in table tennis and darts apart, with the rest between', () => {
		const tables = [...tablesOf(1, 'table'), ...tablesOf(1, 'lane')];
		const matches: SchedMatch[] = [
			{ id: 'tt', players: ['zhang', 'li'], durationMinutes: 30, kind: 'table', state: 'open' },
			{ id: 'darts', players: ['zhang', 'wang'], durationMinutes: 20, kind: 'lane', state: 'open' }
		];
		const rules = { restMinutes: 15 };
		const result = planSchedule({ matches, tables, rules, origin: T0, stepMinutes: 5 });
		const p = new Map(result.placements.map((x) => [x.matchId, x]));
		expect(p.get('tt')?.tableId).toBe('table1');
		expect(p.get('darts')?.tableId).toBe('lane1');
		// darts waits for the table tennis match and 15 minutes of rest
		expect(p.get('darts')?.start).toBe(at(45));
		// and the checker sees it the same way when a darts match is moved back to 09:30
		const moved = applyPlan(matches, result).map((m) =>
			m.id === 'darts' ? { ...m, placement: { tableId: 'lane1', start: at(30) } } : m
		);
		expect(checkSchedule({ matches: moved, tables, rules }).map((c) => c.code)).toEqual(['schedule.insufficient_rest']);
	});

	it('starts a knockout only after its feeders, the group stage and the Swiss round before can have finished', () => {
		const tables = tablesOf(4);
		const group: SchedMatch[] = roundRobin(['a', 'b', 'c', 'd']).flatMap((round, r) =>
			round.map(([x, y], k) => ({ id: `g${r}${k}`, players: [x, y], durationMinutes: 20, state: 'open' as MatchState }))
		);
		const sf: SchedMatch[] = [0, 1].map((k) => ({
			id: `sf${k}`,
			players: [],
			durationMinutes: 30,
			state: 'open' as MatchState,
			dependsOn: group.map((g) => g.id)
		}));
		const final: SchedMatch = { id: 'final', players: [], durationMinutes: 30, state: 'open', dependsOn: ['sf0', 'sf1'] };
		const matches = [...group, ...sf, final];
		const rules = { restMinutes: 10 };
		const result = planSchedule({ matches, tables, rules, origin: T0, stepMinutes: 10 });
		const p = new Map(result.placements.map((x) => [x.matchId, x]));
		const groupEnd = Math.max(...group.map((g) => p.get(g.id)?.end ?? Infinity));
		expect(Math.min(p.get('sf0')?.start ?? 0, p.get('sf1')?.start ?? 0)).toBeGreaterThanOrEqual(groupEnd + 10 * MIN);
		expect(p.get('final')?.start).toBeGreaterThanOrEqual(Math.max(p.get('sf0')?.end ?? 0, p.get('sf1')?.end ?? 0) + 10 * MIN);
		expect(checkSchedule({ matches: applyPlan(matches, result), tables, rules })).toEqual([]);
	});

	it('moves a published match only when the organizer allows it, never earlier, and says who is affected', () => {
		const tables = tablesOf(2);
		const matches: SchedMatch[] = [
			// live and running late: expected to end at 09:50 instead of 09:20
			{ id: 'live', players: ['a', 'b'], durationMinutes: 20, state: 'fixed', placement: { tableId: 'table1', start: at(0), end: at(50) } },
			{ id: 'pub', players: ['c', 'd'], durationMinutes: 20, state: 'published', placement: { tableId: 'table1', start: at(20) } },
			{ id: 'busy', players: ['e', 'f'], durationMinutes: 60, state: 'published', placement: { tableId: 'table2', start: at(0) } }
		];
		const base = { matches, tables, rules: { restMinutes: 0 }, origin: T0, stepMinutes: 10 };
		const kept = planSchedule(base);
		expect(kept.moves).toEqual([]);
		expect(kept.blocked.map((b) => [b.matchId, b.conflicts.map((c) => c.code)])).toEqual([
			['pub', ['schedule.table_double_booked']]
		]);
		const allowed = planSchedule({ ...base, movePublished: 'ifNeeded' });
		expect(allowed.moves).toEqual([
			{
				matchId: 'pub',
				published: true,
				from: { matchId: 'pub', tableId: 'table1', start: at(20), end: at(40), refereeId: null },
				to: { matchId: 'pub', tableId: 'table1', start: at(50), end: at(70), refereeId: null }
			}
		]);
	});

	it('does not place new matches in the past on game day, and derives slots from times', () => {
		const result = planSchedule({
			matches: [{ id: 'm', players: ['a', 'b'], durationMinutes: 20, state: 'open' }],
			tables: tablesOf(1),
			rules: { restMinutes: 0 },
			origin: T0,
			stepMinutes: 20,
			notBefore: at(65)
		});
		expect(result.placements[0]?.start).toBe(at(80));
		expect(slotOf(at(80), T0, 20)).toBe(4);
	});

	it('keeps to the sessions and the table kinds, and says what does not fit', () => {
		const tables = [...tablesOf(1, 'table'), { id: 'lane1', name: 'lane 1', kind: 'lane', outOfUse: true }];
		const matches: SchedMatch[] = [
			{ id: 'a', players: ['p', 'q'], durationMinutes: 60, kind: 'table', state: 'open' },
			{ id: 'b', players: ['r', 's'], durationMinutes: 60, kind: 'table', state: 'open' },
			{ id: 'c', players: ['t', 'u'], durationMinutes: 20, kind: 'lane', state: 'open' },
			{ id: 'd', players: [], durationMinutes: 20, state: 'open', dependsOn: ['c'] },
			{ id: 'e', players: [], durationMinutes: 20, state: 'open', dependsOn: ['nowhere'] }
		];
		const rules = { restMinutes: 0, windows: [{ start: at(0), end: at(90) }] };
		const result = planSchedule({ matches, tables, rules, origin: T0, stepMinutes: 30 });
		expect(result.placements.map((p) => [p.matchId, p.tableId, (p.start - T0) / MIN])).toEqual([['a', 'table1', 0]]);
		expect(result.unscheduled.map((u) => [u.matchId, u.code]).sort()).toEqual([
			['b', 'schedule.no_capacity'],
			['c', 'schedule.no_allowed_table'],
			['d', 'schedule.dependency_unscheduled'],
			['e', 'schedule.unknown_dependency']
		]);
	});

	it('refuses a programme with a match twice or a match without a duration', () => {
		const m: SchedMatch = { id: 'm', players: [], durationMinutes: 20, state: 'open' };
		const plan = (matches: SchedMatch[]) => () => planSchedule({ matches, tables: [], rules: { restMinutes: 0 }, origin: T0, stepMinutes: 20 });
		expect(plan([m, m])).toThrow(RuleViolation);
		expect(plan([{ ...m, durationMinutes: 0 }])).toThrow(RuleViolation);
	});
});

describe('game-day repairs around overrunning matches', () => {
	// 09:00 A1-1 live on table 1 since 09:00, planned 20 minutes, still running at 10:05
	const now = at(65) + 43_528; // odd seconds, as the clock is
	const tables = tablesOf(3);
	const live: SchedMatch = {
		id: 'live',
		players: ['a', 'b'],
		durationMinutes: 20,
		kind: 'table',
		state: 'fixed',
		running: 'live',
		placement: { tableId: 'table1', start: at(0) }
	};
	const rules = { restMinutes: 10, now };

	it('keeps an overrunning live match on its table, with its athletes, until now plus the margin', () => {
		const matches: SchedMatch[] = [
			live,
			{ id: 'c1', players: ['c', 'd'], durationMinutes: 20, kind: 'table', state: 'placed', placement: { tableId: 'table3', start: at(80) } },
			{ id: 'x', players: ['e', 'f'], durationMinutes: 60, kind: 'table', state: 'placed', placement: { tableId: 'table2', start: at(60) } },
			{ id: 'a2', players: ['a', 'g'], durationMinutes: 20, kind: 'table', state: 'placed', placement: { tableId: 'table1', start: at(90) } }
		];
		const broken = tables.map((t) => (t.id === 'table3' ? { ...t, outOfUse: true } : t));
		const moved = planDelay({ matches, tables: broken, rules, stepMinutes: 5, tableId: 'table3', action: { kind: 'move' }, notBefore: now, origin: T0 });
		const c1 = moved.moves.find((m) => m.matchId === 'c1')?.to;
		// table 1 is busy until 10:15 at least (10:05 + 10), table 2 until 11:00
		expect(c1).toMatchObject({ tableId: 'table1' });
		expect(c1?.start).toBeGreaterThanOrEqual(now + 10 * MIN);
		// A2-1 follows on table 1 at 10:10, which the overrun already broke; shifting the queue
		const late = matches.map((m) => (m.id === 'a2' ? { ...m, placement: { tableId: 'table1', start: at(70) } } : m));
		const shifted = planDelay({ matches: late, tables, rules, stepMinutes: 5, tableId: 'table1', action: { kind: 'shift', minutes: 5 }, notBefore: now, origin: T0 });
		const a2 = shifted.moves.find((m) => m.matchId === 'a2')?.to;
		// athlete a plays on: the live match's expected end plus the rest
		expect(a2?.start).toBeGreaterThanOrEqual(now + 20 * MIN);
		// and the checker, asked a few minutes later while the match still runs, finds nothing
		for (const [r, input, venue] of [[moved, matches, broken], [shifted, late, tables]] as const) {
			const after = applyPlan(input, r);
			expect(checkSchedule({ matches: after, tables: venue, rules: { ...rules, now: now + 5 * MIN, overrunMinutes: 1 } })).toEqual([]);
		}
		// while without the margin the table would have been given away at "now"
		expect(checkSchedule({ matches: [live, { ...matches[1], placement: { tableId: 'table1', start: now } } as SchedMatch], tables, rules })).not.toEqual([]);
	});

	it('puts repaired matches on whole grid minutes whatever the clock says, so applying gives what was previewed', () => {
		const matches: SchedMatch[] = [
			{ id: 'q', players: ['c', 'd'], durationMinutes: 20, kind: 'table', state: 'placed', placement: { tableId: 'table2', start: at(40) } }
		];
		const run = (t: number) => planDelay({ matches, tables, rules: { restMinutes: 10, now: t }, stepMinutes: 5, tableId: 'table2', action: { kind: 'shift', minutes: 10 }, notBefore: t, origin: T0 });
		const first = run(now);
		const to = first.moves[0]?.to;
		expect(to?.start).toBe(at(70));
		expect(((to?.start ?? 1) - T0) % (5 * MIN)).toBe(0);
		// a few seconds later (preview, then confirm) the same plan
		expect(run(now + 20_000).moves).toEqual(first.moves);
	});

	it('never unplaces a match on a shift: the search reaches past every known end, and an out-of-use table’s queue goes elsewhere', () => {
		// a full afternoon on table 1 after the queue of table 2
		const matches: SchedMatch[] = [
			{ id: 'q', players: ['a', 'b'], durationMinutes: 20, kind: 'table', state: 'placed', placement: { tableId: 'table1', start: at(0) } },
			{ id: 'sf', players: [], durationMinutes: 20, kind: 'table', state: 'placed', dependsOn: ['q'], placement: { tableId: 'table1', start: at(30) } },
			...Array.from({ length: 12 }, (_, i): SchedMatch => ({
				id: `busy${i}`,
				players: [`p${i}`, `r${i}`],
				durationMinutes: 20,
				kind: 'table',
				state: 'published',
				placement: { tableId: 'table1', start: at(60 + 20 * i) }
			}))
		];
		const one = tablesOf(1);
		const r = planDelay({ matches, tables: one, rules: { restMinutes: 10 }, stepMinutes: 10, tableId: 'table1', from: at(0), action: { kind: 'shift', minutes: 40 }, searchSteps: 3 });
		expect(r.unplaced).toEqual([]);
		expect(r.moves.map((m) => m.to === null)).not.toContain(true);
		expect(checkSchedule({ matches: applyPlan(matches, r), tables: one, rules: { restMinutes: 10 } })).toEqual([]);
		// table 1 breaks: a shift of its queue goes to the other table rather than nowhere
		const two = tablesOf(2).map((t) => (t.id === 'table1' ? { ...t, outOfUse: true } : t));
		const out = planDelay({ matches: matches.slice(0, 2), tables: two, rules: { restMinutes: 10 }, stepMinutes: 10, tableId: 'table1', action: { kind: 'shift', minutes: 10 } });
		expect(out.moves.map((m) => [m.matchId, m.to?.tableId, m.to?.start])).toEqual([
			['q', 'table2', at(10)],
			['sf', 'table2', at(40)]
		]);
	});
});

describe('a move by hand keeps the same rule book', () => {
	it('refuses an out-of-use table, a busy table, the past and a published match earlier; allows a free place', () => {
		const tables = tablesOf(3).map((t) => (t.id === 'table3' ? { ...t, outOfUse: true } : t));
		const matches: SchedMatch[] = [
			{ id: 'a', players: ['x', 'y'], durationMinutes: 20, state: 'placed', placement: { tableId: 'table1', start: at(60) } },
			{ id: 'b', players: ['z', 'w'], durationMinutes: 20, state: 'published', placement: { tableId: 'table2', start: at(60) } },
			{ id: 'done', players: ['u', 'v'], durationMinutes: 20, state: 'fixed', placement: { tableId: 'table2', start: at(0) } }
		];
		const rules = { restMinutes: 10 };
		const codes = (matchId: string, tableId: string, start: number) =>
			moveConflicts({ matches, tables, rules, matchId, to: { tableId, start }, notBefore: at(30) }).map((c) => c.code);
		expect(codes('a', 'table3', at(80))).toEqual(['schedule.table_out_of_use']);
		expect(codes('a', 'table2', at(60))).toEqual(['schedule.table_double_booked']);
		expect(codes('a', 'table1', at(20))).toEqual(['schedule.move_in_past']);
		expect(codes('b', 'table2', at(40))).toEqual(['schedule.move_published_earlier']);
		expect(codes('done', 'table1', at(100))).toEqual(['schedule.move_fixed']);
		expect(codes('a', 'table2', at(100))).toEqual([]);
		expect(codes('b', 'table1', at(90))).toEqual([]);
	});
});

/** A random venue: a schedule built and then partly played, published and changed. */
const programmeArb = fc
	.record({
		tables: fc.integer({ min: 1, max: 5 }),
		lanes: fc.integer({ min: 0, max: 2 }),
		brokenTable: fc.boolean(),
		athletes: fc.integer({ min: 2, max: 24 }),
		rest: fc.constantFrom(0, 10, 20),
		step: fc.constantFrom(5, 10, 20),
		/** minutes after 09:00 the day has reached (odd seconds too) */
		now: fc.integer({ min: 0, max: 240 * 60 }),
		referees: fc.array(fc.option(fc.integer({ min: 0, max: 2 }), { nil: null }), { minLength: 7, maxLength: 7 }),
		matches: fc.array(
			fc.record({
				players: fc.array(fc.nat(), { maxLength: 4 }),
				duration: fc.constantFrom(10, 15, 20, 30, 45),
				lane: fc.boolean(),
				deps: fc.array(fc.nat(), { maxLength: 2 }),
				priority: fc.integer({ min: -1, max: 1 }),
				state: fc.constantFrom<MatchState>('open', 'placed', 'published', 'fixed'),
				overrun: fc.constantFrom(0, 0, 0, 25),
				/** a fixed match that started before now is still being played (or is called) */
				running: fc.constantFrom<'live' | 'called' | undefined>(undefined, undefined, 'live', 'called'),
				nudge: fc.integer({ min: -3, max: 3 })
			}),
			{ minLength: 1, maxLength: 30 }
		)
	})
	.map((g) => {
		const tables: SchedTable[] = [
			...tablesOf(g.tables).map((t, i) => ({ ...t, refereeId: g.referees[i] == null ? null : `ref${g.referees[i]}` })),
			...tablesOf(g.lanes, 'lane')
		];
		const kinds = new Set(tables.map((t) => t.kind));
		const matches: SchedMatch[] = g.matches.map((m, i) => ({
			id: `m${i}`,
			players: [...new Set(m.players.map((p) => `a${p % g.athletes}`))],
			durationMinutes: m.duration,
			kind: m.lane && kinds.has('lane') ? 'lane' : 'table',
			priority: m.priority,
			dependsOn: i === 0 ? [] : [...new Set(m.deps.map((d) => `m${d % i}`))],
			state: 'open'
		}));
		const now = T0 + g.now * 1000;
		const plannedRules = { restMinutes: g.rest };
		// the day as it was planned
		const planned = planSchedule({ matches, tables, rules: plannedRules, origin: T0, stepMinutes: g.step });
		const where = new Map(planned.placements.map((p) => [p.matchId, p]));
		// then played, published, nudged by hand or forgotten; a match is played only after its feeders
		const state = new Map<string, MatchState>();
		const out = matches.map((m, i) => {
			const spec = g.matches[i] as (typeof g.matches)[number];
			const p = where.get(m.id);
			const feedersPlayed = (m.dependsOn ?? []).every((d) => state.get(d) === 'fixed');
			let s: MatchState = p ? spec.state : 'open';
			if (s === 'fixed' && !feedersPlayed) s = 'published';
			state.set(m.id, s);
			if (s === 'open' || !p) return { ...m, state: 'open' as const };
			const start = s === 'placed' ? p.start + spec.nudge * g.step * MIN : p.start;
			// live or called since before now, possibly running far over its time
			const running = s === 'fixed' && spec.running && p.start <= now ? { running: spec.running } : {};
			const end = s === 'fixed' && !spec.running && spec.overrun > 0 ? p.end + spec.overrun * MIN : undefined;
			return { ...m, state: s, ...running, placement: { tableId: p.tableId, start, ...(end ? { end } : {}) } };
		});
		// a table may break after all this was planned
		const finalTables = g.brokenTable ? tables.map((t, i) => (i === 0 ? { ...t, outOfUse: true } : t)) : tables;
		// the day goes on: running matches hold on until now + the margin
		const rules = { ...plannedRules, now };
		return { matches: out, tables: finalTables, rules, step: g.step, now };
	});

describe('the scheduler on random programmes with finished, live and published matches', () => {
	it('produces only what the checker accepts, moves nothing fixed, and changes nothing when run again', () => {
		fc.assert(
			fc.property(programmeArb, ({ matches, tables, rules, step }) => {
				const input: PlanInput = { matches, tables, rules, origin: T0, stepMinutes: step, movePublished: 'ifNeeded' };
				const result = planSchedule(input);
				const after = applyPlan(matches, result);
				expect(checkSchedule({ matches: after, tables, rules })).toEqual([]);
				const placed = new Map(result.placements.map((p) => [p.matchId, p]));
				for (const m of matches) {
					if (m.state === 'fixed' && m.placement) {
						expect(placed.get(m.id)).toMatchObject({ tableId: m.placement.tableId, start: m.placement.start });
					}
				}
				const again = planSchedule({ ...input, matches: after });
				expect(again.moves).toEqual([]);
				expect(again.placements).toEqual(result.placements);
			}),
			{ numRuns: 300 }
		);
	});

	it('moves published matches only when one breaks a rule, never earlier, and not at all unless allowed', () => {
		fc.assert(
			fc.property(programmeArb, ({ matches, tables, rules, step }) => {
				const input: PlanInput = { matches, tables, rules, origin: T0, stepMinutes: step };
				const strict = planSchedule(input);
				const blocked = new Set(strict.blocked.map((b) => b.matchId));
				expect(strict.moves.filter((m) => m.published)).toEqual([]);
				// what the checker still finds involves only published matches that were not allowed to move
				for (const c of checkSchedule({ matches: applyPlan(matches, strict), tables, rules })) {
					expect(c.matchIds.some((id) => blocked.has(id))).toBe(true);
				}
				// allowed, published matches move only when one of them breaks a rule, and never earlier
				const allowed = planSchedule({ ...input, movePublished: 'ifNeeded' });
				const moved = allowed.moves.filter((m) => m.published);
				if (blocked.size === 0) expect(moved).toEqual([]);
				for (const move of moved) expect(move.to === null || move.to.start >= (move.from?.start ?? 0)).toBe(true);
			}),
			{ numRuns: 300 }
		);
	});

	it('shifts or moves a table queue into a schedule the checker accepts, never earlier and never touching fixed matches', () => {
		fc.assert(
			fc.property(
				programmeArb,
				fc.constantFrom(10, 25, 60),
				fc.boolean(),
				fc.nat(),
				({ matches, tables, rules, step, now }, minutes, shift, which) => {
					const clean = applyPlan(matches, planSchedule({ matches, tables, rules, origin: T0, stepMinutes: step, movePublished: 'ifNeeded' }));
					const table = tables[which % tables.length] as SchedTable;
					const result = planDelay({
						matches: clean,
						tables,
						rules,
						stepMinutes: step,
						tableId: table.id,
						action: shift ? { kind: 'shift', minutes } : { kind: 'move' },
						notBefore: now,
						origin: T0
					});
					const after = applyPlan(clean, result);
					expect(checkSchedule({ matches: after, tables, rules })).toEqual([]);
					// also a few minutes later (the conflicts panel), the overrunning matches still running
					// and the others over on time
					const later = after.map((m) => (m.running && expectedEnd({ ...m, running: undefined }) > now ? { ...m, running: undefined } : m));
					expect(checkSchedule({ matches: later, tables, rules: { ...rules, now: now + 5 * MIN, overrunMinutes: 1 } })).toEqual([]);
					// a shift never unplaces; every repaired start is on the grid and not in the past
					if (shift) expect(result.unplaced).toEqual([]);
					for (const move of result.moves) {
						const m = clean.find((x) => x.id === move.matchId) as SchedMatch;
						expect(m.state).not.toBe('fixed');
						if (move.to && move.from) expect(move.to.start).toBeGreaterThanOrEqual(move.from.start);
						if (move.to) {
							expect((move.to.start - T0) % (step * MIN)).toBe(0);
							expect(move.to.start).toBeGreaterThanOrEqual(now);
						}
					}
					for (const m of clean.filter((x) => x.placement && x.placement.tableId === table.id && x.state !== 'fixed')) {
						const move = result.moves.find((x) => x.matchId === m.id);
						if (shift) expect(move?.to === null || (move?.to?.start ?? 0) >= (m.placement?.start ?? 0) + minutes * MIN).toBe(true);
						else expect(move?.to?.tableId ?? 'none').not.toBe(table.id);
					}
				}
			),
			{ numRuns: 200 }
		);
	});
});

describe('the scheduler at scale', () => {
	it('places 600 matches over 24 tables in two days of sessions without a conflict', () => {
		const tables = [...tablesOf(12, 'table'), ...tablesOf(8, 'board'), ...tablesOf(4, 'lane')];
		const matches: SchedMatch[] = [];
		for (let g = 0; g < 60; g++) {
			const kind = g < 36 ? 'table' : g < 52 ? 'board' : 'lane';
			const ids = [0, 1, 2, 3].map((k) => `g${g}p${k}`);
			roundRobin(ids).forEach((round, r) =>
				round.forEach(([a, b], k) => matches.push({ id: `g${g}r${r}m${k}`, players: [a, b], durationMinutes: 20, kind, state: 'open' }))
			);
		}
		for (let i = 0; matches.length < 600; i++) {
			matches.push({ id: `x${i}`, players: [`g${i % 60}p${i % 4}`, `g${(i + 7) % 60}p${(i + 1) % 4}`], durationMinutes: 20, kind: 'table', state: 'open' });
		}
		const day = (d: number, h: number) => T0 + d * 86_400_000 + h * 3_600_000;
		const rules = { restMinutes: 20, windows: [{ start: day(0, 0), end: day(0, 8) }, { start: day(1, 0), end: day(1, 8) }] };
		const result = planSchedule({ matches, tables, rules, origin: T0, stepMinutes: 20 });
		expect(result.unscheduled).toEqual([]);
		expect(checkSchedule({ matches: applyPlan(matches, result), tables, rules })).toEqual([]);
	});
});
