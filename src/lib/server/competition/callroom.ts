/**
 * The call room (检录) on game day: calling a table's next match, recording a no-show as a
 * walkover (弃权) in every format, and absences announced in advance (a Swiss round not paired
 * yet: a zero- or half-point bye; any other format: a walkover of the match). The rules are
 * in `$lib/domain/callroom/callroom.ts` and the Swiss pairer; this module reads and writes,
 * each action in one transaction, audited; the router broadcasts the changed matches after.
 */
import type { Prisma } from '../db/generated/sqlite/client';
import type { Db } from '../db';
import { audit, type Actor } from '../audit';
import { userError } from '../trpc/errors';
import { nextToCall, noShowCheck, type CallRoomRefusal } from '$lib/domain/callroom/callroom';
import type { SessionUser } from '$lib/roles';
import { categorySettings } from './draws';
import type { Tx } from './matches';
import { onMatchFinished, recordWalkover } from './progress';

const actorOf = (user: Pick<SessionUser, 'id' | 'username'>): Actor => ({ id: user.id, label: `user:${user.username}` });

function refuse(refusal: CallRoomRefusal, code: 'CONFLICT' | 'BAD_REQUEST' = 'CONFLICT'): never {
	throw userError(code, refusal.code, refusal.params);
}

/** Multi-player formats (darts total score) have no opponent to award a walkover to. */
function playersKnown(m: { entryAId: string | null; entryBId: string | null; players: string; stage: string }): boolean {
	if (m.stage === 'total') return m.players !== '[]';
	return m.entryAId !== null && m.entryBId !== null;
}

/**
 * Calls the next match of a table (organizer, or the referee assigned to that match): the
 * match becomes 'called' with the time of the call, its log gets the `call` event the referee
 * console also writes. Refused while a match on the table is called or live.
 */
export async function callNextMatch(db: Db, user: SessionUser, input: { venueTableId: string }): Promise<{ matchId: string; code: string }> {
	return db.$transaction(async (tx) => {
		const table = await tx.venueTable.findUnique({ where: { id: input.venueTableId }, select: { id: true, label: true } });
		if (!table) throw userError('NOT_FOUND', 'errors.not_found');
		const matches = await tx.match.findMany({
			where: { venueTableId: table.id, status: { notIn: ['bye', 'cancelled'] }, draw: { publishedAt: { not: null } } },
			select: { id: true, status: true, slot: true, scheduledAt: true, code: true, entryAId: true, entryBId: true, players: true, stage: true, refereeId: true, version: true }
		});
		const next = nextToCall(matches.map((m) => ({ ...m, playersKnown: playersKnown(m) })));
		if (!next.ok) refuse(next.refusal);
		const match = matches.find((m) => m.id === next.match.id)!;
		if (user.role !== 'organizer' && match.refereeId !== user.id) throw userError('FORBIDDEN', 'scoring.errors.not_assigned');
		const now = new Date();
		const version = match.version + 1;
		const updated = await tx.match.updateMany({
			where: { id: match.id, version: match.version, status: 'scheduled' },
			data: { status: 'called', calledAt: now, version }
		});
		if (updated.count !== 1) throw userError('CONFLICT', 'callroom.refused.changed');
		await tx.matchEvent.create({
			data: { matchId: match.id, seq: version, opId: `call:${match.id}:${version}`, event: JSON.stringify({ type: 'call' }), actorId: user.id },
			select: { id: true }
		});
		await audit(tx, actorOf(user), {
			action: 'match.call',
			entity: 'Match',
			entityId: match.id,
			before: { status: 'scheduled', version: match.version },
			after: { status: 'called', version, table: table.label }
		});
		return { matchId: match.id, code: match.code };
	});
}

/**
 * Records that a player did not come: `absent` ('A', 'B', or 'both' — a double forfeit, Swiss
 * only) loses by walkover, after the category's no-show minutes since the call; an organizer
 * may also record it in advance on a match not called yet. Knockout: the opponent advances;
 * groups: 0 match points for the absent player; Swiss: a forfeit, not a played game. Returns
 * the ids of every match that changed (for the broadcast).
 */
