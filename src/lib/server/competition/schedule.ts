/**
 * The order of play of a venue: which matches go on which table (table tennis), board (xiangqi)
 * or lane (darts) when, with the referee of each table. Every rule is the domain's
 * (`src/lib/domain/schedule/`): the scheduler and the conflicts panel use the same constraint
 * function, with the real fixed matches (finished, live, called, other venues'). This file reads
 * and writes the rows, asks the organizer to confirm moves of published matches, and audits.
 */
import { checkSchedule, moveConflicts } from '$lib/domain/schedule/constraints';
import { formatTime } from '$lib/i18n/time';
import { editionTimeZone } from '../clock';
import { planSchedule } from '$lib/domain/schedule/scheduler';
import type { Conflict, Move } from '$lib/domain/schedule/types';
import { audit, type Actor } from '../audit';
import { userError } from '../trpc/errors';
import { chunked } from '../db/batches';
import { parseFormatConfig } from './formatConfig';
import type { Tx } from './matches';
import {
	describeMoves,
	loadSchedule,
	placeColumns,
	sidesOf,
	timing,
	toDomain,
	type AffectedMatch,
	type ScheduleClient,
	type ScheduleData
} from './scheduleData';

export { TABLE_KIND } from './scheduleData';

const MINUTE = 60_000;

/**
 * Writes the moves (new table, time, slot and referee) and returns the ids changed. Called by
 * the planner and the delay tools. A plan moves hundreds of matches but onto few distinct times
 * and tables, so the rows are written with one `updateMany` per distinct start time (slot and
 * time) and one per distinct table and referee, instead of one UPDATE per match (600 single
 * updates took 1.7 s on PostgreSQL).
 */
export async function writeMoves(tx: Tx, moves: readonly Move[], origin: number, slotMinutes: number) {
	const cleared: string[] = [];
	const byStart = new Map<number, string[]>();
	const byPlace = new Map<string, { tableId: string; refereeId: string | null; ids: string[] }>();
	for (const mv of moves) {
		if (!mv.to) {
			cleared.push(mv.matchId);
			continue;
		}
		const times = byStart.get(mv.to.start);
		if (times) times.push(mv.matchId);
		else byStart.set(mv.to.start, [mv.matchId]);
		const key = `${mv.to.tableId}\u0000${mv.to.refereeId ?? ''}`;
		const place = byPlace.get(key);
		if (place) place.ids.push(mv.matchId);
		else byPlace.set(key, { tableId: mv.to.tableId, refereeId: mv.to.refereeId, ids: [mv.matchId] });
	}
	for (const ids of chunked(cleared)) {
		await tx.match.updateMany({ where: { id: { in: ids } }, data: placeColumns(null, origin, slotMinutes) });
	}
	for (const [start, all] of byStart) {
		const { slot, scheduledAt } = placeColumns({ matchId: '', tableId: '', start, end: start, refereeId: null }, origin, slotMinutes);
		for (const ids of chunked(all)) await tx.match.updateMany({ where: { id: { in: ids } }, data: { slot, scheduledAt } });
	}
	for (const { tableId, refereeId, ids: all } of byPlace.values()) {
		for (const ids of chunked(all)) {
			await tx.match.updateMany({ where: { id: { in: ids } }, data: { venueTableId: tableId, refereeId } });
		}
	}
	return moves.map((m) => m.matchId);
}

/** The audit record of a move: where from, where to. */
export function movesForAudit(moves: readonly Move[]) {
	return moves.map((m) => ({
		matchId: m.matchId,
		published: m.published,
		from: m.from ? { tableId: m.from.tableId, at: new Date(m.from.start).toISOString() } : null,
		to: m.to ? { tableId: m.to.tableId, at: new Date(m.to.start).toISOString() } : null
	}));
}

/**
 * Plans the order of play of a venue from `startAt` on a grid of `slotMinutes`: finished, live
 * and called matches (and other venues' placed ones) stay and occupy; valid placements stay;
 * the rest is placed, never before now. When a published match has to move, nothing is written
 * unless `confirm` is set: the answer lists who is affected instead.
 */
export async function planVenue(
	tx: Tx,
	actor: Actor,
	input: { venueId: string; startAt: string; slotMinutes: number; minRestSlots: number; confirm?: boolean; replan?: boolean },
	now = new Date()
) {
	const origin = new Date(input.startAt).getTime();
	if (Number.isNaN(origin)) throw userError('BAD_REQUEST', 'competition.schedule.bad_start');
	const data = await loadSchedule(tx, input.venueId, now);
	const { tables, matches, rules } = toDomain(data, input.minRestSlots, input.slotMinutes);
	const result = planSchedule({
		matches,
		tables,
		rules,
		origin,
		stepMinutes: input.slotMinutes,
		notBefore: now.getTime(),
		movePublished: 'ifNeeded',
		replan: input.replan === true
	});
	const published = result.moves.filter((m) => m.published);
	const base = {
		unscheduled: result.unscheduled.map((u) => ({ matchId: u.matchId, code: u.code, params: u.params })),
		affected: describeMoves(data, published)
	};
	if (published.length > 0 && input.confirm !== true) {
		return { ...base, needsConfirmation: true as const, placed: 0, moved: 0, changed: [] as string[] };
	}
	const changed = await writeMoves(tx, result.moves, origin, input.slotMinutes);
	await audit(tx, actor, {
		action: 'schedule.plan',
		entity: 'Venue',
		entityId: data.venue.id,
		after: {
			startAt: input.startAt,
			slotMinutes: input.slotMinutes,
			minRestSlots: input.minRestSlots,
			moves: movesForAudit(result.moves),
			unscheduled: result.unscheduled.length
		}
	});
	const placed = result.moves.filter((m) => m.from === null && m.to !== null).length;
	return { ...base, needsConfirmation: false as const, placed, moved: result.moves.length, changed };
}

