/**
 * The order of play of a venue: which published matches of which categories go on which table
 * (table tennis), board (xiangqi) or lane (darts) in which time slot, with the referee of each
 * table. Planning and conflict rules are `src/lib/domain/schedule/orderOfPlay.ts`; this file
 * loads the matches, turns them into the domain's shapes, writes the result and audits it.
 */
import type { Db } from '../db';
import { checkConflicts, orderOfPlay, type Conflict, type PlayMatch } from '$lib/domain/schedule/orderOfPlay';
import { audit, type Actor } from '../audit';
import { userError } from '../trpc/errors';
import { isDone, type Tx } from './matches';
import { parseFormatConfig } from './formatConfig';

/** The kind of venue table each sport is played on. */
export const TABLE_KIND: Record<string, string> = { tableTennis: 'table', xiangqi: 'board', darts: 'lane' };

type Client = Pick<Db, 'venue' | 'match' | 'category' | 'entry'>;

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
	refereeId: true,
	nextMatchId: true,
	loserMatchId: true,
	categoryId: true
} as const;

async function loadVenue(db: Client, venueId: string) {
	const venue = await db.venue.findUnique({
		where: { id: venueId },
		select: {
			id: true,
			editionId: true,
			nameZh: true,
			nameEn: true,
			tables: { orderBy: [{ sortOrder: 'asc' }, { label: 'asc' }], select: { id: true, kind: true, label: true } }
		}
	});
	if (!venue) throw userError('NOT_FOUND', 'errors.not_found');
	return venue;
}

/** The published matches that belong to the venue (by the kinds of tables it has). */
async function venueMatches(db: Client, venue: Awaited<ReturnType<typeof loadVenue>>) {
	const kinds = new Set(venue.tables.map((t) => t.kind));
	const sports = Object.entries(TABLE_KIND)
		.filter(([, kind]) => kinds.has(kind))
		.map(([sport]) => sport);
	const categories = await db.category.findMany({
		where: { editionId: venue.editionId, sport: { key: { in: sports } } },
		select: { id: true, code: true, nameZh: true, nameEn: true, formatConfig: true, sport: { select: { key: true } } }
	});
	const matches = await db.match.findMany({
		where: { categoryId: { in: categories.map((c) => c.id) }, draw: { publishedAt: { not: null } }, status: { not: 'bye' } },
		select: matchSelect,
		orderBy: [{ stage: 'asc' }, { round: 'asc' }, { position: 'asc' }]
	});
	const entryIds = [...new Set(matches.flatMap((m) => [m.entryAId, m.entryBId, ...(JSON.parse(m.players) as string[])]))].filter(
		(x): x is string => Boolean(x)
	);
	const entries = await db.entry.findMany({
		where: { id: { in: entryIds } },
		select: { id: true, athleteId: true, athlete: { select: { name: true, street: { select: { nameZh: true, nameEn: true } } } } }
	});
	return { categories, matches, entries };
}

type Loaded = Awaited<ReturnType<typeof venueMatches>>;

function toPlayMatches(loaded: Loaded, tablesByKind: Map<string, string[]>, slotMinutes: number): PlayMatch[] {
	const athleteOf = new Map(loaded.entries.map((e) => [e.id, e.athleteId]));
	const category = new Map(loaded.categories.map((c) => [c.id, c]));
	const feeders = new Map<string, string[]>();
	for (const m of loaded.matches) {
		for (const target of [m.nextMatchId, m.loserMatchId]) {
			if (target) feeders.set(target, [...(feeders.get(target) ?? []), m.id]);
		}
	}
	const ids = new Set(loaded.matches.map((m) => m.id));
	return loaded.matches.map((m) => {
		const c = category.get(m.categoryId);
		const minutes = c ? parseFormatConfig(c.formatConfig).matchMinutes : slotMinutes;
		const entryIds = [m.entryAId, m.entryBId, ...(JSON.parse(m.players) as string[])].filter((x): x is string => Boolean(x));
		return {
			id: m.id,
			players: entryIds.map((e) => athleteOf.get(e) ?? e),
			durationSlots: Math.max(1, Math.ceil(minutes / slotMinutes)),
			dependsOn: (feeders.get(m.id) ?? []).filter((f) => ids.has(f)),
			tables: tablesByKind.get(TABLE_KIND[c?.sport.key ?? ''] ?? '') ?? [],
			// earlier rounds first
			priority: -m.round
		};
	});
}

