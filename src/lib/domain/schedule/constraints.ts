/**
 * The one rule book of the order of play. `placementConflicts` says what a placement breaks
 * against what is already placed; the scheduler (`scheduler.ts`) accepts a placement only when
 * it returns nothing, the delay tools (`delays.ts`) do the same, and the checker
 * (`checkSchedule`) runs it over every placement in time order. So the scheduler cannot produce
 * what the checker rejects: they are the same function.
 *
 * Hard rules: a table holds one match at a time and must be of the sport's kind, allowed, in
 * use, inside a session; an athlete plays one match at a time with the configured rest between
 * matches (across categories and sports: athletes are people, not entries); a referee is at one
 * table at a time; a match starts only after the matches feeding it can have finished. Two fixed
 * matches (finished, live, called, or another venue's) are never reported against each other:
 * nothing can be done about them. Table rules only bind matches that can still move.
 */
import { OVERRUN_MARGIN_MINUTES } from './types';
import type {
	Conflict,
	MatchState,
	Placement,
	SchedMatch,
	SchedTable,
	ScheduleRules
} from './types';

const MINUTE = 60_000;

type Entry = { m: SchedMatch; p: Placement; fixed: boolean };

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
	const list = map.get(key);
	if (list) list.push(value);
	else map.set(key, [value]);
}

function pull<K>(map: Map<K, Entry[]>, key: K, id: string) {
	const list = map.get(key);
	if (!list) return;
	const i = list.findIndex((e) => e.m.id === id);
	if (i >= 0) list.splice(i, 1);
}

/** Who and what is busy when: the placements accepted so far, indexed by table, athlete and
 *  referee. Shared by the scheduler, the delay tools and the checker. */
export class Occupancy {
	private readonly byTable = new Map<string, Entry[]>();
	private readonly byAthlete = new Map<string, Entry[]>();
	private readonly byReferee = new Map<string, Entry[]>();
	private readonly byMatch = new Map<string, Entry>();

	/** Records a placement (replacing the match's previous one). */
	add(m: SchedMatch, p: Placement) {
		if (this.byMatch.has(m.id)) this.remove(m.id);
		const e: Entry = { m, p, fixed: m.state === 'fixed' };
		this.byMatch.set(m.id, e);
		push(this.byTable, p.tableId, e);
		for (const a of new Set(m.players)) push(this.byAthlete, a, e);
		if (p.refereeId) push(this.byReferee, p.refereeId, e);
	}

	/** Forgets a match's placement (it is about to be placed again). */
	remove(id: string) {
		const e = this.byMatch.get(id);
		if (!e) return;
		this.byMatch.delete(id);
		pull(this.byTable, e.p.tableId, id);
		for (const a of new Set(e.m.players)) pull(this.byAthlete, a, id);
		if (e.p.refereeId) pull(this.byReferee, e.p.refereeId, id);
	}

	/** The placement of a match, if it has one here. */
	get(id: string): Placement | undefined {
		return this.byMatch.get(id)?.p;
	}

	/** Whether the placed match is fixed. */
	isFixed(id: string): boolean {
		return this.byMatch.get(id)?.fixed ?? false;
	}

	/** Every placement, in no particular order. */
	placements(): Placement[] {
		return [...this.byMatch.values()].map((e) => e.p);
	}

	/** @internal */
	onTable(id: string): readonly Entry[] {
		return this.byTable.get(id) ?? [];
	}
	/** @internal */
	ofAthlete(id: string): readonly Entry[] {
		return this.byAthlete.get(id) ?? [];
	}
	/** @internal */
	ofReferee(id: string): readonly Entry[] {
		return this.byReferee.get(id) ?? [];
	}
}

/** What `placementConflicts` needs besides the placement. */
export type CheckContext = {
	occupancy: Occupancy;
	tables: ReadonlyMap<string, SchedTable>;
	rules: ScheduleRules;
	/** match id → ids of the matches that depend on it */
	dependents: ReadonlyMap<string, readonly string[]>;
	/** matches that count as not missing although they are not in `occupancy`: the checker's
	 *  later ones (checked when they are added) and fixed matches that never had a place */
	later?: ReadonlySet<string>;
	/** stop at the first conflict (the scheduler only needs to know whether there is one) */
	stopAtFirst?: boolean;
};

/** The referee a match has on a table: its own, else the table's. Used everywhere a placement
 *  is built, so scheduler and checker agree on who referees. */
export function refereeAt(m: SchedMatch, table: SchedTable | undefined): string | null {
	return m.refereeId ?? table?.refereeId ?? null;
}

/**
 * When a placed match is expected to end: its planned end (or the later known one); a running
 * (live or called) match that overruns (now is past that end) holds on until `rules.now` + the overrun
 * margin, so a repair never fills its table, or takes its athletes or referee, before then.
 * Whole minutes, so plans made from it stay on the minute grid.
 */
