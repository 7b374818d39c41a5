/**
 * The automatic order of play ("自动编排"). Fixed matches (finished, live, called, other venues')
 * occupy their tables, athletes and referees first; placements already made are kept when they
 * still break no rule (so running the scheduler on its own output changes nothing); the rest is
 * placed by greedy list scheduling on the venue's time grid: at each grid time the ready matches
 * go in priority order (explicit priority, then the longest chain of work that waits on them,
 * then the work their busiest athlete still has) to the first table where
 * `placementConflicts` finds nothing. Published matches move only when the caller allows it,
 * never earlier than the published time.
 */
import { RuleViolation } from '../errors';
import {
	Occupancy,
	dependentsOf,
	placementConflicts,
	placementOf,
	refereeAt,
	type CheckContext
} from './constraints';
import type {
	Conflict,
	Move,
	Placement,
	SchedMatch,
	SchedTable,
	ScheduleRules,
	Unscheduled,
	UnscheduledCode
} from './types';

const MINUTE = 60_000;
/** Conflicts that a placement has at a time whichever table it tries. */
const SAME_ON_EVERY_TABLE = new Set<string>([
	'schedule.athlete_double_booked',
	'schedule.insufficient_rest',
	'schedule.outside_session'
]);

/** What the scheduler is asked to do. */
export type PlanInput = {
	matches: readonly SchedMatch[];
	tables: readonly SchedTable[];
	rules: ScheduleRules;
	/** the first start time of the grid (the session's start), ms */
	origin: number;
	/** minutes between two start times of the grid */
	stepMinutes: number;
	/** no new placement starts before this (the present, on game day) */
	notBefore?: number;
	/** 'never' (default): a published match stays even when it breaks a rule (listed in
	 *  `blocked`); 'ifNeeded': a published match that breaks a rule moves, never earlier */
	movePublished?: 'never' | 'ifNeeded';
	/** place the unpublished matches again from scratch instead of keeping valid placements */
	replan?: boolean;
};

/** The order of play the scheduler proposes. */
export type PlanResult = {
	/** every placed match (fixed ones too), by start then table order */
	placements: Placement[];
	/** the movable matches whose place or time changed (or that lost their place) */
	moves: Move[];
	unscheduled: Unscheduled[];
	/** published matches that break a rule but were not allowed to move */
	blocked: Array<{ matchId: string; conflicts: Conflict[] }>;
};

/** Refuses input that is not a programme (duplicates, impossible durations). */
export function validateProgramme(matches: readonly SchedMatch[], tables: readonly SchedTable[]) {
	const ids = new Set<string>();
	for (const m of matches) {
		if (ids.has(m.id)) {
			throw new RuleViolation('schedule.duplicate_match', `Match ${m.id} is listed twice.`, {
				match: m.id
			});
		}
		ids.add(m.id);
		if (!Number.isInteger(m.durationMinutes) || m.durationMinutes < 1) {
			throw new RuleViolation(
				'schedule.invalid_timing',
				`Match ${m.id} needs a duration of at least one whole minute.`,
				{ match: m.id }
			);
		}
	}
	const tableIds = new Set<string>();
	for (const t of tables) {
		if (tableIds.has(t.id)) {
			throw new RuleViolation('schedule.duplicate_table', `Table ${t.name} is listed twice.`, {
				table: t.name
			});
		}
		tableIds.add(t.id);
	}
}

/** Tables a match may be placed on, in the venue's order. */
export function candidateTables(m: SchedMatch, tables: readonly SchedTable[]): SchedTable[] {
	return tables.filter(
		(t) =>
			!t.outOfUse &&
			(m.kind === undefined || t.kind === m.kind) &&
			(m.tables === undefined || m.tables.includes(t.id))
	);
}

/** The grid label of a start time (slot 0 is `origin`). */
export function slotOf(start: number, origin: number, stepMinutes: number): number {
	return Math.round((start - origin) / (stepMinutes * MINUTE));
}

/** Two placements equal for the organizer (same table, same start). */
export function samePlace(a: Placement | null, b: Placement | null): boolean {
	if (a === null || b === null) return a === b;
	return a.tableId === b.tableId && a.start === b.start;
}