/** How the venue's slots map to clock times, read back from the matches already placed. */
function timing(matches: Loaded['matches'], fallbackMinutes: number) {
	const placed = matches.filter((m) => m.slot !== null && m.scheduledAt !== null) as Array<{ slot: number; scheduledAt: Date }>;
	const first = placed[0];
	let slotMinutes = fallbackMinutes;
	const other = placed.find((p) => first && p.slot !== first.slot);
	if (first && other) slotMinutes = Math.round((other.scheduledAt.getTime() - first.scheduledAt.getTime()) / 60000 / (other.slot - first.slot));
	const startAt = first ? new Date(first.scheduledAt.getTime() - first.slot * slotMinutes * 60000) : null;
	return { slotMinutes: slotMinutes > 0 ? slotMinutes : fallbackMinutes, startAt };
}

/**
 * Plans the order of play of a venue from `startAt` in slots of `slotMinutes`: every open match
 * (not called, live or finished) gets a table and a slot; called and live matches stay where they
 * are. Each table keeps its referee. Returns what could not be placed, with the reason.
 */
export async function planVenue(
	tx: Tx,
	actor: Actor,
	input: { venueId: string; startAt: string; slotMinutes: number; minRestSlots: number }
) {
	const venue = await loadVenue(tx, input.venueId);
	const loaded = await venueMatches(tx, venue);
	const tablesByKind = new Map<string, string[]>();
	for (const t of venue.tables) tablesByKind.set(t.kind, [...(tablesByKind.get(t.kind) ?? []), t.id]);
	const venueTables = new Set(venue.tables.map((t) => t.id));
	const refereeOfTable = new Map<string, string>();
	for (const m of loaded.matches) if (m.venueTableId && m.refereeId) refereeOfTable.set(m.venueTableId, m.refereeId);

	const open = loaded.matches.filter((m) => m.status === 'scheduled');
	const fixed = loaded.matches.filter(
		(m) => (m.status === 'called' || m.status === 'live') && m.venueTableId && venueTables.has(m.venueTableId) && m.slot !== null
	);
	const plan = toPlayMatches(
		{ ...loaded, matches: [...fixed, ...open] },
		tablesByKind,
		input.slotMinutes
	).map((p) => {
		const f = fixed.find((m) => m.id === p.id);
		return f ? { ...p, pinned: { tableId: f.venueTableId as string, slot: f.slot as number } } : p;
	});
	const result = orderOfPlay({
		matches: plan,
		tables: venue.tables.map((t) => ({ id: t.id, name: t.label })),
		options: { minRestSlots: input.minRestSlots }
	});
	const start = new Date(input.startAt);
	if (Number.isNaN(start.getTime())) throw userError('BAD_REQUEST', 'competition.schedule.bad_start');
	const placed = new Set<string>();
	for (const a of result.assignments) {
		if (fixed.some((m) => m.id === a.matchId)) continue;
		placed.add(a.matchId);
		const referee = refereeOfTable.get(a.tableId) ?? null;
		const current = open.find((m) => m.id === a.matchId);
		await tx.match.update({
			where: { id: a.matchId },
			data: {
				venueTableId: a.tableId,
				slot: a.slot,
				scheduledAt: new Date(start.getTime() + a.slot * input.slotMinutes * 60000),
				refereeId: current?.refereeId ?? referee
			}
		});
	}
	const unplaced = open.filter((m) => !placed.has(m.id)).map((m) => m.id);
	if (unplaced.length > 0) {
		await tx.match.updateMany({ where: { id: { in: unplaced } }, data: { venueTableId: null, slot: null, scheduledAt: null } });
	}
	await audit(tx, actor, {
		action: 'schedule.plan',
		entity: 'Venue',
		entityId: venue.id,
		after: { ...input, placed: placed.size, unscheduled: result.unscheduled.length }
	});
	return {
		placed: placed.size,
		unscheduled: result.unscheduled.map((u) => ({ matchId: u.matchId, code: u.code, params: u.params })),
		slotCount: result.slotCount,
		changed: [...placed, ...unplaced]
	};
}