export async function recordNoShow(
	db: Db,
	user: SessionUser,
	input: { matchId: string; absent: 'A' | 'B' | 'both'; now?: Date }
): Promise<{ changed: string[] }> {
	return db.$transaction(async (tx) => {
		const match = await tx.match.findUnique({
			where: { id: input.matchId },
			select: {
				id: true,
				code: true,
				stage: true,
				status: true,
				calledAt: true,
				refereeId: true,
				entryAId: true,
				entryBId: true,
				category: { select: { id: true, code: true, format: true, formatConfig: true } }
			}
		});
		if (!match) throw userError('NOT_FOUND', 'scoring.errors.match_not_found');
		if (user.role !== 'organizer' && match.refereeId !== user.id) throw userError('FORBIDDEN', 'scoring.errors.not_assigned');
		if (match.stage === 'total') throw userError('BAD_REQUEST', 'callroom.refused.multi_player');
		if (!match.entryAId || !match.entryBId) throw userError('BAD_REQUEST', 'scoring.errors.players_unknown');
		const { format, config } = categorySettings(match.category);
		if (input.absent === 'both' && format !== 'swiss') throw userError('BAD_REQUEST', 'callroom.refused.both_swiss_only');
		const check = noShowCheck({
			status: match.status,
			calledAt: match.calledAt,
			now: input.now ?? new Date(),
			noShowMinutes: config.noShowMinutes,
			advance: user.role === 'organizer'
		});
		if (!check.ok) refuse(check.refusal);
		await recordWalkover(tx, match.id, input.absent, user.id);
		const changed = [match.id, ...(await onMatchFinished(tx, match.id))];
		await audit(tx, actorOf(user), {
			action: 'match.no_show',
			entity: 'Match',
			entityId: match.id,
			before: { status: match.status },
			after: { status: 'walkover', absent: input.absent, changed }
		});
		return { changed: [...new Set(changed)] };
	});
}

/** Whether a Swiss round has been paired already (a draw for it exists, published or not). */
async function roundPaired(tx: Tx, categoryId: string, round: number): Promise<boolean> {
	return (await tx.draw.count({ where: { categoryId, stage: 'swiss', round } })) > 0;
}

async function swissCategory(tx: Tx, categoryId: string) {
	const category = await tx.category.findUnique({
		where: { id: categoryId },
		select: { id: true, code: true, format: true, formatConfig: true, status: true }
	});
	if (!category) throw userError('NOT_FOUND', 'errors.not_found');
	const settings = categorySettings(category);
	if (settings.format !== 'swiss') throw userError('BAD_REQUEST', 'callroom.refused.absence_swiss_only');
	if (category.status === 'finished') throw userError('CONFLICT', 'competition.refused.finished');
	return { category, ...settings };
}

/**
 * Marks a Swiss player absent for a round not paired yet: the pairer leaves them out and the
 * round counts as a zero- or half-point bye (the category's `absenceBye`, fixed now). Idempotent:
 * announcing the same absence twice changes nothing.
 */
export async function announceAbsence(
	db: Db,
	user: SessionUser,
	input: { categoryId: string; entryId: string; round: number; reason: string }
): Promise<{ round: number; points: 'zero' | 'half' }> {
	return db.$transaction(async (tx) => {
		const { category, config } = await swissCategory(tx, input.categoryId);
		if (input.round > config.swissRounds) throw userError('BAD_REQUEST', 'callroom.refused.round_out_of_range', { rounds: config.swissRounds });
		const entry = await tx.entry.findFirst({ where: { id: input.entryId, categoryId: category.id }, select: { id: true, status: true } });
		if (!entry) throw userError('NOT_FOUND', 'errors.not_found');
		if (entry.status === 'withdrawn') throw userError('CONFLICT', 'competition.refused.already_withdrawn');
		if (entry.status !== 'approved') throw userError('CONFLICT', 'callroom.refused.not_in_field');
		const existing = await tx.roundAbsence.findUnique({
			where: { categoryId_entryId_round: { categoryId: category.id, entryId: entry.id, round: input.round } },
			select: { points: true }
		});
		if (existing) return { round: input.round, points: existing.points === 'half' ? 'half' : 'zero' };
		if (await roundPaired(tx, category.id, input.round)) throw userError('CONFLICT', 'callroom.refused.round_paired', { round: input.round });
		await tx.roundAbsence.create({
			data: { categoryId: category.id, entryId: entry.id, round: input.round, points: config.absenceBye, reason: input.reason, createdById: user.id },
			select: { id: true }
		});
		await audit(tx, actorOf(user), {
			action: 'swiss.absence',
			entity: 'Entry',
			entityId: entry.id,
			after: { categoryId: category.id, round: input.round, points: config.absenceBye, reason: input.reason }
		});
		return { round: input.round, points: config.absenceBye };
	});
}