/**
 * Proposes the order of play of a venue. Called by the organizer's "自动编排", by the demo and
 * the bench; every placement it adds passed `placementConflicts`, so `checkSchedule` on the
 * result reports nothing that was not already in the fixed (or blocked published) input.
 */
export function planSchedule(input: PlanInput): PlanResult {
	// published matches move only when one of them must: try without moving them first
	const strict = plan({ ...input, movePublished: 'never' });
	if (input.movePublished !== 'ifNeeded' || strict.blocked.length === 0) return strict;
	return plan(input);
}

function plan(input: PlanInput): PlanResult {
	const { matches, tables, rules } = input;
	validateProgramme(matches, tables);
	const step = input.stepMinutes * MINUTE;
	if (!(step > 0)) {
		throw new RuleViolation('schedule.invalid_timing', 'The time grid needs a positive step.', {
			match: ''
		});
	}
	const restMs = rules.restMinutes * MINUTE;
	const depRest = rules.restAfterDependencies === false ? 0 : restMs;
	const tableMap = new Map(tables.map((t) => [t.id, t]));
	const tableOrder = new Map(tables.map((t, i) => [t.id, i]));
	const byId = new Map(matches.map((m) => [m.id, m]));
	const index = new Map(matches.map((m, i) => [m.id, i]));
	const unscheduled: Unscheduled[] = [];
	const dropped = new Set<string>();
	const drop = (m: SchedMatch, code: UnscheduledCode, params: Record<string, string | number>) => {
		if (dropped.has(m.id) || m.state === 'fixed') return;
		dropped.add(m.id);
		unscheduled.push({ matchId: m.id, code, params: { match: m.id, ...params } });
	};

	// dependencies: unknown ones, then cycles (Kahn's algorithm)
	const dependents = dependentsOf(matches);
	const indegree = new Map<string, number>();
	for (const m of matches) {
		let n = 0;
		for (const d of m.dependsOn ?? []) {
			if (byId.has(d)) n++;
			else drop(m, 'schedule.unknown_dependency', { dependency: d });
		}
		indegree.set(m.id, n);
	}
	const topo = matches.filter((m) => indegree.get(m.id) === 0).map((m) => m.id);
	for (let k = 0; k < topo.length; k++) {
		for (const d of dependents.get(topo[k] as string) ?? []) {
			const n = (indegree.get(d) as number) - 1;
			indegree.set(d, n);
			if (n === 0) topo.push(d);
		}
	}
	if (topo.length < matches.length) {
		const inTopo = new Set(topo);
		for (const m of matches) if (!inTopo.has(m.id)) drop(m, 'schedule.dependency_cycle', {});
	}

	// longest chain of work behind each match, for the priority
	const chain = new Map<string, number>();
	for (let k = topo.length - 1; k >= 0; k--) {
		const m = byId.get(topo[k] as string) as SchedMatch;
		let best = 0;
		for (const d of dependents.get(m.id) ?? []) best = Math.max(best, chain.get(d) ?? 0);
		chain.set(m.id, best + m.durationMinutes);
	}

	// fixed matches occupy first; fixed ones without a place are simply over
	const occupancy = new Occupancy();
	const over = new Set<string>();
	const ctx: CheckContext = { occupancy, tables: tableMap, rules, dependents, later: over };
	for (const m of matches) {
		if (m.state !== 'fixed') continue;
		const p = placementOf(m, tableMap, rules);
		if (p) occupancy.add(m, p);
		else over.add(m.id);
	}

	// keep what is still valid, published first, in time order
	const blocked: PlanResult['blocked'] = [];
	const earliest = new Map<string, number>();
	const kept = matches
		.filter(
			(m) =>
				m.placement &&
				(m.state === 'published' || (m.state === 'placed' && input.replan !== true))
		)
		.map((m) => ({ m, p: placementOf(m, tableMap, rules) as Placement }))
		.sort(
			(x, y) =>
				(x.m.state === 'published' ? 0 : 1) - (y.m.state === 'published' ? 0 : 1) ||
				x.p.start - y.p.start ||
				(index.get(x.m.id) as number) - (index.get(y.m.id) as number)
		);
	// a kept feeder not checked yet is not missing: its order is checked when it comes
	const pendingKept = new Set(kept.map((x) => x.m.id));
	for (const id of over) pendingKept.add(id);
	for (const { m, p } of kept) {
		pendingKept.delete(m.id);
		if (dropped.has(m.id)) continue;
		const published = m.state === 'published';
		const never = published && input.movePublished !== 'ifNeeded';
		const conflicts = placementConflicts(m, p, { ...ctx, later: pendingKept, stopAtFirst: !never });
		if (conflicts.length === 0) occupancy.add(m, p);
		else if (never) {
			occupancy.add(m, p);
			blocked.push({ matchId: m.id, conflicts });
		} else if (published) earliest.set(m.id, p.start);
	}

	// what waits on a match that must move moves too (a published one only when allowed)
	const displaced = kept.filter((x) => !occupancy.get(x.m.id)).map((x) => x.m.id);
	while (displaced.length > 0) {
		const id = displaced.pop() as string;
		for (const d of dependents.get(id) ?? []) {
			const m = byId.get(d) as SchedMatch;
			const p = occupancy.get(d);
			if (!p || occupancy.isFixed(d)) continue;
			if (m.state === 'published' && input.movePublished !== 'ifNeeded') continue;
			occupancy.remove(d);
			if (m.state === 'published') earliest.set(d, p.start);
			displaced.push(d);
		}
	}

	// work still ahead of each athlete, for the priority
	const waitingIds = matches
		.filter((m) => m.state !== 'fixed' && !dropped.has(m.id) && !occupancy.get(m.id))
		.map((m) => m.id);
	const load = new Map<string, number>();
	for (const id of waitingIds) {
		const m = byId.get(id) as SchedMatch;
		for (const a of m.players) load.set(a, (load.get(a) ?? 0) + m.durationMinutes + rules.restMinutes);
	}

	// the horizon: sessions' end, or the latest known end plus all the work one after another
	let latest = Math.max(input.origin, input.notBefore ?? input.origin);
	for (const p of occupancy.placements()) latest = Math.max(latest, p.end);
	for (const t of earliest.values()) latest = Math.max(latest, t);
	let work = 0;
	for (const id of waitingIds) work += (byId.get(id) as SchedMatch).durationMinutes * MINUTE + Math.max(restMs, depRest) + step;
	const windows = rules.windows ? [...rules.windows].sort((a, b) => a.start - b.start) : null;
	const horizon = windows ? (windows.at(-1)?.end ?? input.origin) : latest + work + step;

	const candidates = new Map(waitingIds.map((id) => [id, candidateTables(byId.get(id) as SchedMatch, tables)]));
	for (const id of waitingIds) {
		if ((candidates.get(id) as SchedTable[]).length === 0) {
			drop(byId.get(id) as SchedMatch, 'schedule.no_allowed_table', {});
		}
	}
	const urgency = new Map<string, number>();
	const priority = (x: string, y: string) => {
		const mx = byId.get(x) as SchedMatch;
		const my = byId.get(y) as SchedMatch;
		return (
			(my.priority ?? 0) - (mx.priority ?? 0) ||
			(urgency.get(y) as number) - (urgency.get(x) as number) ||
			(index.get(x) as number) - (index.get(y) as number)
		);
	};
	const feederState = (m: SchedMatch): { blocker?: string; waiting: boolean; ready: number } => {
		let ready = -Infinity;
		for (const d of m.dependsOn ?? []) {
			if (over.has(d)) continue;
			if (dropped.has(d)) return { blocker: d, waiting: false, ready };
			const q = occupancy.get(d);
			if (!q) return { waiting: true, ready };
			ready = Math.max(ready, q.end + depRest);
		}
		return { waiting: false, ready };
	};

	const fast: CheckContext = { ...ctx, stopAtFirst: true };
	let k = Math.max(0, Math.ceil(((input.notBefore ?? input.origin) - input.origin) / step));
	let waiting = waitingIds.filter((id) => !dropped.has(id));
	while (waiting.length > 0) {
		let t = input.origin + k * step;
		if (windows) {
			const w = windows.find((x) => x.end > t);
			if (!w) break;
			if (t < w.start) {
				k = Math.ceil((w.start - input.origin) / step);
				t = input.origin + k * step;
			}
		}
		if (t >= horizon) break;
		// tables free at t (a placement starting at t on any other table overlaps)
		const free = new Set(
			tables.filter((x) => !busyAt(occupancy, x.id, t)).map((x) => x.id)
		);
		if (free.size > 0) {
			for (const id of waiting) {
				const m = byId.get(id) as SchedMatch;
				let u = chain.get(id) ?? m.durationMinutes;
				for (const a of m.players) u = Math.max(u, load.get(a) ?? 0);
				urgency.set(id, u);
			}
			waiting.sort(priority);
			for (const id of waiting) {
				if (free.size === 0) break;
				const m = byId.get(id) as SchedMatch;
				const f = feederState(m);
				if (f.blocker !== undefined) {
					drop(m, 'schedule.dependency_unscheduled', { dependency: f.blocker });
					continue;
				}
				if (f.waiting || t < f.ready || t < (earliest.get(id) ?? -Infinity)) continue;
				for (const table of candidates.get(id) as SchedTable[]) {
					if (!free.has(table.id)) continue;
					const p: Placement = {
						matchId: id,
						tableId: table.id,
						start: t,
						end: t + m.durationMinutes * MINUTE,
						refereeId: refereeAt(m, table)
					};
					const first = placementConflicts(m, p, fast)[0];
					if (first === undefined) {
						occupancy.add(m, p);
						free.delete(table.id);
						for (const a of m.players) load.set(a, (load.get(a) ?? 0) - m.durationMinutes - rules.restMinutes);
						break;
					}
					// the athletes' rest or the session does not depend on the table: no other will do
					if (SAME_ON_EVERY_TABLE.has(first.code)) break;
				}
			}
			waiting = waiting.filter((id) => !dropped.has(id) && !occupancy.get(id));
		}
		k++;
	}
	for (const id of waiting) {
		const m = byId.get(id) as SchedMatch;
		const f = feederState(m);
		const blocker = f.blocker ?? (f.waiting ? (m.dependsOn ?? []).find((d) => !occupancy.get(d) && !over.has(d)) : undefined);
		if (blocker !== undefined) drop(m, 'schedule.dependency_unscheduled', { dependency: blocker });
		else drop(m, 'schedule.no_capacity', {});
	}

	// a kept match whose feeder found no place loses its place too (a published one that may not
	// move stays, blocked)
	const lost = [...dropped];
	while (lost.length > 0) {
		const id = lost.pop() as string;
		for (const d of dependents.get(id) ?? []) {
			const m = byId.get(d) as SchedMatch;
			if (!occupancy.get(d) || occupancy.isFixed(d)) continue;
			if (m.state === 'published' && input.movePublished !== 'ifNeeded') {
				if (!blocked.some((b) => b.matchId === d)) {
					blocked.push({
						matchId: d,
						conflicts: [{ code: 'schedule.dependency_missing', matchIds: [d, id], params: { match: d, dependency: id } }]
					});
				}
				continue;
			}
			occupancy.remove(d);
			drop(m, 'schedule.dependency_unscheduled', { dependency: id });
			lost.push(d);
		}
	}

	const placements = occupancy
		.placements()
		.sort((a, b) => a.start - b.start || (tableOrder.get(a.tableId) ?? 1e9) - (tableOrder.get(b.tableId) ?? 1e9));
	const moves: Move[] = [];
	for (const m of matches) {
		if (m.state === 'fixed') continue;
		const from = placementOf(m, tableMap, rules);
		const to = occupancy.get(m.id) ?? null;
		if (!samePlace(from, to)) moves.push({ matchId: m.id, published: m.state === 'published', from, to });
	}
	return { placements, moves, unscheduled, blocked };
}

/** Whether a table is in use at instant t. */
function busyAt(occupancy: Occupancy, tableId: string, t: number): boolean {
	for (const e of occupancy.onTable(tableId)) if (e.p.start <= t && t < e.p.end) return true;
	return false;
}