/** Every conflict of the venue's current order of play. */
export async function venueConflicts(db: Client, venueId: string, minRestSlots: number): Promise<Conflict[]> {
	const venue = await loadVenue(db, venueId);
	const loaded = await venueMatches(db, venue);
	const tablesByKind = new Map<string, string[]>();
	for (const t of venue.tables) tablesByKind.set(t.kind, [...(tablesByKind.get(t.kind) ?? []), t.id]);
	const { slotMinutes } = timing(loaded.matches, 20);
	const active = loaded.matches.filter((m) => !isDone(m.status));
	const play = toPlayMatches({ ...loaded, matches: active }, tablesByKind, slotMinutes);
	const assignments = active
		.filter((m) => m.venueTableId && m.slot !== null)
		.map((m) => ({ matchId: m.id, tableId: m.venueTableId as string, slot: m.slot as number }));
	const assigned = new Set(assignments.map((a) => a.matchId));
	// a dependency that is not placed yet is not a conflict of what is placed
	const scoped = play
		.filter((p) => assigned.has(p.id))
		.map((p) => ({ ...p, dependsOn: (p.dependsOn ?? []).filter((d) => assigned.has(d)) }));
	return checkConflicts(assignments, scoped, {
		minRestSlots,
		tables: venue.tables.map((t) => ({ id: t.id, name: t.label }))
	});
}

/** Moves one match by hand to a table and slot (audited); returns the venue's conflicts now. */
export async function moveMatch(
	tx: Tx,
	actor: Actor,
	input: { matchId: string; venueTableId: string; slot: number; minRestSlots: number }
) {
	const match = await tx.match.findUnique({ where: { id: input.matchId }, select: { id: true, venueTableId: true, slot: true, status: true } });
	if (!match) throw userError('NOT_FOUND', 'errors.not_found');
	if (isDone(match.status)) throw userError('CONFLICT', 'competition.schedule.match_done');
	const table = await tx.venueTable.findUnique({ where: { id: input.venueTableId }, select: { id: true, venueId: true } });
	if (!table) throw userError('NOT_FOUND', 'errors.not_found');
	const venue = await loadVenue(tx, table.venueId);
	const loaded = await venueMatches(tx, venue);
	if (!loaded.matches.some((m) => m.id === match.id)) throw userError('BAD_REQUEST', 'competition.schedule.wrong_venue');
	const { slotMinutes, startAt } = timing(loaded.matches, 20);
	await tx.match.update({
		where: { id: match.id },
		data: {
			venueTableId: table.id,
			slot: input.slot,
			scheduledAt: startAt ? new Date(startAt.getTime() + input.slot * slotMinutes * 60000) : null
		}
	});
	await audit(tx, actor, {
		action: 'schedule.move',
		entity: 'Match',
		entityId: match.id,
		before: { venueTableId: match.venueTableId, slot: match.slot },
		after: { venueTableId: table.id, slot: input.slot }
	});
	const conflicts = await venueConflicts(tx, venue.id, input.minRestSlots);
	return { conflicts: conflicts.filter((c) => c.matchIds.includes(match.id)), all: conflicts.length };
}

/** Assigns a referee to a table: every open match on it gets that referee (audited). */
export async function assignTableReferee(tx: Tx, actor: Actor, input: { venueTableId: string; refereeId: string | null }) {
	if (input.refereeId) {
		const referee = await tx.user.findUnique({ where: { id: input.refereeId }, select: { role: true, active: true } });
		if (!referee || referee.role !== 'referee') throw userError('BAD_REQUEST', 'competition.schedule.not_referee');
	}
	const open = await tx.match.findMany({
		where: { venueTableId: input.venueTableId, status: { in: ['scheduled', 'called'] } },
		select: { id: true }
	});
	await tx.match.updateMany({ where: { id: { in: open.map((m) => m.id) } }, data: { refereeId: input.refereeId } });
	await audit(tx, actor, {
		action: 'schedule.referee',
		entity: 'VenueTable',
		entityId: input.venueTableId,
		after: { refereeId: input.refereeId, matches: open.length }
	});
	return { changed: open.map((m) => m.id) };
}