export function expectedEnd(m: SchedMatch, rules?: Pick<ScheduleRules, 'now' | 'overrunMinutes'>): number {
	if (!m.placement) return 0;
	const { start } = m.placement;
	let end = Math.max(m.placement.end ?? 0, start + m.durationMinutes * MINUTE);
	// only once it overruns (now at or past its expected end): until then its plan holds
	if (m.state === 'fixed' && m.running && rules?.now !== undefined && rules.now >= end) {
		const margin = Math.max(1, rules.overrunMinutes ?? OVERRUN_MARGIN_MINUTES);
		end = Math.max(end, Math.ceil((rules.now + margin * MINUTE) / MINUTE) * MINUTE);
	}
	return end;
}

/** A match's placement from its stored table and start, ending when `expectedEnd` says. */
export function placementOf(
	m: SchedMatch,
	tables: ReadonlyMap<string, SchedTable>,
	rules?: Pick<ScheduleRules, 'now' | 'overrunMinutes'>
): Placement | null {
	if (m.state === 'open' || !m.placement) return null;
	const { tableId, start } = m.placement;
	return { matchId: m.id, tableId, start, end: expectedEnd(m, rules), refereeId: refereeAt(m, tables.get(tableId)) };
}

/** The dependents of every match (inverse of `dependsOn`). */
export function dependentsOf(matches: readonly SchedMatch[]): Map<string, string[]> {
	const out = new Map<string, string[]>();
	for (const m of matches) for (const d of m.dependsOn ?? []) push(out, d, m.id);
	return out;
}

const overlaps = (a: Placement, b: Placement, gap: number) =>
	!(a.start >= b.end + gap || a.end + gap <= b.start);

/**
 * Every rule that placing match `m` at `p` breaks against the placements in
 * `ctx.occupancy`. Empty means the placement is allowed. The one constraint function of the
 * order of play: the scheduler, the delay tools and the checker all call it.
 */
export function placementConflicts(m: SchedMatch, p: Placement, ctx: CheckContext): Conflict[] {
	const out: Conflict[] = [];
	const done = () => ctx.stopAtFirst === true && out.length > 0;
	const fixed = m.state === 'fixed';
	const { occupancy: occ, rules } = ctx;
	const rest = rules.restMinutes * MINUTE;
	const depRest = rules.restAfterDependencies === false ? 0 : rest;
	const base = { match: m.id, table: p.tableId, time: p.start };

	if (!fixed) {
		const table = ctx.tables.get(p.tableId);
		if (!table) {
			out.push({ code: 'schedule.unknown_table', matchIds: [m.id], tableId: p.tableId, params: base });
		} else {
			if (m.kind !== undefined && table.kind !== m.kind) {
				out.push({
					code: 'schedule.table_wrong_kind',
					matchIds: [m.id],
					tableId: p.tableId,
					params: base
				});
			}
			if (m.tables && !m.tables.includes(p.tableId)) {
				out.push({
					code: 'schedule.table_not_allowed',
					matchIds: [m.id],
					tableId: p.tableId,
					params: base
				});
			}
			if (table.outOfUse) {
				out.push({
					code: 'schedule.table_out_of_use',
					matchIds: [m.id],
					tableId: p.tableId,
					params: base
				});
			}
		}
		const windows = rules.windows;
		if (windows && !windows.some((w) => p.start >= w.start && p.end <= w.end)) {
			out.push({ code: 'schedule.outside_session', matchIds: [m.id], params: base });
		}
		if (done()) return out;
	}

	const relevant = (e: Entry) => e.m.id !== m.id && !(fixed && e.fixed);

	for (const athlete of new Set(m.players)) {
		for (const e of occ.ofAthlete(athlete)) {
			if (!relevant(e) || !overlaps(p, e.p, rest)) continue;
			const [first, second] = e.p.start <= p.start ? [e, { m, p }] : [{ m, p }, e];
			out.push({
				code: overlaps(p, e.p, 0) ? 'schedule.athlete_double_booked' : 'schedule.insufficient_rest',
				matchIds: [first.m.id, second.m.id],
				athleteId: athlete,
				params: {
					match: first.m.id,
					other: second.m.id,
					athlete,
					time: second.p.start,
					rest: rules.restMinutes
				}
			});
			if (done()) return out;
		}
	}
	for (const e of occ.onTable(p.tableId)) {
		if (relevant(e) && overlaps(p, e.p, 0)) {
			const time = Math.max(p.start, e.p.start);
			out.push({
				code: 'schedule.table_double_booked',
				matchIds: [e.m.id, m.id],
				tableId: p.tableId,
				params: { match: e.m.id, other: m.id, table: p.tableId, time }
			});
			if (done()) return out;
		}
	}
	if (p.refereeId) {
		for (const e of occ.ofReferee(p.refereeId)) {
			if (relevant(e) && overlaps(p, e.p, 0)) {
				out.push({
					code: 'schedule.referee_double_booked',
					matchIds: [e.m.id, m.id],
					refereeId: p.refereeId,
					params: {
						match: e.m.id,
						other: m.id,
						referee: p.refereeId,
						time: Math.max(p.start, e.p.start)
					}
				});
				if (done()) return out;
			}
		}
	}

	// feeders already placed must end (plus rest) before this starts
	const order = (dependent: string, at: Placement, feeder: string, before: Placement) => {
		if (at.start < before.end) {
			out.push({
				code: 'schedule.dependency_order',
				matchIds: [dependent, feeder],
				params: { match: dependent, dependency: feeder, time: at.start }
			});
		} else if (at.start < before.end + depRest) {
			out.push({
				code: 'schedule.dependency_rest',
				matchIds: [dependent, feeder],
				params: { match: dependent, dependency: feeder, time: at.start, rest: rules.restMinutes }
			});
		}
	};
	for (const d of m.dependsOn ?? []) {
		const q = occ.get(d);
		if (q) {
			if (!(fixed && occ.isFixed(d))) order(m.id, p, d, q);
		} else if (!fixed && !ctx.later?.has(d)) {
			out.push({
				code: 'schedule.dependency_missing',
				matchIds: [m.id, d],
				params: { match: m.id, dependency: d }
			});
		}
		if (done()) return out;
	}
	// and matches already placed that depend on this one must start after it
	for (const d of ctx.dependents.get(m.id) ?? []) {
		const q = occ.get(d);
		if (q && !(fixed && occ.isFixed(d))) order(d, q, m.id, p);
		if (done()) return out;
	}
	return out;
}

