/**
 * Reads the order of play of a venue from the database into the domain's shapes
 * (`src/lib/domain/schedule/`): the venue's matches (open, placed, published, fixed) plus every
 * placed match of the edition's other venues as fixed context, so an athlete entered in table
 * tennis and in darts, or a referee, is never in two places. Also turns the domain's moves back
 * into what the organizer reads (who is affected, old → new).
 */
import type { Db } from '../db';
import type { Move, SchedMatch, SchedTable, ScheduleRules } from '$lib/domain/schedule/types';
import { slotOf } from '$lib/domain/schedule/scheduler';
import { userError } from '../trpc/errors';
import { isDone } from './matches';
import { parseFormatConfig } from './formatConfig';

/** The kind of venue table each sport is played on. */
export const TABLE_KIND: Record<string, string> = { tableTennis: 'table', xiangqi: 'board', darts: 'lane' };

/** The database access the order of play needs (a client or a transaction). */
export type ScheduleClient = Pick<Db, 'venue' | 'match' | 'category' | 'entry' | 'user'>;

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Statuses that never move: the match is being played, called to the table, or over. */
const FIXED = new Set(['called', 'live', 'finished', 'walkover']);

const matchSelect = {
	id: true,
	code: true,
	stage: true,
	round: true,
	status: true,
	entryAId: true,
	entryBId: true,
	players: true,
	venueTableId: true,
	slot: true,
	scheduledAt: true,
	schedulePublishedAt: true,
	startedAt: true,
	finishedAt: true,
	refereeId: true,
	nextMatchId: true,
	loserMatchId: true,
	categoryId: true
} as const;

/** A venue with its tables in display order. */
export async function loadVenue(db: Pick<Db, 'venue'>, venueId: string) {
	const venue = await db.venue.findUnique({
		where: { id: venueId },
		select: {
			id: true,
			editionId: true,
			nameZh: true,
			nameEn: true,
			tables: {
				orderBy: [{ sortOrder: 'asc' }, { label: 'asc' }],
				select: { id: true, kind: true, label: true, outOfUse: true }
			}
		}
	});
	if (!venue) throw userError('NOT_FOUND', 'errors.not_found');
	return venue;
}

export type VenueRow = Awaited<ReturnType<typeof loadVenue>>;

/** Everything the order of play of one venue depends on, read once. */
export async function loadSchedule(db: ScheduleClient, venueId: string, now = new Date()) {
	const venue = await loadVenue(db, venueId);
	const categories = await db.category.findMany({
		where: { editionId: venue.editionId },
		select: { id: true, code: true, nameZh: true, nameEn: true, formatConfig: true, sport: { select: { key: true } } }
	});
	const rows = await db.match.findMany({
		where: {
			categoryId: { in: categories.map((c) => c.id) },
			draw: { publishedAt: { not: null } },
			status: { notIn: ['bye', 'cancelled'] }
		},
		select: matchSelect,
		// a total order (ties across categories broken by the event, then the id) so the same
		// programme is always planned the same way, whatever order the database returns rows in
		orderBy: [{ stage: 'asc' }, { round: 'asc' }, { position: 'asc' }, { category: { sortOrder: 'asc' } }, { code: 'asc' }, { id: 'asc' }]
	});
	const entryIds = [...new Set(rows.flatMap((m) => sidesOf(m)))];
	const entries = await db.entry.findMany({
		where: { id: { in: entryIds } },
		select: { id: true, athleteId: true, athlete: { select: { name: true, street: { select: { nameZh: true, nameEn: true } } } } }
	});
	const tableIds = new Set(venue.tables.map((t) => t.id));
	const kinds = new Set(venue.tables.map((t) => t.kind));
	const category = new Map(categories.map((c) => [c.id, c]));
	const kindOf = (categoryId: string) => TABLE_KIND[category.get(categoryId)?.sport.key ?? ''] ?? '';
	// this venue's matches: those on its tables, and open ones of the sports it has tables for
	const own = rows.filter((m) =>
		m.venueTableId ? tableIds.has(m.venueTableId) : !isDone(m.status) && kinds.has(kindOf(m.categoryId))
	);
	const referees = await db.user.findMany({
		where: { role: 'referee' },
		select: { id: true, displayName: true, active: true },
		orderBy: { username: 'asc' }
	});
	return { venue, categories, rows, own, entries, referees, now: now.getTime() };
}