/** Assigns (or clears) the referee of one match (audited). */
export async function assignMatchReferee(tx: Tx, actor: Actor, input: { matchId: string; refereeId: string | null }) {
	if (input.refereeId) {
		const referee = await tx.user.findUnique({ where: { id: input.refereeId }, select: { role: true } });
		if (!referee || referee.role !== 'referee') throw userError('BAD_REQUEST', 'competition.schedule.not_referee');
	}
	const match = await tx.match.findUnique({ where: { id: input.matchId }, select: { id: true, refereeId: true } });
	if (!match) throw userError('NOT_FOUND', 'errors.not_found');
	await tx.match.update({ where: { id: match.id }, data: { refereeId: input.refereeId } });
	await audit(tx, actor, {
		action: 'schedule.match_referee',
		entity: 'Match',
		entityId: match.id,
		before: { refereeId: match.refereeId },
		after: { refereeId: input.refereeId }
	});
	return { changed: [match.id] };
}

export type ScheduleRow = {
	id: string;
	code: string;
	category: { id: string; code: string; nameZh: string; nameEn: string };
	status: string;
	slot: number | null;
	scheduledAt: string | null;
	table: { id: string; label: string; kind: string } | null;
	sides: Array<{ entryId: string; athleteId: string; name: string; street: { nameZh: string; nameEn: string } }>;
	refereeId: string | null;
};

/** The venue's order of play for the screens and print-outs (names and streets only). */
export async function scheduleView(db: Client & Pick<Db, 'user'>, venueId: string, minRestSlots = 1) {
	const venue = await loadVenue(db, venueId);
	const loaded = await venueMatches(db, venue);
	const category = new Map(loaded.categories.map((c) => [c.id, c]));
	const entry = new Map(loaded.entries.map((e) => [e.id, e]));
	const table = new Map(venue.tables.map((t) => [t.id, t]));
	const rows: ScheduleRow[] = loaded.matches.map((m) => {
		const c = category.get(m.categoryId);
		const ids = [m.entryAId, m.entryBId, ...(JSON.parse(m.players) as string[])].filter((x): x is string => Boolean(x));
		return {
			id: m.id,
			code: m.code,
			category: { id: c?.id ?? '', code: c?.code ?? '', nameZh: c?.nameZh ?? '', nameEn: c?.nameEn ?? '' },
			status: m.status,
			slot: m.slot,
			scheduledAt: m.scheduledAt?.toISOString() ?? null,
			table: m.venueTableId ? (table.get(m.venueTableId) ?? null) : null,
			sides: ids.map((id) => {
				const e = entry.get(id);
				return { entryId: id, athleteId: e?.athleteId ?? '', name: e?.athlete.name ?? '', street: e?.athlete.street ?? { nameZh: '', nameEn: '' } };
			}),
			refereeId: m.refereeId
		};
	});
	rows.sort((x, y) => (x.slot ?? 1e9) - (y.slot ?? 1e9) || (x.table?.label ?? '').localeCompare(y.table?.label ?? '', 'en', { numeric: true }));
	const referees = await db.user.findMany({ where: { role: 'referee', active: true }, select: { id: true, displayName: true }, orderBy: { username: 'asc' } });
	const conflicts = await venueConflicts(db, venueId, minRestSlots);
	const { slotMinutes, startAt } = timing(loaded.matches, 20);
	return {
		venue: { id: venue.id, nameZh: venue.nameZh, nameEn: venue.nameEn },
		tables: venue.tables,
		rows,
		referees,
		conflicts: conflicts.map((c) => ({ code: c.code, matchIds: c.matchIds, params: c.params })),
		slotMinutes,
		startAt: startAt?.toISOString() ?? null
	};
}
