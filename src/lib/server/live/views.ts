/**
 * Builds the public live views from the database: one match, the matches being played,
 * a category's matches, a venue's tables, a street's entries and results, and the medal
 * table. Used for the first server-side render of the live pages (through the `live`
 * router), for the snapshot a reconnecting client gets when its gap is too old, and by
 * `broadcastMatch`. Explicit selects: names, streets and scores only, never a personal number.
 * Only public matches (the draw's visibility rule, `isMatchPublic`) ever get a view: a match of
 * an unpublished draw has no view, so it is in no list, no snapshot and no broadcast.
 */
import { z } from 'zod';
import type { Db } from '../db';
import type { Prisma } from '../db/generated/sqlite/client';
import { artAwardsByStreet } from '../art/awards';
import type {
	CategoryLive,
	MedalRow,
	MedalTable,
	NowPlaying,
	PublicMatchView,
	PublicStreet,
	Side,
	StreetLive,
	VenueLive
} from '$lib/realtime/views';
import { byTable } from '$lib/realtime/views';
import { parseRoom } from '$lib/realtime/events';
import { isMatchPublic } from '$lib/domain/draws/visibility';
import { publicMatchWhere } from '../competition/visibility';

const streetSelect = { id: true, code: true, nameZh: true, nameEn: true } satisfies Prisma.StreetSelect;

const matchSelect = {
	id: true,
	code: true,
	categoryId: true,
	category: { select: { code: true, nameZh: true, nameEn: true, format: true, sport: { select: { key: true } } } },
	status: true,
	version: true,
	stage: true,
	round: true,
	groupLabel: true,
	entryAId: true,
	entryBId: true,
	players: true,
	winnerEntryId: true,
	summary: true,
	updatedAt: true,
	scheduledAt: true,
	calledAt: true,
	venueTable: { select: { id: true, label: true, kind: true, venueId: true } },
	draw: { select: { publishedAt: true } }
} satisfies Prisma.MatchSelect;

type MatchRow = Prisma.MatchGetPayload<{ select: typeof matchSelect }>;

const entrySelect = {
	id: true,
	athlete: { select: { name: true, street: { select: streetSelect } } }
} satisfies Prisma.EntrySelect;

/** The engine a category plays with, as the live pages need to read its summary. */
export function sportOf(category: { format: string; sport: { key: string } }): string {
	return category.format === 'dartsTotal' ? 'dartsTotal' : category.sport.key;
}

function parseSummary(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return {};
	}
}

function playerIds(text: string): string[] {
	const parsed = parseSummary(text);
	return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string').slice(0, 200) : [];
}

/** Which side won, from the winner's entry id (null while undecided). */
function winnerSide(m: { winnerEntryId: string | null; entryAId: string | null; entryBId: string | null }): Side | null {
	if (!m.winnerEntryId) return null;
	return m.winnerEntryId === m.entryAId ? 'A' : m.winnerEntryId === m.entryBId ? 'B' : null;
}

async function toViews(db: Db, all: MatchRow[]): Promise<PublicMatchView[]> {
	// the rule again on every row, whatever filter the caller passed
	const rows = all.filter(isMatchPublic);
	const ids = [
		...new Set(rows.flatMap((m) => [m.entryAId, m.entryBId, ...playerIds(m.players)]).filter((id): id is string => Boolean(id)))
	];
	const entries = ids.length ? await db.entry.findMany({ where: { id: { in: ids } }, select: entrySelect }) : [];
	const byId = new Map(entries.map((e) => [e.id, e]));
	const side = (id: string | null) => {
		const entry = id ? byId.get(id) : undefined;
		return entry ? { entryId: entry.id, name: entry.athlete.name, street: entry.athlete.street } : null;
	};
	return rows.map((m) => {
		const winner = winnerSide(m);
		return {
			id: m.id,
			code: m.code,
			categoryId: m.categoryId,
			category: { code: m.category.code, nameZh: m.category.nameZh, nameEn: m.category.nameEn, sport: sportOf(m.category) },
			status: m.status,
			version: m.version,
			stage: m.stage,
			round: m.round,
			groupLabel: m.groupLabel,
			table: m.venueTable,
			sideA: side(m.entryAId),
			sideB: side(m.entryBId),
			players: playerIds(m.players)
				.map(side)
				.filter((p) => p !== null),
			winner,
			summary: parseSummary(m.summary),
			updatedAt: m.updatedAt.toISOString(),
			scheduledAt: m.scheduledAt?.toISOString() ?? null,
			calledAt: m.calledAt?.toISOString() ?? null
		};
	});
}

