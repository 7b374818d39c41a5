/**
 * Read models of a category for its pages: groups with standings, the bracket, Swiss rounds
 * and standings, total-score flights, placings and the category's order of play. Public
 * callers get published draws only; the organizer's preview includes the unpublished one.
 * Only names and streets of athletes are selected — never a personal number.
 */
import type { Prisma } from '../db/generated/sqlite/client';
import type { Db } from '../db';
import { groupStandings, type GroupStandingRow } from '$lib/domain/standings/groupStandings';
import { swissStandings } from '$lib/domain/standings/swissStandings';
import { categorySettings, swissField, swissHistory, type DrawData } from './draws';
import { toGroupMatch } from './progress';
import { groupLabel, isDone } from './matches';
import { publicDrawWhere, publicMatchWhere } from './visibility';

export const categorySelect = {
	id: true,
	code: true,
	nameZh: true,
	nameEn: true,
	format: true,
	formatConfig: true,
	status: true,
	sport: { select: { key: true, nameZh: true, nameEn: true } }
} satisfies Prisma.CategorySelect;

const matchSelect = {
	id: true,
	code: true,
	stage: true,
	round: true,
	position: true,
	groupLabel: true,
	entryAId: true,
	entryBId: true,
	players: true,
	status: true,
	summary: true,
	winnerEntryId: true,
	slot: true,
	scheduledAt: true,
	drawId: true,
	venueTable: { select: { id: true, label: true, kind: true, venue: { select: { id: true, nameZh: true, nameEn: true } } } },
	referee: { select: { id: true, displayName: true } }
} satisfies Prisma.MatchSelect;

export type EntryView = { id: string; name: string; street: { id: string; code: string; nameZh: string; nameEn: string }; seed: number | null; status: string };

export type MatchView = {
	id: string;
	code: string;
	stage: string;
	round: number;
	position: number;
	groupLabel: string | null;
	a: string | null;
	b: string | null;
	players: string[];
	status: string;
	winner: string | null;
	score: string | null;
	table: { id: string; label: string; kind: string; venue: { id: string; nameZh: string; nameEn: string } } | null;
	referee: string | null;
	slot: number | null;
	scheduledAt: string | null;
};

export type DrawInfo = {
	id: string;
	stage: string;
	round: number;
	seedString: string;
	createdAt: string;
	createdBy: string | null;
	publishedAt: string | null;
	streetClashes: number;
	warnings: string[];
};

/** A short score text from an engine summary: games, legs or the xiangqi result. */
export function scoreText(summaryJson: string, status: string): string | null {
	if (status === 'bye') return null;
	try {
		const s = JSON.parse(summaryJson) as Record<string, unknown>;
		if (status === 'walkover') return 'w/o';
		const pair = (s.gamesWon ?? s.legsWon ?? s.points) as { a: number; b: number } | undefined;
		if (s.outcome !== undefined && s.outcome !== null) {
			return s.outcome === 'draw' ? '½-½' : pair ? `${pair.a}-${pair.b}` : null;
		}
		if (pair && (pair.a > 0 || pair.b > 0 || s.finished)) return `${pair.a}-${pair.b}`;
		return null;
	} catch {
		return null;
	}
}

function toMatchView(m: Prisma.MatchGetPayload<{ select: typeof matchSelect }>): MatchView {
	return {
		id: m.id,
		code: m.code,
		stage: m.stage,
		round: m.round,
		position: m.position,
		groupLabel: m.groupLabel,
		a: m.entryAId,
		b: m.entryBId,
		players: JSON.parse(m.players) as string[],
		status: m.status,
		winner: m.winnerEntryId,
		score: scoreText(m.summary, m.status),
		table: m.venueTable,
		referee: m.referee?.displayName ?? null,
		slot: m.slot,
		scheduledAt: m.scheduledAt?.toISOString() ?? null
	};
}

export type CategoryView = Awaited<ReturnType<typeof categoryView>>;