/** The conflicts of the venue's current order of play, by the same rules the scheduler keeps
 *  (only those that involve one of the venue's matches). */
export function conflictsOf(data: ScheduleData, minRestSlots: number): Conflict[] {
	const { slotMinutes } = timing(data.own);
	const { tables, matches, rules } = toDomain(data, minRestSlots, slotMinutes, { overrunMinutes: 1 });
	const own = new Set(data.own.map((m) => m.id));
	return checkSchedule({ matches, tables, rules }).filter((c) => c.matchIds.some((id) => own.has(id)));
}

/** Every conflict of the venue's current order of play. */
export async function venueConflicts(db: ScheduleClient, venueId: string, minRestSlots: number): Promise<Conflict[]> {
	return conflictsOf(await loadSchedule(db, venueId), minRestSlots);
}

/** Publishes the venue's order of play: every placed match gets its publication time, so later
 *  moves need the organizer's confirmation (audited). */
export async function publishSchedule(tx: Tx, actor: Actor, input: { venueId: string }, now = new Date()) {
	const data = await loadSchedule(tx, input.venueId, now);
	const ids = data.own
		.filter((m) => m.status === 'scheduled' && m.venueTableId && m.scheduledAt && !m.schedulePublishedAt)
		.map((m) => m.id);
	await tx.match.updateMany({ where: { id: { in: ids } }, data: { schedulePublishedAt: now } });
	await audit(tx, actor, { action: 'schedule.publish', entity: 'Venue', entityId: data.venue.id, after: { matches: ids.length } });
	return { published: ids.length, changed: ids };
}

/** A conflict's parameters for a person: match codes, table labels, names, local times. */
async function namedParams(tx: Tx, data: ScheduleData, c: Conflict): Promise<Record<string, string | number>> {
	const zone = await editionTimeZone(tx);
	const code = new Map(data.rows.map((m) => [m.id, m.code]));
	const table = new Map(data.venue.tables.map((t) => [t.id, t.label]));
	const athlete = new Map(data.entries.map((e) => [e.athleteId, e.athlete.name]));
	const referee = new Map(data.referees.map((r) => [r.id, r.displayName]));
	const out: Record<string, string | number> = {};
	for (const [k, v] of Object.entries(c.params)) {
		if ((k === 'time' || k === 'from') && typeof v === 'number') out[k] = formatTime(new Date(v), { locale: 'zh-CN', timeZone: zone, style: 'time' });
		else if (typeof v === 'string') out[k] = code.get(v) ?? table.get(v) ?? athlete.get(v) ?? referee.get(v) ?? v;
		else out[k] = v;
	}
	return out;
}

/**
 * Moves one match by hand to a table and slot (audited). The move is checked first by the
 * domain's `moveConflicts` — the scheduler's rule book plus: nothing into the past, a published
 * match never earlier — and refused with the first reason, changing nothing. Called, live and
 * finished matches never move; a published one only with `confirm` (the answer without it
 * lists who is affected).
 */
