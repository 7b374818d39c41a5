/**
 * Order of play: puts the matches of all categories of a venue onto tables and time slots.
 *
 * Time is counted in slots (the organizer chooses the slot length, e.g. 20 minutes); a match
 * occupies `durationSlots` consecutive slots on one table. Constraints:
 * - one match per table per slot;
 * - no athlete in two places at once (players lists include both sides, doubles partners too);
 * - at least `minRestSlots` free slots between two matches of the same athlete;
 * - a match starts only after the matches it depends on have finished (knockout matches after
 *   their feeders; by default also after the rest, since the winner plays on);
 * - a match starts no earlier than its `earliestSlot`, only on its allowed tables, and pinned
 *   matches (moved by hand) stay where the organizer put them.
 *
 * Algorithm: greedy list scheduling in time order. At each slot, the ready matches are taken in
 * priority order (explicit priority; then urgency = the longer of the chain of matches that
 * depend on it and the work its busiest athlete still has ahead; then input order) and each
 * goes to the first free allowed table if its athletes are free. Starting the matches of busy
 * athletes first keeps the tables full at the end of the session (round-robin groups interleave
 * instead of starting in batches). O(S · M · (log M + T + P)) for S slots, M matches, T tables,
 * P players per match.
 */
import { RuleViolation } from '../errors';

/** A match to schedule. */
export type PlayMatch = {
	id: string;
	/** athlete ids of both sides (doubles: all four); may be empty for a knockout match whose
	 *  players are not known yet (its `dependsOn` then carries the constraint) */
	players: readonly string[];
	/** slots the match takes (default 1) */
	durationSlots?: number;
	/** first slot it may start in (default 0) */
	earliestSlot?: number;
	/** matches that must finish before this one starts */
	dependsOn?: readonly string[];
	/** larger is scheduled first among matches ready at the same time (default 0) */
	priority?: number;
	/** table ids this match may use (e.g. a category's tables); default: any table */
	tables?: readonly string[];
	/** a placement fixed by the organizer; kept as is (checkConflicts reports problems) */
	pinned?: { tableId: string; slot: number };
};

/** A table of the venue. */
export type PlayTable = { id: string; name: string };

/** Tuning of the schedule. */
export type OrderOfPlayOptions = {
	/** free slots an athlete needs between two matches (default 0: back to back allowed) */
	minRestSlots?: number;
	/** the rest also applies after a match this one depends on (default true) */
	restAfterDependencies?: boolean;
	/** the session length: matches must end by this slot; without it the schedule is open-ended */
	maxSlots?: number;
};

/** Where and when a match is played. */
export type Assignment = { matchId: string; tableId: string; slot: number };

/** Why a match could not be scheduled. */
export type UnscheduledCode =
	| 'schedule.unknown_dependency'
	| 'schedule.dependency_cycle'
	| 'schedule.dependency_unscheduled'
	| 'schedule.no_allowed_table'
	| 'schedule.unknown_table'
	| 'schedule.no_capacity';

/** A match left out of the schedule, with a message code and its parameters. */
export type Unscheduled = {
	matchId: string;
	code: UnscheduledCode;
	params: Record<string, string | number>;
};

/** The schedule: assignments by slot then table order, what was left out, slots used. */
export type OrderOfPlay = {
	assignments: Assignment[];
	unscheduled: Unscheduled[];
	slotCount: number;
};

function duration(m: PlayMatch): number {
	return m.durationSlots ?? 1;
}