/** Takes back an absence while its round is not paired yet (the player will be paired). */
export async function withdrawAbsence(db: Db, user: SessionUser, input: { categoryId: string; entryId: string; round: number }): Promise<{ removed: boolean }> {
	return db.$transaction(async (tx) => {
		const { category } = await swissCategory(tx, input.categoryId);
		if (await roundPaired(tx, category.id, input.round)) throw userError('CONFLICT', 'callroom.refused.round_paired', { round: input.round });
		const removed = await tx.roundAbsence.deleteMany({ where: { categoryId: category.id, entryId: input.entryId, round: input.round } });
		if (removed.count > 0) {
			await audit(tx, actorOf(user), {
				action: 'swiss.absence_withdrawn',
				entity: 'Entry',
				entityId: input.entryId,
				after: { categoryId: category.id, round: input.round }
			});
		}
		return { removed: removed.count > 0 };
	});
}

/** The absences announced in a Swiss category, with the player's name (organizer page). */
export async function listAbsences(db: Db, categoryId: string) {
	const rows = await db.roundAbsence.findMany({
		where: { categoryId },
		orderBy: [{ round: 'asc' }, { createdAt: 'asc' }],
		select: { entryId: true, round: true, points: true, reason: true, createdAt: true, entry: { select: { athlete: { select: { name: true } } } } }
	});
	return rows.map((r) => ({ entryId: r.entryId, name: r.entry.athlete.name, round: r.round, points: r.points, reason: r.reason, createdAt: r.createdAt.toISOString() }));
}

/**
 * What the organizer's absence form needs for a Swiss category: the bye an absence scores
 * (the category's `absenceBye`), the rounds not paired yet (the only ones an absence can still
 * be announced or taken back for), the players in the field and the absences so far. Refused
 * for other formats (their no-show is a walkover of the match).
 */
export async function absencePanel(db: Db, categoryId: string) {
	const category = await db.category.findUnique({ where: { id: categoryId }, select: { id: true, code: true, format: true, formatConfig: true, status: true } });
	if (!category) throw userError('NOT_FOUND', 'errors.not_found');
	const settings = categorySettings(category);
	if (settings.format !== 'swiss') throw userError('BAD_REQUEST', 'callroom.refused.absence_swiss_only');
	const [paired, players, absences] = await Promise.all([
		db.draw.findMany({ where: { categoryId, stage: 'swiss' }, select: { round: true } }),
		db.entry.findMany({ where: { categoryId, status: 'approved' }, select: { id: true, athlete: { select: { name: true } } } }),
		listAbsences(db, categoryId)
	]);
	const pairedRounds = new Set(paired.map((d) => d.round));
	const finished = category.status === 'finished';
	return {
		points: settings.config.absenceBye,
		totalRounds: settings.config.swissRounds,
		openRounds: finished ? [] : Array.from({ length: settings.config.swissRounds }, (_, i) => i + 1).filter((r) => !pairedRounds.has(r)),
		players: players.map((e) => ({ entryId: e.id, name: e.athlete.name })).sort((x, y) => x.name.localeCompare(y.name, 'zh-CN')),
		absences
	};
}

const boardSelect = {
	id: true,
	code: true,
	status: true,
	slot: true,
	scheduledAt: true,
	calledAt: true,
	stage: true,
	round: true,
	entryAId: true,
	entryBId: true,
	players: true,
	category: { select: { id: true, code: true, nameZh: true, nameEn: true } },
	venueTable: { select: { id: true, label: true, kind: true, sortOrder: true, venue: { select: { id: true, nameZh: true, nameEn: true, sortOrder: true } } } }
} satisfies Prisma.MatchSelect;

/** One line of the call room: who is called (or next) to which table, and when. Names only. */
export interface CallRoomLine {
	matchId: string;
	code: string;
	status: string;
	category: { id: string; code: string; nameZh: string; nameEn: string };
	table: { id: string; label: string; kind: string; venueId: string };
	names: string[];
	streets: Array<{ code: string; nameZh: string; nameEn: string }>;
	scheduledAt: string | null;
	calledAt: string | null;
	/** When a no-show may be recorded (called matches only). */
	noShowFrom: string | null;
}