/** Everything the category page and the organizer's draw page show. */
export async function categoryView(db: Db, categoryId: string, options: { includeUnpublished: boolean }) {
	const category = await db.category.findUnique({ where: { id: categoryId }, select: categorySelect });
	if (!category) return null;
	const { format, config } = categorySettings(category);
	// public callers: the one visibility rule (published draws and their matches only)
	const drawWhere = options.includeUnpublished ? {} : publicDrawWhere;
	const [draws, matches, entries, placings] = await Promise.all([
		db.draw.findMany({
			where: { categoryId, ...drawWhere },
			orderBy: [{ createdAt: 'asc' }, { round: 'asc' }],
			select: { id: true, stage: true, round: true, seedString: true, createdAt: true, publishedAt: true, data: true, createdById: true }
		}),
		db.match.findMany({
			where: options.includeUnpublished ? { categoryId, draw: {} } : { categoryId, ...publicMatchWhere },
			orderBy: [{ stage: 'asc' }, { round: 'asc' }, { position: 'asc' }],
			select: matchSelect
		}),
		db.entry.findMany({
			where: { categoryId, status: { in: ['approved', 'withdrawn'] } },
			select: {
				id: true,
				seed: true,
				status: true,
				athlete: { select: { name: true, street: { select: { id: true, code: true, nameZh: true, nameEn: true } } } }
			}
		}),
		db.placing.findMany({ where: { categoryId }, orderBy: { place: 'asc' }, select: { entryId: true, place: true } })
	]);
	const creators = await db.user.findMany({
		where: { id: { in: draws.map((d) => d.createdById).filter((x): x is string => x !== null) } },
		select: { id: true, displayName: true }
	});
	const creatorName = new Map(creators.map((u) => [u.id, u.displayName]));
	const entryViews: Record<string, EntryView> = Object.fromEntries(
		entries.map((e) => [e.id, { id: e.id, name: e.athlete.name, street: e.athlete.street, seed: e.seed, status: e.status }])
	);
	const views = matches.map(toMatchView);
	const drawInfos: DrawInfo[] = draws.map((d) => {
		const data = JSON.parse(d.data) as DrawData;
		return {
			id: d.id,
			stage: d.stage,
			round: d.round,
			seedString: d.seedString,
			createdAt: d.createdAt.toISOString(),
			createdBy: d.createdById ? (creatorName.get(d.createdById) ?? null) : null,
			publishedAt: d.publishedAt?.toISOString() ?? null,
			streetClashes: data.kind === 'groups' ? data.streetClashes : 0,
			warnings: data.kind === 'swiss' ? (data.warnings ?? []).map((w) => w.code) : []
		};
	});

	// groups with live standings
	const groupsDraw = draws.find((d) => d.stage === 'groups');
	const groups: Array<{ label: string; players: string[]; standings: GroupStandingRow[]; matches: MatchView[] }> = [];
	if (groupsDraw) {
		const data = JSON.parse(groupsDraw.data) as Extract<DrawData, { kind: 'groups' }>;
		data.groups.forEach((players, g) => {
			const label = groupLabel(g);
			const groupMatches = matches.filter((m) => m.stage === 'group' && m.groupLabel === label);
			const finished = groupMatches.filter((m) => m.entryAId && m.entryBId && isDone(m.status)).map((m) => toGroupMatch(m));
			groups.push({
				label,
				players,
				standings: groupStandings({ players, matches: finished }),
				matches: views.filter((m) => m.stage === 'group' && m.groupLabel === label)
			});
		});
	}

	// bracket
	const knockoutDraw = [...draws].reverse().find((d) => d.stage === 'knockout');
	let bracket: { size: number; rounds: MatchView[][]; thirdPlace: MatchView | null } | null = null;
	if (knockoutDraw) {
		const data = JSON.parse(knockoutDraw.data) as Extract<DrawData, { kind: 'knockout' }>;
		const rounds: MatchView[][] = [];
		const count = Math.round(Math.log2(data.size));
		for (let r = 1; r <= count; r++) {
			rounds.push(views.filter((m) => m.stage === 'knockout' && m.round === r).sort((x, y) => x.position - y.position));
		}
		bracket = { size: data.size, rounds, thirdPlace: views.find((m) => m.stage === 'thirdPlace') ?? null };
	}

	// Swiss
	let swiss: {
		rounds: Array<{ round: number; published: boolean; boards: MatchView[] }>;
		standings: Array<{ id: string; rank: number; score: number; tieBreaks: Record<string, number> }>;
		tieBreaks: string[];
		totalRounds: number;
	} | null = null;
	if (format === 'swiss' && draws.some((d) => d.stage === 'swiss')) {
		const history = await swissHistory(db, categoryId);
		const players = await swissField(db, categoryId);
		const standings = swissStandings({
			players,
			history: history.rounds,
			points: config.points,
			tieBreaks: config.tieBreaks
		});
		swiss = {
			rounds: draws
				.filter((d) => d.stage === 'swiss')
				.map((d) => ({ round: d.round, published: d.publishedAt !== null, boards: views.filter((m) => m.stage === 'swiss' && m.round === d.round) })),
			standings,
			tieBreaks: config.tieBreaks,
			totalRounds: config.swissRounds
		};
	}

	const flights = views.filter((m) => m.stage === 'total').map((m) => ({ ...m, standings: totalStandings(matches.find((x) => x.id === m.id)?.summary) }));

	return {
		category: { id: category.id, code: category.code, nameZh: category.nameZh, nameEn: category.nameEn, format, status: category.status, sport: category.sport },
		config,
		draws: drawInfos,
		entries: entryViews,
		groups,
		bracket,
		swiss,
		flights,
		matches: views,
		placings: placings.map((p) => ({ entryId: p.entryId, place: p.place }))
	};
}

function totalStandings(summaryJson: string | undefined) {
	if (!summaryJson) return [];
	const s = JSON.parse(summaryJson) as { standings?: Array<{ id: string; total: number; best: number; rank: number | null; roundsThrown: number }> };
	return (s.standings ?? []).map((x) => ({ id: x.id, total: x.total, best: x.best, rank: x.rank, roundsThrown: x.roundsThrown }));
}