const stateRank: Record<MatchState, number> = { fixed: 0, published: 1, placed: 2, open: 3 };

/**
 * Every rule the current order of play breaks: each placed match is checked with
 * `placementConflicts` against those that start before it (so each pair is reported once).
 * Called for the organizer's conflicts panel and by the tests on every schedule the scheduler
 * and the delay tools produce.
 */
export function checkSchedule(input: {
	matches: readonly SchedMatch[];
	tables: readonly SchedTable[];
	rules: ScheduleRules;
}): Conflict[] {
	const tables = new Map(input.tables.map((t) => [t.id, t]));
	const placed = input.matches
		.map((m) => ({ m, p: placementOf(m, tables, input.rules) }))
		.filter((x): x is { m: SchedMatch; p: Placement } => x.p !== null)
		.sort(
			(x, y) =>
				x.p.start - y.p.start ||
				stateRank[x.m.state] - stateRank[y.m.state] ||
				(x.m.id < y.m.id ? -1 : x.m.id > y.m.id ? 1 : 0)
		);
	const later = new Set(placed.map((x) => x.m.id));
	// a fixed match without a place (played before any schedule) is simply over
	for (const m of input.matches) if (m.state === 'fixed' && !m.placement) later.add(m.id);
	const ctx: CheckContext = {
		occupancy: new Occupancy(),
		tables,
		rules: input.rules,
		dependents: dependentsOf(input.matches),
		later
	};
	const out: Conflict[] = [];
	for (const { m, p } of placed) {
		later.delete(m.id);
		out.push(...placementConflicts(m, p, ctx));
		ctx.occupancy.add(m, p);
	}
	return out;
}

/**
 * What moving match `matchId` by hand to `to` would break: the same rule book
 * (`placementConflicts`) against every other placement, plus the rules of moving — a finished,
 * live or called match never moves, nothing moves into the past, a published match never
 * earlier than its published time. Empty means the move is allowed; the organizer's manual move
 * is refused otherwise, with the first reason.
 */
export function moveConflicts(input: {
	matches: readonly SchedMatch[];
	tables: readonly SchedTable[];
	rules: ScheduleRules;
	matchId: string;
	to: { tableId: string; start: number };
	notBefore?: number;
}): Conflict[] {
	const tables = new Map(input.tables.map((t) => [t.id, t]));
	const m = input.matches.find((x) => x.id === input.matchId);
	if (!m) return [];
	const base = { match: m.id, table: input.to.tableId, time: input.to.start };
	if (m.state === 'fixed') return [{ code: 'schedule.move_fixed', matchIds: [m.id], params: base }];
	const out: Conflict[] = [];
	if (input.notBefore !== undefined && input.to.start < input.notBefore) {
		out.push({ code: 'schedule.move_in_past', matchIds: [m.id], params: base });
	}
	if (m.state === 'published' && m.placement && input.to.start < m.placement.start) {
		out.push({ code: 'schedule.move_published_earlier', matchIds: [m.id], params: { ...base, from: m.placement.start } });
	}
	const occupancy = new Occupancy();
	const later = new Set<string>();
	for (const x of input.matches) {
		if (x.id === m.id) continue;
		const p = placementOf(x, tables, input.rules);
		if (p) occupancy.add(x, p);
		else if (x.state === 'fixed') later.add(x.id);
	}
	const p: Placement = {
		matchId: m.id,
		tableId: input.to.tableId,
		start: input.to.start,
		end: input.to.start + m.durationMinutes * MINUTE,
		refereeId: refereeAt(m, tables.get(input.to.tableId))
	};
	out.push(...placementConflicts(m, p, { occupancy, tables, rules: input.rules, dependents: dependentsOf(input.matches), later }));
	return out;
}