export async function moveMatch(
	tx: Tx,
	actor: Actor,
	input: { matchId: string; venueTableId: string; slot: number; minRestSlots: number; confirm?: boolean },
	now = new Date()
) {
	const match = await tx.match.findUnique({
		where: { id: input.matchId },
		select: { id: true, venueTableId: true, slot: true, scheduledAt: true, status: true, schedulePublishedAt: true, refereeId: true }
	});
	if (!match) throw userError('NOT_FOUND', 'errors.not_found');
	if (match.status !== 'scheduled') throw userError('CONFLICT', 'orderOfPlay.match_fixed');
	const table = await tx.venueTable.findUnique({ where: { id: input.venueTableId }, select: { id: true, venueId: true } });
	if (!table) throw userError('NOT_FOUND', 'errors.not_found');
	const data = await loadSchedule(tx, table.venueId, now);
	if (!data.own.some((m) => m.id === match.id)) throw userError('BAD_REQUEST', 'competition.schedule.wrong_venue');
	const { slotMinutes, startAt } = timing(data.own);
	if (startAt === null) throw userError('CONFLICT', 'orderOfPlay.not_planned');
	const start = startAt + input.slot * slotMinutes * MINUTE;
	const domain = toDomain(data, input.minRestSlots, slotMinutes, { overrunMinutes: 1 });
	const refused = moveConflicts({ ...domain, matchId: match.id, to: { tableId: table.id, start }, notBefore: now.getTime() })[0];
	if (refused) throw userError('CONFLICT', refused.code, await namedParams(tx, data, refused));
	const from =
		match.venueTableId && match.scheduledAt
			? { matchId: match.id, tableId: match.venueTableId, start: match.scheduledAt.getTime(), end: 0, refereeId: match.refereeId }
			: null;
	const move: Move = {
		matchId: match.id,
		published: match.schedulePublishedAt !== null,
		from,
		to: { matchId: match.id, tableId: table.id, start, end: 0, refereeId: match.refereeId }
	};
	if (move.published && input.confirm !== true) {
		return { needsConfirmation: true as const, affected: describeMoves(data, [move]), conflicts: [], all: 0 };
	}
	await tx.match.update({
		where: { id: match.id },
		data: { venueTableId: table.id, slot: input.slot, scheduledAt: new Date(start) }
	});
	await audit(tx, actor, {
		action: 'schedule.move',
		entity: 'Match',
		entityId: match.id,
		before: { venueTableId: match.venueTableId, slot: match.slot, scheduledAt: match.scheduledAt?.toISOString() ?? null },
		after: { venueTableId: table.id, slot: input.slot, scheduledAt: new Date(start).toISOString(), published: move.published }
	});
	const conflicts = await venueConflicts(tx, table.venueId, input.minRestSlots);
	return {
		needsConfirmation: false as const,
		affected: describeMoves(data, [move]),
		conflicts: conflicts.filter((c) => c.matchIds.includes(match.id)),
		all: conflicts.length
	};
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
	/** minutes the match takes (its category's `matchMinutes`): it holds its table until then */
	minutes: number;
	published: boolean;
	table: { id: string; label: string; kind: string } | null;
	sides: Array<{ entryId: string; athleteId: string; name: string; street: { nameZh: string; nameEn: string } }>;
	refereeId: string | null;
};

/** The venue's order of play for the screens and print-outs (names and streets only). */
export async function scheduleView(db: ScheduleClient, venueId: string, minRestSlots = 1) {
	const data = await loadSchedule(db, venueId);
	const category = new Map(data.categories.map((c) => [c.id, c]));
	const minutes = new Map(data.categories.map((c) => [c.id, parseFormatConfig(c.formatConfig).matchMinutes]));
	const entry = new Map(data.entries.map((e) => [e.id, e]));
	const table = new Map(data.venue.tables.map((t) => [t.id, { id: t.id, label: t.label, kind: t.kind }]));
	const rows: ScheduleRow[] = data.own.map((m) => {
		const c = category.get(m.categoryId);
		return {
			id: m.id,
			code: m.code,
			category: { id: c?.id ?? '', code: c?.code ?? '', nameZh: c?.nameZh ?? '', nameEn: c?.nameEn ?? '' },
			status: m.status,
			slot: m.slot,
			scheduledAt: m.scheduledAt?.toISOString() ?? null,
			minutes: minutes.get(m.categoryId) ?? 20,
			published: m.schedulePublishedAt !== null,
			table: m.venueTableId ? (table.get(m.venueTableId) ?? null) : null,
			sides: sidesOf(m).map((id) => {
				const e = entry.get(id);
				return { entryId: id, athleteId: e?.athleteId ?? '', name: e?.athlete.name ?? '', street: e?.athlete.street ?? { nameZh: '', nameEn: '' } };
			}),
			refereeId: m.refereeId
		};
	});
	rows.sort(
		(x, y) =>
			(x.scheduledAt ?? '9').localeCompare(y.scheduledAt ?? '9') ||
			(x.table?.label ?? '').localeCompare(y.table?.label ?? '', 'en', { numeric: true })
	);
	const conflicts = conflictsOf(data, minRestSlots);
	const { slotMinutes, startAt } = timing(data.own);
	// athletes and referees of other venues named in conflicts
	const names: Record<string, string> = {};
	for (const e of data.entries) names[e.athleteId] = e.athlete.name;
	for (const r of data.referees) names[r.id] = r.displayName;
	for (const m of data.rows) names[m.id] = m.code;
	return {
		venue: { id: data.venue.id, nameZh: data.venue.nameZh, nameEn: data.venue.nameEn },
		tables: data.venue.tables,
		rows,
		referees: data.referees.filter((r) => r.active).map((r) => ({ id: r.id, displayName: r.displayName })),
		conflicts: conflicts.map((c) => ({ code: c.code, matchIds: c.matchIds, params: c.params })),
		names: Object.fromEntries(
			Object.entries(names).filter(([id]) => conflicts.some((c) => Object.values(c.params).includes(id)))
		),
		slotMinutes,
		startAt: startAt === null ? null : new Date(startAt).toISOString()
	};
}

export type { AffectedMatch };