/**
 * The call-room board of the current edition (optionally one venue): every called match, and
 * for each table the next match to call. Public: names, streets, table and times only.
 */
export async function callRoomBoard(db: Db, venueId?: string): Promise<{ venues: Array<{ id: string; nameZh: string; nameEn: string }>; called: CallRoomLine[]; next: CallRoomLine[] }> {
	const edition = await db.edition.findFirst({ where: { current: true }, select: { id: true } });
	const editionId = edition?.id ?? '';
	const venues = await db.venue.findMany({ where: { editionId }, orderBy: { sortOrder: 'asc' }, select: { id: true, nameZh: true, nameEn: true } });
	const scope: Prisma.MatchWhereInput = {
		category: { editionId },
		venueTableId: venueId ? { in: (await db.venueTable.findMany({ where: { venueId }, select: { id: true } })).map((t) => t.id) } : { not: null },
		draw: { publishedAt: { not: null } }
	};
	const rows = await db.match.findMany({ where: { ...scope, status: { in: ['called', 'live', 'scheduled'] } }, select: boardSelect });
	const ids = [...new Set(rows.flatMap((r) => [r.entryAId, r.entryBId, ...parseIds(r.players)]).filter((x): x is string => Boolean(x)))];
	const entries = ids.length
		? await db.entry.findMany({ where: { id: { in: ids } }, select: { id: true, athlete: { select: { name: true, street: { select: { code: true, nameZh: true, nameEn: true } } } } } })
		: [];
	const byId = new Map(entries.map((e) => [e.id, e.athlete]));
	const settings = new Map<string, number>();
	const noShowMinutes = async (categoryId: string): Promise<number> => {
		if (!settings.has(categoryId)) {
			const c = await db.category.findUniqueOrThrow({ where: { id: categoryId }, select: { format: true, formatConfig: true, code: true } });
			let minutes = 10;
			try {
				minutes = categorySettings(c).config.noShowMinutes;
			} catch {
				// invalid settings are reported on the programme page; the board keeps the default
			}
			settings.set(categoryId, minutes);
		}
		return settings.get(categoryId)!;
	};
	const line = async (r: (typeof rows)[number]): Promise<CallRoomLine> => {
		const people = (r.stage === 'total' ? parseIds(r.players) : [r.entryAId, r.entryBId]).map((id) => (id ? byId.get(id) : undefined)).filter((a) => a !== undefined);
		const minutes = r.status === 'called' && r.calledAt ? await noShowMinutes(r.category.id) : null;
		return {
			matchId: r.id,
			code: r.code,
			status: r.status,
			category: r.category,
			table: { id: r.venueTable!.id, label: r.venueTable!.label, kind: r.venueTable!.kind, venueId: r.venueTable!.venue.id },
			names: people.map((a) => a.name),
			streets: people.map((a) => a.street),
			scheduledAt: r.scheduledAt?.toISOString() ?? null,
			calledAt: r.calledAt?.toISOString() ?? null,
			noShowFrom: minutes !== null && r.calledAt ? new Date(r.calledAt.getTime() + minutes * 60_000).toISOString() : null
		};
	};
	const tableOrder = (r: (typeof rows)[number]) => [r.venueTable!.venue.sortOrder, r.venueTable!.sortOrder, r.venueTable!.label] as const;
	const compare = (a: (typeof rows)[number], b: (typeof rows)[number]) => {
		const [av, at, al] = tableOrder(a);
		const [bv, bt, bl] = tableOrder(b);
		return av - bv || at - bt || al.localeCompare(bl);
	};
	const called = rows.filter((r) => r.status === 'called').sort(compare);
	// per table with nothing called or live: the match it calls next
	const byTable = new Map<string, Array<(typeof rows)[number]>>();
	for (const r of rows) byTable.set(r.venueTable!.id, [...(byTable.get(r.venueTable!.id) ?? []), r]);
	const next: Array<(typeof rows)[number]> = [];
	for (const list of byTable.values()) {
		const pick = nextToCall(list.map((m) => ({ ...m, playersKnown: playersKnown(m) })));
		if (pick.ok) next.push(list.find((m) => m.id === pick.match.id)!);
	}
	next.sort(compare);
	return {
		venues,
		called: await Promise.all(called.map(line)),
		next: await Promise.all(next.map(line))
	};
}

function parseIds(text: string): string[] {
	try {
		const parsed: unknown = JSON.parse(text);
		return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
	} catch {
		return [];
	}
}
