/**
 * Game-day repairs of the order of play: a match runs late or a table goes out of use. The
 * organizer either shifts a table's queue by some minutes or moves its matches to a free table
 * (a chosen one, or any of the right kind), in one action. Each moved match goes to the earliest
 * time, not before its current one, where `placementConflicts` finds nothing; matches elsewhere
 * that the move now breaks (an athlete's rest, a bracket's order) follow in time order the same
 * way. The result is a list of moves (who is affected, old → new) that passes the checker.
 */
import {
	Occupancy,
	dependentsOf,
	placementConflicts,
	placementOf,
	refereeAt,
	type CheckContext
} from './constraints';
import { candidateTables, samePlace, validateProgramme } from './scheduler';
import type { Move, Placement, SchedMatch, SchedTable, ScheduleRules, Unscheduled } from './types';

const MINUTE = 60_000;

/** What to do with a table's queue. */
export type DelayAction =
	| { kind: 'shift'; minutes: number }
	/** to `toTableId`, or to any free table of the right kind when it is absent */
	| { kind: 'move'; toTableId?: string };

/** The repair proposed for a table. */
export type DelayResult = {
	/** every match that changes, the table's queue first, then those it pushes */
	moves: Move[];
	/** matches that found no place within the search (they keep no place) */
	unplaced: Unscheduled[];
	placements: Placement[];
};

/**
 * Shifts or moves the queue of `tableId`: its movable matches that start at or after `from`.
 * Called by the organizer's delay panel (preview, then apply). `searchSteps` bounds how far
 * (in grid steps) a match may be pushed.
 */
export function planDelay(input: {
	matches: readonly SchedMatch[];
	tables: readonly SchedTable[];
	rules: ScheduleRules;
	stepMinutes: number;
	tableId: string;
	from?: number;
	action: DelayAction;
	notBefore?: number;
	/** a time of the venue's grid: repaired starts are `origin` + whole steps (default: whole
	 *  steps since the epoch, which are whole minutes) */
	origin?: number;
	searchSteps?: number;
}): DelayResult {
	const { matches, tables, rules } = input;
	validateProgramme(matches, tables);
	const step = Math.max(1, input.stepMinutes) * MINUTE;
	const limit = input.searchSteps ?? 400;
	const tableMap = new Map(tables.map((t) => [t.id, t]));
	const occupancy = new Occupancy();
	const over = new Set<string>();
	const ctx: CheckContext = {
		occupancy,
		tables: tableMap,
		rules,
		dependents: dependentsOf(matches),
		later: over,
		stopAtFirst: true
	};
	const original = new Map<string, Placement>();
	for (const m of matches) {
		const p = placementOf(m, tableMap, rules);
		if (p) {
			occupancy.add(m, p);
			original.set(m.id, p);
		} else if (m.state === 'fixed') over.add(m.id);
	}
	const movable = matches
		.filter((m) => m.state !== 'fixed' && original.has(m.id))
		.sort((x, y) => (original.get(x.id) as Placement).start - (original.get(y.id) as Placement).start);
	const from = input.from ?? -Infinity;
	const queue = movable.filter((m) => {
		const p = original.get(m.id) as Placement;
		return p.tableId === input.tableId && p.start >= from;
	});

	const unplaced: Unscheduled[] = [];
	const moved = new Set<string>();
	/** the grid a repaired match starts on: `origin` + whole steps (whole minutes at least) */
	const origin = input.origin ?? 0;
	const onGrid = (t: number) => origin + Math.ceil((t - origin) / step) * step;
	/** earliest conflict-free place at or after `start` on the first of `on` that has room; the
	 *  search reaches past every known end (plus rest), where a table in use is always free */
	const place = (m: SchedMatch, start: number, on: readonly SchedTable[]) => {
		const t0 = onGrid(Math.max(start, input.notBefore ?? -Infinity));
		let latest = t0;
		for (const p of occupancy.placements()) latest = Math.max(latest, p.end);
		const reach = Math.ceil((latest - t0 + 2 * rules.restMinutes * MINUTE) / step) + 1;
		const steps = Math.max(limit, reach);
		for (let k = 0; k <= steps; k++) {
			const t = t0 + k * step;
			for (const table of on) {
				const p: Placement = {
					matchId: m.id,
					tableId: table.id,
					start: t,
					end: t + m.durationMinutes * MINUTE,
					refereeId: refereeAt(m, table)
				};
				if (placementConflicts(m, p, ctx).length === 0) {
					occupancy.add(m, p);
					return true;
				}
			}
		}
		unplaced.push({ matchId: m.id, code: 'schedule.no_capacity', params: { match: m.id } });
		return false;
	};

	for (const m of queue) occupancy.remove(m.id);
	// what waits on the queue (a bracket's next rounds) leaves too, and comes back below in time
	// order: at its old place when that is still allowed, else at the next free one
	const dependents = ctx.dependents;
	const waitsOnQueue = new Set<string>();
	/** matches the loop below has already put back */
	const seen = new Set<string>();
	const release = (ids: readonly string[]) => {
		const stack = [...ids];
		while (stack.length > 0) {
			for (const d of dependents.get(stack.pop() as string) ?? []) {
				if (waitsOnQueue.has(d) || moved.has(d) || seen.has(d) || queue.some((q) => q.id === d) || occupancy.isFixed(d)) continue;
				if (!occupancy.get(d)) continue;
				waitsOnQueue.add(d);
				occupancy.remove(d);
				stack.push(d);
			}
		}
	};
	release(queue.map((m) => m.id));
	// in time order (so a match comes back only after what it waits on): the queue goes to its
	// new place; matches the move now breaks follow
	const inQueue = new Set(queue.map((m) => m.id));
	for (const m of movable) {
		const p = original.get(m.id) as Placement;
		if (inQueue.has(m.id)) {
			moved.add(m.id);
			if (input.action.kind === 'shift') {
				// a shift keeps the queue on its table; a table out of use cannot hold it, so the
				// shifted matches go to the first free table of their kind instead of losing their place
				const table = tableMap.get(input.tableId);
				const on = table && !table.outOfUse ? [table] : candidateTables(m, tables);
				place(m, p.start + input.action.minutes * MINUTE, on);
			} else {
				const target = input.action.toTableId;
				const on = candidateTables(m, tables).filter((t) =>
					target === undefined ? t.id !== input.tableId : t.id === target
				);
				place(m, p.start, on);
			}
			continue;
		}
		seen.add(m.id);
		occupancy.remove(m.id);
		const conflicts = placementConflicts(m, p, { ...ctx, stopAtFirst: false });
		const pushed = waitsOnQueue.has(m.id)
			? conflicts.length > 0
			: conflicts.some((c) => c.matchIds.some((id) => moved.has(id)));
		if (!pushed) {
			occupancy.add(m, p);
			continue;
		}
		moved.add(m.id);
		const own = tableMap.get(p.tableId);
		const others = candidateTables(m, tables).filter((t) => t.id !== p.tableId);
		place(m, p.start, own && !own.outOfUse ? [own, ...others] : others);
	}

	const moves: Move[] = [];
	for (const m of [...queue, ...movable.filter((x) => !queue.includes(x))]) {
		const before = original.get(m.id) ?? null;
		const after = occupancy.get(m.id) ?? null;
		if (!samePlace(before, after)) {
			moves.push({ matchId: m.id, published: m.state === 'published', from: before, to: after });
		}
	}
	return { moves, unplaced, placements: occupancy.placements() };
}