export type ScheduleData = Awaited<ReturnType<typeof loadSchedule>>;
type Row = ScheduleData['rows'][number];

/** The entry ids playing a match (both sides, or every player of a total-score flight). */
export function sidesOf(m: { entryAId: string | null; entryBId: string | null; players: string }): string[] {
	return [m.entryAId, m.entryBId, ...(JSON.parse(m.players) as string[])].filter((x): x is string => Boolean(x));
}

/** How the venue's grid maps slots to clock times, read back from the matches already placed. */
export function timing(own: readonly Row[], fallbackMinutes = 20) {
	const placed = own
		.filter((m) => m.slot !== null && m.scheduledAt !== null)
		.map((m) => ({ slot: m.slot as number, at: (m.scheduledAt as Date).getTime() }))
		.sort((a, b) => a.slot - b.slot);
	const first = placed[0];
	let slotMinutes = fallbackMinutes;
	const other = placed.find((p) => first && p.slot !== first.slot);
	if (first && other) slotMinutes = Math.round((other.at - first.at) / MINUTE / (other.slot - first.slot));
	if (!(slotMinutes > 0)) slotMinutes = fallbackMinutes;
	const startAt = first ? first.at - first.slot * slotMinutes * MINUTE : null;
	return { slotMinutes, startAt };
}

/** The referee each table has (the one its open matches have). */
function tableReferees(data: ScheduleData): Map<string, string> {
	const out = new Map<string, string>();
	for (const m of data.own) {
		if (m.venueTableId && m.refereeId && !isDone(m.status) && !out.has(m.venueTableId)) out.set(m.venueTableId, m.refereeId);
	}
	return out;
}

/** The domain's view of the venue: its tables and the matches, with rest in minutes. Planners
 *  keep the domain's overrun margin for running matches; the conflicts panel passes
 *  `overrunMinutes: 1` (a running match holds its table at least now). */