function validate(matches: readonly PlayMatch[], tables: readonly PlayTable[]): void {
	const ids = new Set<string>();
	for (const m of matches) {
		if (ids.has(m.id)) {
			throw new RuleViolation('schedule.duplicate_match', `Match ${m.id} is listed twice.`, {
				match: m.id
			});
		}
		ids.add(m.id);
		const d = duration(m);
		const e = m.earliestSlot ?? 0;
		if (!Number.isInteger(d) || d < 1 || !Number.isInteger(e) || e < 0) {
			throw new RuleViolation(
				'schedule.invalid_timing',
				`Match ${m.id} needs a whole number of slots (at least 1) and a start slot of 0 or later.`,
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

/** Free intervals check: an athlete's busy spans, each [start, end). */
type Span = { start: number; end: number };

function athleteFree(spans: readonly Span[] | undefined, start: number, end: number, rest: number) {
	if (spans === undefined) return true;
	for (const s of spans) {
		if (!(start >= s.end + rest || end + rest <= s.start)) return false;
	}
	return true;
}

/**
 * Builds the order of play for a venue. Called by the organizer's schedule screen (and again
 * after changes; pinned matches keep their place). Every match ends up either in
 * `assignments` or in `unscheduled` with a reason.
 */
export function orderOfPlay(input: {
	matches: readonly PlayMatch[];
	tables: readonly PlayTable[];
	options?: OrderOfPlayOptions;
}): OrderOfPlay {
	const { matches, tables } = input;
	validate(matches, tables);
	const rest = input.options?.minRestSlots ?? 0;
	const depRest = input.options?.restAfterDependencies === false ? 0 : rest;
	const maxSlots = input.options?.maxSlots ?? Infinity;

	const index = new Map(matches.map((m, i) => [m.id, i]));
	const tableIndex = new Map(tables.map((t, i) => [t.id, i]));
	const unscheduled: Unscheduled[] = [];
	const dropped = new Uint8Array(matches.length);
	const drop = (i: number, code: UnscheduledCode, params: Record<string, string | number>) => {
		if (dropped[i]) return;
		dropped[i] = 1;
		unscheduled.push({ matchId: (matches[i] as PlayMatch).id, code, params });
	};

	// dependencies: unknown ones, then cycles (Kahn's algorithm)
	const deps: number[][] = matches.map(() => []);
	const dependents: number[][] = matches.map(() => []);
	matches.forEach((m, i) => {
		for (const d of m.dependsOn ?? []) {
			const j = index.get(d);
			if (j === undefined) drop(i, 'schedule.unknown_dependency', { match: m.id, dependency: d });
			else {
				(deps[i] as number[]).push(j);
				(dependents[j] as number[]).push(i);
			}
		}
	});
	const indegree = deps.map((d) => d.length);
	const topo: number[] = [];
	indegree.forEach((d, i) => {
		if (d === 0) topo.push(i);
	});
	for (let k = 0; k < topo.length; k++) {
		for (const j of dependents[topo[k] as number] as number[]) {
			indegree[j] = (indegree[j] as number) - 1;
			if (indegree[j] === 0) topo.push(j);
		}
	}
	if (topo.length < matches.length) {
		const inTopo = new Uint8Array(matches.length);
		for (const i of topo) inTopo[i] = 1;
		matches.forEach((m, i) => {
			if (!inTopo[i]) drop(i, 'schedule.dependency_cycle', { match: m.id });
		});
	}

	// allowed tables per match
	const allowed: number[][] = matches.map((m, i) => {
		const list =
			m.tables === undefined
				? tables.map((_, t) => t)
				: m.tables.map((id) => tableIndex.get(id)).filter((t): t is number => t !== undefined);
		if (list.length === 0 && !m.pinned) drop(i, 'schedule.no_allowed_table', { match: m.id });
		return list;
	});

	// longest chain of work behind each match (for priority), in reverse topological order
	const chain = new Float64Array(matches.length);
	for (let k = topo.length - 1; k >= 0; k--) {
		const i = topo[k] as number;
		let best = 0;
		for (const j of dependents[i] as number[]) best = Math.max(best, chain[j] as number);
		chain[i] = best + duration(matches[i] as PlayMatch);
	}

	// work still ahead of each athlete (slots of play plus rest), updated as matches are placed
	const load = new Map<string, number>();
	matches.forEach((m, i) => {
		if (dropped[i]) return;
		for (const p of m.players) load.set(p, (load.get(p) ?? 0) + duration(m) + rest);
	});

	// occupancy
	const tableBusy: Array<Uint8Array> = tables.map(() => new Uint8Array(64));
	const isTableFree = (t: number, start: number, end: number) => {
		const busy = tableBusy[t] as Uint8Array;
		for (let s = start; s < end && s < busy.length; s++) if (busy[s]) return false;
		return true;
	};
	const occupyTable = (t: number, start: number, end: number) => {
		let busy = tableBusy[t] as Uint8Array;
		if (end > busy.length) {
			const grown = new Uint8Array(Math.max(end, busy.length * 2));
			grown.set(busy);
			busy = grown;
			tableBusy[t] = grown;
		}
		busy.fill(1, start, end);
	};
	const athleteSpans = new Map<string, Span[]>();
	const start = new Float64Array(matches.length).fill(-1);
	const assignments: Assignment[] = [];
	const place = (i: number, t: number, slot: number) => {
		const m = matches[i] as PlayMatch;
		const end = slot + duration(m);
		for (const p of m.players) load.set(p, (load.get(p) ?? 0) - duration(m) - rest);
		start[i] = slot;
		occupyTable(t, slot, end);
		for (const p of m.players) {
			const spans = athleteSpans.get(p);
			if (spans) spans.push({ start: slot, end });
			else athleteSpans.set(p, [{ start: slot, end }]);
		}
		assignments.push({ matchId: m.id, tableId: (tables[t] as PlayTable).id, slot });
	};

	// pinned matches first, exactly where the organizer put them
	matches.forEach((m, i) => {
		if (!m.pinned || dropped[i]) return;
		const t = tableIndex.get(m.pinned.tableId);
		if (t === undefined) {
			drop(i, 'schedule.unknown_table', { match: m.id, table: m.pinned.tableId });
			return;
		}
		place(i, t, m.pinned.slot);
	});

	const pending = topo.filter((i) => !dropped[i] && start[i] === -1);

	const urgency = new Float64Array(matches.length);
	const byPriority = (x: number, y: number) => {
		const mx = matches[x] as PlayMatch;
		const my = matches[y] as PlayMatch;
		return (
			(my.priority ?? 0) - (mx.priority ?? 0) ||
			(urgency[y] as number) - (urgency[x] as number) ||
			x - y
		);
	};

	// a match whose dependency cannot be scheduled cannot be either
	const blockedBy = (i: number): number | undefined =>
		(deps[i] as number[]).find((j) => dropped[j] === 1);

	// no greedy schedule needs more than the latest fixed time plus all work done one by one
	let latest = 0;
	let work = 0;
	for (const m of matches) {
		work += duration(m) + Math.max(rest, depRest);
		latest = Math.max(latest, (m.earliestSlot ?? 0) + duration(m));
		if (m.pinned) latest = Math.max(latest, m.pinned.slot + duration(m));
	}
	const horizon = Math.min(latest + work + 1, maxSlots);

	let waiting = pending;
	for (let slot = 0; waiting.length > 0 && slot < horizon; slot++) {
		// most urgent first: the longer the chain of dependent matches or the more an athlete
		// still has to play, the sooner the match should start
		for (const i of waiting) {
			let u = chain[i] as number;
			for (const p of (matches[i] as PlayMatch).players) u = Math.max(u, load.get(p) ?? 0);
			urgency[i] = u;
		}
		waiting.sort(byPriority);
		const still: number[] = [];
		let tablesLeft = tables.some((_, t) => isTableFree(t, slot, slot + 1));
		let nextEvent = Infinity;
		let waitsOnDependency = false;
		for (const i of waiting) {
			if (dropped[i]) continue;
			const blocker = blockedBy(i);
			if (blocker !== undefined) {
				drop(i, 'schedule.dependency_unscheduled', {
					match: (matches[i] as PlayMatch).id,
					dependency: (matches[blocker] as PlayMatch).id
				});
				continue;
			}
			const m = matches[i] as PlayMatch;
			let ready = m.earliestSlot ?? 0;
			let depsDone = true;
			for (const j of deps[i] as number[]) {
				if (start[j] === -1) {
					depsDone = false;
					break;
				}
				ready = Math.max(ready, (start[j] as number) + duration(matches[j] as PlayMatch) + depRest);
			}
			const end = slot + duration(m);
			let placed = false;
			if (tablesLeft && depsDone && ready <= slot && end <= maxSlots) {
				if (m.players.every((p) => athleteFree(athleteSpans.get(p), slot, end, rest))) {
					for (const t of allowed[i] as number[]) {
						if (isTableFree(t, slot, end)) {
							place(i, t, slot);
							placed = true;
							break;
						}
					}
				}
			}
			if (!placed) {
				still.push(i);
				if (depsDone) nextEvent = Math.min(nextEvent, Math.max(ready, slot + 1));
				else waitsOnDependency = true;
			} else {
				tablesLeft = tables.some((_, t) => isTableFree(t, slot, slot + 1));
			}
		}
		waiting = still;
		// skip idle stretches (e.g. a session that starts later)
		if (!waitsOnDependency && nextEvent !== Infinity && nextEvent > slot + 1) slot = nextEvent - 1;
	}
	for (const i of waiting) {
		if (dropped[i]) continue;
		const blocker = (deps[i] as number[]).find((j) => start[j] === -1);
		if (blocker !== undefined) {
			drop(i, 'schedule.dependency_unscheduled', {
				match: (matches[i] as PlayMatch).id,
				dependency: (matches[blocker] as PlayMatch).id
			});
		} else {
			drop(i, 'schedule.no_capacity', { match: (matches[i] as PlayMatch).id });
		}
	}

	const tableOrder = (id: string) => tableIndex.get(id) ?? 0;
	assignments.sort((a, b) => a.slot - b.slot || tableOrder(a.tableId) - tableOrder(b.tableId));
	let slotCount = 0;
	for (const a of assignments) {
		const m = matches[index.get(a.matchId) as number] as PlayMatch;
		slotCount = Math.max(slotCount, a.slot + duration(m));
	}
	return { assignments, unscheduled, slotCount };
}

/** Kinds of conflict the organizer sees after moving matches by hand. */
export type ConflictCode =
	| 'schedule.unknown_match'
	| 'schedule.duplicate_assignment'
	| 'schedule.unknown_table'
	| 'schedule.table_not_allowed'
	| 'schedule.before_earliest'
	| 'schedule.table_double_booked'
	| 'schedule.athlete_double_booked'
	| 'schedule.insufficient_rest'
	| 'schedule.dependency_order'
	| 'schedule.dependency_rest'
	| 'schedule.dependency_missing';

/** One conflict, with the matches involved and message parameters. */
export type Conflict = {
	code: ConflictCode;
	matchIds: string[];
	athleteId?: string;
	tableId?: string;
	slot?: number;
	params: Record<string, string | number>;
};

/**
 * Lists every rule a set of assignments breaks. Called after the organizer moves a match by hand
 * (and by tests on generated schedules, which must come back empty). `tables`, when given, lets
 * it also report unknown tables.
 */
export function checkConflicts(
	assignments: readonly Assignment[],
	matches: readonly PlayMatch[],
	options: OrderOfPlayOptions & { tables?: readonly PlayTable[] } = {}
): Conflict[] {
	const rest = options.minRestSlots ?? 0;
	const depRest = options.restAfterDependencies === false ? 0 : rest;
	const conflicts: Conflict[] = [];
	const byId = new Map(matches.map((m) => [m.id, m]));
	const tableIds = options.tables ? new Set(options.tables.map((t) => t.id)) : undefined;

	type Placed = { m: PlayMatch; tableId: string; start: number; end: number };
	const placed = new Map<string, Placed>();
	for (const a of assignments) {
		const m = byId.get(a.matchId);
		if (!m) {
			conflicts.push({
				code: 'schedule.unknown_match',
				matchIds: [a.matchId],
				params: { match: a.matchId }
			});
			continue;
		}
		if (placed.has(m.id)) {
			conflicts.push({
				code: 'schedule.duplicate_assignment',
				matchIds: [m.id],
				params: { match: m.id }
			});
			continue;
		}
		placed.set(m.id, { m, tableId: a.tableId, start: a.slot, end: a.slot + duration(m) });
		if (tableIds && !tableIds.has(a.tableId)) {
			conflicts.push({
				code: 'schedule.unknown_table',
				matchIds: [m.id],
				tableId: a.tableId,
				params: { match: m.id, table: a.tableId }
			});
		}
		if (m.tables && !m.tables.includes(a.tableId)) {
			conflicts.push({
				code: 'schedule.table_not_allowed',
				matchIds: [m.id],
				tableId: a.tableId,
				params: { match: m.id, table: a.tableId }
			});
		}
		if (a.slot < (m.earliestSlot ?? 0)) {
			conflicts.push({
				code: 'schedule.before_earliest',
				matchIds: [m.id],
				slot: a.slot,
				params: { match: m.id, slot: a.slot, earliest: m.earliestSlot ?? 0 }
			});
		}
	}

	// overlapping spans within a resource, found by a sweep over spans sorted by start
	const sweep = (spans: Placed[], gap: number, report: (x: Placed, y: Placed) => void) => {
		spans.sort((x, y) => x.start - y.start || x.end - y.end);
		for (let i = 0; i < spans.length; i++) {
			const x = spans[i] as Placed;
			for (let j = i + 1; j < spans.length; j++) {
				const y = spans[j] as Placed;
				if (y.start >= x.end + gap) break;
				report(x, y);
			}
		}
	};
	const byTable = new Map<string, Placed[]>();
	const byAthlete = new Map<string, Placed[]>();
	for (const p of placed.values()) {
		const onTable = byTable.get(p.tableId);
		if (onTable) onTable.push(p);
		else byTable.set(p.tableId, [p]);
		for (const athlete of new Set(p.m.players)) {
			const list = byAthlete.get(athlete);
			if (list) list.push(p);
			else byAthlete.set(athlete, [p]);
		}
	}
	for (const [tableId, spans] of byTable) {
		sweep(spans, 0, (x, y) => {
			if (y.start < x.end) {
				conflicts.push({
					code: 'schedule.table_double_booked',
					matchIds: [x.m.id, y.m.id],
					tableId,
					slot: y.start,
					params: { match: x.m.id, other: y.m.id, table: tableId, slot: y.start }
				});
			}
		});
	}
	for (const [athleteId, spans] of byAthlete) {
		sweep(spans, rest, (x, y) => {
			const overlap = y.start < x.end;
			conflicts.push({
				code: overlap ? 'schedule.athlete_double_booked' : 'schedule.insufficient_rest',
				matchIds: [x.m.id, y.m.id],
				athleteId,
				slot: y.start,
				params: { match: x.m.id, other: y.m.id, athlete: athleteId, slot: y.start, rest }
			});
		});
	}
	for (const p of placed.values()) {
		for (const d of p.m.dependsOn ?? []) {
			const q = placed.get(d);
			if (!q) {
				conflicts.push({
					code: 'schedule.dependency_missing',
					matchIds: [p.m.id, d],
					params: { match: p.m.id, dependency: d }
				});
			} else if (p.start < q.end) {
				conflicts.push({
					code: 'schedule.dependency_order',
					matchIds: [p.m.id, d],
					slot: p.start,
					params: { match: p.m.id, dependency: d, slot: p.start }
				});
			} else if (p.start < q.end + depRest) {
				conflicts.push({
					code: 'schedule.dependency_rest',
					matchIds: [p.m.id, d],
					slot: p.start,
					params: { match: p.m.id, dependency: d, slot: p.start, rest: depRest }
				});
			}
		}
	}
	return conflicts;
}