/** The public views of the public matches among those `where` selects, in the given order. */
export async function publicMatchViews(
	db: Db,
	where: Prisma.MatchWhereInput,
	options: { orderBy?: Prisma.MatchOrderByWithRelationInput[]; take?: number } = {}
): Promise<PublicMatchView[]> {
	const rows = await db.match.findMany({ where: { AND: [where, publicMatchWhere] }, select: matchSelect, orderBy: options.orderBy, take: options.take });
	return toViews(db, rows);
}

/** The public view of one match (null if it does not exist). */
export async function publicMatchView(db: Db, matchId: string): Promise<PublicMatchView | null> {
	const [view] = await publicMatchViews(db, { id: matchId });
	if (view) rememberStatic(view);
	return view ?? null;
}

/**
 * The parts of a match view that do not change while it is scored (names, streets, event,
 * table), kept briefly so that a broadcast after each point costs one small query. A change
 * of players or table (or a minute passing) reloads them.
 */
const staticParts = new Map<string, { at: number; view: PublicMatchView; key: string }>();
const STATIC_MS = 60_000;
const staticKey = (m: { entryAId: string | null; entryBId: string | null; venueTableId: string | null; players: string }) =>
	`${m.entryAId}|${m.entryBId}|${m.venueTableId}|${m.players}`;

function rememberStatic(view: PublicMatchView): void {
	if (staticParts.size > 5_000) staticParts.clear();
	const key = staticKey({
		entryAId: view.sideA?.entryId ?? null,
		entryBId: view.sideB?.entryId ?? null,
		venueTableId: view.table?.id ?? null,
		players: JSON.stringify(view.players.map((p) => p.entryId))
	});
	staticParts.set(view.id, { at: Date.now(), view, key });
}

/** The fields of a match row that change while it is scored (and the keys of its unchanging parts). */
export interface MatchScoreRow {
	code: string;
	stage: string;
	round: number;
	groupLabel: string | null;
	status: string;
	version: number;
	summary: string;
	winnerEntryId: string | null;
	updatedAt: Date;
	entryAId: string | null;
	entryBId: string | null;
	venueTableId: string | null;
	players: string;
	scheduledAt: Date | null;
	calledAt: Date | null;
}

const scoreRowSelect = {
	code: true,
	stage: true,
	round: true,
	groupLabel: true,
	status: true,
	version: true,
	summary: true,
	winnerEntryId: true,
	updatedAt: true,
	entryAId: true,
	entryBId: true,
	venueTableId: true,
	players: true,
	scheduledAt: true,
	calledAt: true
} satisfies Prisma.MatchSelect;

/**
 * The view of a match from its committed row and the cached unchanging parts, or null when
 * those are not cached (or no longer fit the row: other players or another table).
 */
function viewFromRow(matchId: string, row: MatchScoreRow): PublicMatchView | null {
	const cached = staticParts.get(matchId);
	if (!cached || Date.now() - cached.at > STATIC_MS) return null;
	if (staticKey({ ...row, players: JSON.stringify(playerIds(row.players)) }) !== cached.key) return null;
	const winner = winnerSide(row);
	return {
		...cached.view,
		code: row.code,
		stage: row.stage,
		round: row.round,
		groupLabel: row.groupLabel,
		status: row.status,
		version: row.version,
		winner,
		summary: parseSummary(row.summary),
		updatedAt: row.updatedAt.toISOString(),
		scheduledAt: row.scheduledAt?.toISOString() ?? null,
		calledAt: row.calledAt?.toISOString() ?? null
	};
}

/**
 * The committed state of a match for a broadcast: the scoring fields read from the database
 * now, the unchanging parts from a short cache.
 */
export async function freshMatchView(db: Db, matchId: string): Promise<PublicMatchView | null> {
	const cached = staticParts.get(matchId);
	if (!cached || Date.now() - cached.at > STATIC_MS) return publicMatchView(db, matchId);
	const row = await db.match.findUnique({ where: { id: matchId }, select: scoreRowSelect });
	if (!row) {
		staticParts.delete(matchId);
		return null;
	}
	return viewFromRow(matchId, row) ?? publicMatchView(db, matchId);
}

/**
 * The view of a match right after a write whose transaction has committed `row` (exactly
 * what is stored, so no read is needed); falls back to reading when the unchanging parts are
 * not cached. The scoring service uses it for the broadcast after every point.
 */
export async function committedMatchView(db: Db, matchId: string, row: MatchScoreRow): Promise<PublicMatchView | null> {
	return viewFromRow(matchId, row) ?? publicMatchView(db, matchId);
}

export async function currentEditionId(db: Db): Promise<string | null> {
	const edition = await db.edition.findFirst({ where: { current: true }, select: { id: true } });
	return edition?.id ?? null;
}