export function toDomain(data: ScheduleData, minRestSlots: number, slotMinutes: number, options: { overrunMinutes?: number } = {}) {
	const refereeOf = tableReferees(data);
	const tables: SchedTable[] = data.venue.tables.map((t) => ({
		id: t.id,
		name: t.label,
		kind: t.kind,
		refereeId: refereeOf.get(t.id) ?? null,
		outOfUse: t.outOfUse
	}));
	const athleteOf = new Map(data.entries.map((e) => [e.id, e.athleteId]));
	const category = new Map(data.categories.map((c) => [c.id, c]));
	const minutes = new Map(data.categories.map((c) => [c.id, parseFormatConfig(c.formatConfig).matchMinutes]));
	const ownIds = new Set(data.own.map((m) => m.id));

	// feeders: the bracket's links, the group stage before the knockout, Swiss round n before n + 1
	const feeders = new Map<string, string[]>();
	const add = (to: string, from: string) => feeders.set(to, [...(feeders.get(to) ?? []), from]);
	for (const m of data.rows) for (const to of [m.nextMatchId, m.loserMatchId]) if (to) add(to, m.id);
	const byCategory = new Map<string, Row[]>();
	for (const m of data.rows) byCategory.set(m.categoryId, [...(byCategory.get(m.categoryId) ?? []), m]);
	for (const list of byCategory.values()) {
		const groups = list.filter((m) => m.stage === 'group');
		const knockout = list.filter((m) => m.stage === 'knockout' || m.stage === 'thirdPlace');
		if (groups.length > 0) for (const k of knockout) if (!feeders.has(k.id)) for (const g of groups) add(k.id, g.id);
		const swiss = list.filter((m) => m.stage === 'swiss');
		for (const s of swiss) for (const before of swiss) if (before.round === s.round - 1) add(s.id, before.id);
	}

	// another venue's open match is not our business; matches over without a place are kept as
	// fixed (the domain treats them as played) so what they feed is not blocked
	const included = data.rows.filter(
		(m) => ownIds.has(m.id) || (m.venueTableId !== null && m.scheduledAt !== null) || FIXED.has(m.status)
	);
	const rowIds = new Set(included.map((m) => m.id));
	const matches: SchedMatch[] = [];
	for (const m of included) {
		const own = ownIds.has(m.id);
		const fixed = FIXED.has(m.status) || !own;
		const duration = minutes.get(m.categoryId) ?? slotMinutes;
		const start = m.scheduledAt?.getTime();
		const placed = m.venueTableId !== null && start !== undefined;
		// a finished match that ran longer holds its table until it ended; a live or called one
		// until the domain's expected end (`expectedEnd`: at least now + the overrun margin)
		let end: number | undefined;
		if (placed && m.status === 'finished' && m.finishedAt) {
			const f = m.finishedAt.getTime();
			if (f > start && f - start < DAY) end = f;
		}
		const running = placed && (m.status === 'live' || m.status === 'called') ? m.status : undefined;
		const players = sidesOf(m).map((e) => athleteOf.get(e) ?? e);
		const tableReferee = m.venueTableId ? refereeOf.get(m.venueTableId) : undefined;
		matches.push({
			id: m.id,
			players,
			durationMinutes: duration,
			kind: TABLE_KIND[category.get(m.categoryId)?.sport.key ?? ''],
			dependsOn: (feeders.get(m.id) ?? []).filter((f) => rowIds.has(f)),
			priority: -m.round,
			// a referee named for this match alone goes with it; otherwise the table's referee takes it
			refereeId: fixed ? m.refereeId : m.refereeId && m.refereeId !== tableReferee ? m.refereeId : null,
			state: fixed ? 'fixed' : !placed ? 'open' : m.schedulePublishedAt ? 'published' : 'placed',
			...(running ? { running } : {}),
			...(placed ? { placement: { tableId: m.venueTableId as string, start, ...(end ? { end } : {}) } } : {})
		});
	}
	const rules: ScheduleRules = {
		restMinutes: minRestSlots * slotMinutes,
		now: data.now,
		...(options.overrunMinutes !== undefined ? { overrunMinutes: options.overrunMinutes } : {})
	};
	return { tables, matches, rules };
}

/** What the organizer reads about a move: who plays, who referees, where and when before and after. */
export type AffectedMatch = {
	matchId: string;
	code: string;
	published: boolean;
	athletes: string[];
	referee: string | null;
	from: { table: string; at: string } | null;
	to: { table: string; at: string } | null;
};

/** Describes the domain's moves with names, table labels and instants (no personal numbers). */
export function describeMoves(data: ScheduleData, moves: readonly Move[]): AffectedMatch[] {
	const row = new Map(data.rows.map((m) => [m.id, m]));
	const name = new Map(data.entries.map((e) => [e.id, e.athlete.name]));
	const label = new Map(data.venue.tables.map((t) => [t.id, t.label]));
	const referee = new Map(data.referees.map((r) => [r.id, r.displayName]));
	const place = (p: Move['from']) => (p ? { table: label.get(p.tableId) ?? '', at: new Date(p.start).toISOString() } : null);
	return moves.map((mv) => {
		const m = row.get(mv.matchId);
		const ref = mv.to?.refereeId ?? mv.from?.refereeId ?? null;
		return {
			matchId: mv.matchId,
			code: m?.code ?? '',
			published: mv.published,
			athletes: m ? sidesOf(m).map((e) => name.get(e) ?? '') : [],
			referee: ref ? (referee.get(ref) ?? null) : null,
			from: place(mv.from),
			to: place(mv.to)
		};
	});
}

/** The database columns of a match's new place (slot derived from the time on the grid). */
export function placeColumns(p: Move['to'], origin: number, slotMinutes: number) {
	if (!p) return { venueTableId: null, slot: null, scheduledAt: null };
	return { venueTableId: p.tableId, slot: slotOf(p.start, origin, slotMinutes), scheduledAt: new Date(p.start) };
}