const RECENT = 8;

/** Every match being played now (called or live) and the latest results, optionally of one venue. */
export async function nowPlaying(db: Db, venueId?: string): Promise<NowPlaying> {
	const editionId = await currentEditionId(db);
	const scope: Prisma.MatchWhereInput = {
		category: { editionId: editionId ?? '' },
		...(venueId ? { venueTable: { venueId } } : {})
	};
	const [playing, recent] = await Promise.all([
		publicMatchViews(db, { ...scope, status: { in: ['called', 'live'] } }),
		publicMatchViews(db, { ...scope, status: { in: ['finished', 'walkover'] } }, {
			orderBy: [{ finishedAt: 'desc' }, { updatedAt: 'desc' }],
			take: RECENT
		})
	]);
	return { playing: playing.sort(byTable), recent };
}

export async function venueLive(db: Db, venueId: string): Promise<VenueLive | null> {
	const venue = await db.venue.findUnique({ where: { id: venueId }, select: { id: true, nameZh: true, nameEn: true } });
	if (!venue) return null;
	return { venue, ...(await nowPlaying(db, venueId)) };
}

export async function categoryLive(db: Db, categoryId: string): Promise<CategoryLive | null> {
	const category = await db.category.findUnique({
		where: { id: categoryId },
		select: { id: true, code: true, nameZh: true, nameEn: true, status: true, format: true, sport: { select: { key: true } } }
	});
	if (!category) return null;
	const matches = await publicMatchViews(db, { categoryId }, {
		orderBy: [{ stage: 'asc' }, { round: 'asc' }, { position: 'asc' }, { code: 'asc' }]
	});
	const { format, sport, ...rest } = category;
	return { category: { ...rest, sport: sportOf({ format, sport }) }, matches };
}

/** A street's approved entries in the current edition, with their matches and final places. */
export async function streetLive(db: Db, code: string): Promise<StreetLive | null> {
	const street = await db.street.findUnique({ where: { code }, select: streetSelect });
	if (!street) return null;
	const editionId = await currentEditionId(db);
	const entries = await db.entry.findMany({
		where: { status: 'approved', athlete: { streetId: street.id, editionId: editionId ?? '' } },
		select: {
			id: true,
			athlete: { select: { name: true } },
			category: { select: { id: true, code: true, nameZh: true, nameEn: true, format: true, sortOrder: true, sport: { select: { key: true } } } },
			placings: { select: { place: true } }
		},
		orderBy: [{ category: { sortOrder: 'asc' } }, { athlete: { name: 'asc' } }]
	});
	const ids = entries.map((e) => e.id);
	const matches = ids.length
		? await publicMatchViews(db, { OR: [{ entryAId: { in: ids } }, { entryBId: { in: ids } }, ...ids.map((id) => ({ players: { contains: id } }))] }, {
				orderBy: [{ round: 'asc' }, { position: 'asc' }]
			})
		: [];
	const medals = { gold: 0, silver: 0, bronze: 0 };
	const views = entries.map((e) => {
		const place = e.placings[0]?.place ?? null;
		if (place === 1) medals.gold++;
		else if (place === 2) medals.silver++;
		else if (place === 3) medals.bronze++;
		const { format, sport, sortOrder: _sortOrder, ...category } = e.category;
		return {
			entryId: e.id,
			athleteName: e.athlete.name,
			category: { ...category, sport: sportOf({ format, sport }) },
			place,
			matches: matches.filter((m) => m.sideA?.entryId === e.id || m.sideB?.entryId === e.id || m.players.some((p) => p.entryId === e.id))
		};
	});
	return { street, entries: views, medals };
}

/**
 * The medal table by street: gold, silver, bronze from the placings of the edition's
 * categories (1 → gold, 2 → silver, 3 → bronze; a knockout without a third-place match
 * gives two bronzes), plus the art showcase's first/second/third prizes of published
 * categories. Ordered gold, then silver, then bronze; equal streets share a rank.
 * `pointsTable` (points for 1st, 2nd, …) adds a points ranking when the organizer uses one.
 */
export async function medalTable(db: Db, points?: number[]): Promise<MedalTable> {
	const edition = await db.edition.findFirst({ where: { current: true }, select: { id: true, pointsTable: true } });
	const editionId = edition?.id ?? '';
	const pointsTable = points ?? parsePointsTable(edition?.pointsTable ?? '[]');
	const maxPlace = Math.max(3, pointsTable.length);
	const [streets, placings, categories, decided, art] = await Promise.all([
		db.street.findMany({ select: { ...streetSelect, sortOrder: true }, orderBy: { sortOrder: 'asc' } }),
		db.placing.findMany({
			where: { place: { lte: maxPlace }, category: { editionId } },
			select: { place: true, entry: { select: { athlete: { select: { streetId: true } } } } }
		}),
		db.category.count({ where: { editionId } }),
		db.category.count({ where: { editionId, placings: { some: {} } } }),
		artAwardsByStreet(db, editionId).then(
			(rows) => ({ rows, included: true }),
			() => ({ rows: [] as Awaited<ReturnType<typeof artAwardsByStreet>>, included: false })
		)
	]);
	const rows = new Map<string, MedalRow & { sortOrder: number }>();
	for (const { sortOrder, ...street } of streets) {
		rows.set(street.id, {
			street: street satisfies PublicStreet,
			gold: 0,
			silver: 0,
			bronze: 0,
			total: 0,
			points: 0,
			rank: 0,
			art: { gold: 0, silver: 0, bronze: 0 },
			sortOrder
		});
	}
	const medalOf = ['', 'gold', 'silver', 'bronze'] as const;
	for (const placing of placings) {
		const row = rows.get(placing.entry.athlete.streetId);
		if (!row) continue;
		const medal = medalOf[placing.place];
		if (medal) row[medal]++;
		row.points += pointsTable[placing.place - 1] ?? 0;
	}
	for (const award of art.rows) {
		const row = rows.get(award.streetId);
		if (!row) continue;
		row.gold += award.first;
		row.silver += award.second;
		row.bronze += award.third;
		row.art = { gold: award.first, silver: award.second, bronze: award.third };
		row.points += (pointsTable[0] ?? 0) * award.first + (pointsTable[1] ?? 0) * award.second + (pointsTable[2] ?? 0) * award.third;
	}
	const all = [...rows.values()].map((r) => ({ ...r, total: r.gold + r.silver + r.bronze }));
	const key = (r: MedalRow) => [r.gold, r.silver, r.bronze];
	all.sort((a, b) => b.gold - a.gold || b.silver - a.silver || b.bronze - a.bronze || a.sortOrder - b.sortOrder);
	rankBy(all, (a, b) => key(a).every((v, i) => v === key(b)[i]));
	const strip = ({ sortOrder: _s, ...row }: MedalRow & { sortOrder: number }): MedalRow => row;
	const byMedals = all.map(strip);
	let byPoints: MedalRow[] = [];
	if (pointsTable.length) {
		const sorted = [...all].sort((a, b) => b.points - a.points || a.sortOrder - b.sortOrder).map((r) => ({ ...r }));
		rankBy(sorted, (a, b) => a.points === b.points);
		byPoints = sorted.map(strip);
	}
	return { rows: byMedals, pointsTable, byPoints, decided, categories, artIncluded: art.included };
}

/** Points per place (1st, 2nd, …) as the organizer set them; anything unreadable counts as none. */
export const pointsTableSchema = z.array(z.number().int().min(0).max(1000)).max(16);

export function parsePointsTable(text: string): number[] {
	try {
		const parsed = pointsTableSchema.safeParse(JSON.parse(text));
		return parsed.success ? parsed.data : [];
	} catch {
		return [];
	}
}

function rankBy<T extends { rank: number }>(sorted: T[], same: (a: T, b: T) => boolean): void {
	sorted.forEach((row, i) => {
		const previous = i > 0 ? sorted[i - 1] : undefined;
		row.rank = previous && same(previous, row) ? previous.rank : i + 1;
	});
}

/** Whether a room names something that exists (spectators cannot join made-up rooms). */
export async function roomExists(db: Db, room: string): Promise<boolean> {
	const parsed = parseRoom(room);
	if (!parsed) return false;
	switch (parsed.kind) {
		case 'live':
		case 'medals':
			return true;
		case 'match':
			return (await db.match.count({ where: { id: parsed.key, ...publicMatchWhere } })) > 0;
		case 'category':
			return (await db.category.count({ where: { id: parsed.key } })) > 0;
		case 'venue':
			return (await db.venue.count({ where: { id: parsed.key } })) > 0;
		case 'street':
			return (await db.street.count({ where: { code: parsed.key } })) > 0;
	}
}

/** The current state of a room, as a snapshot for a client whose gap is too old. */
export async function roomSnapshot(db: Db, room: string): Promise<unknown> {
	const parsed = parseRoom(room);
	if (!parsed) return null;
	switch (parsed.kind) {
		case 'live':
			return nowPlaying(db);
		case 'medals':
			return medalTable(db);
		case 'match':
			return publicMatchView(db, parsed.key);
		case 'category':
			return categoryLive(db, parsed.key);
		case 'venue':
			return venueLive(db, parsed.key);
		case 'street':
			return streetLive(db, parsed.key);
	}
}
