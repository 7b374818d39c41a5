/**
 * The public views the live pages show, shared by the server (which builds them from the
 * database) and the browser (which keeps them current from room updates). Only names,
 * streets and scores: never a personal number. The reducers here are pure, so the same
 * code applies an update on a phone, on the big screen and in tests.
 */

export type Side = 'A' | 'B';

export interface PublicStreet {
	id: string;
	code: string;
	nameZh: string;
	nameEn: string;
}

/** One side of a match as anyone may see it. */
export interface PublicSide {
	entryId: string;
	name: string;
	street: PublicStreet;
}

/** What anyone may see of a match: names and streets, scores — never personal numbers. */
export interface PublicMatchView {
	id: string;
	code: string;
	categoryId: string;
	category: { code: string; nameZh: string; nameEn: string; sport: string };
	status: string;
	version: number;
	stage: string;
	round: number;
	groupLabel: string | null;
	table: { id: string; label: string; kind: string; venueId: string } | null;
	sideA: PublicSide | null;
	sideB: PublicSide | null;
	/** Every player of a multi-player match (darts total score); empty for A-versus-B matches. */
	players: PublicSide[];
	winner: Side | null;
	/** The scoring engine's summary (see src/lib/domain/scoring/*: games, remaining, outcome …). */
	summary: unknown;
	updatedAt: string;
	/** The planned start (order of play) and when the match was called to its table (call room). */
	scheduledAt?: string | null;
	calledAt?: string | null;
}

/** Matches being played (called or live) and the latest finished ones. */
export interface NowPlaying {
	playing: PublicMatchView[];
	recent: PublicMatchView[];
}

export interface CategoryLive {
	category: { id: string; code: string; nameZh: string; nameEn: string; sport: string; status: string };
	matches: PublicMatchView[];
}

export interface VenueLive extends NowPlaying {
	venue: { id: string; nameZh: string; nameEn: string };
}

export interface MedalRow {
	street: PublicStreet;
	gold: number;
	silver: number;
	bronze: number;
	total: number;
	/** Points by the organizer's points table (0 when no points table is used). */
	points: number;
	/** 1-based; streets with the same medals share a rank. */
	rank: number;
	/** Of the medals above, how many from the art showcase. */
	art: { gold: number; silver: number; bronze: number };
}

export interface MedalTable {
	rows: MedalRow[];
	/** Points per place (1st, 2nd, …) when the organizer uses a points table; empty otherwise. */
	pointsTable: number[];
	/** Points ranking (same rows, ordered by points) when a points table is used. */
	byPoints: MedalRow[];
	/** Categories finished (with placings) out of all categories, for "x of y decided". */
	decided: number;
	categories: number;
	/** Whether art awards are counted (the art module reports them). */
	artIncluded: boolean;
}

export interface StreetEntryView {
	entryId: string;
	athleteName: string;
	category: { id: string; code: string; nameZh: string; nameEn: string; sport: string };
	place: number | null;
	matches: PublicMatchView[];
}

export interface StreetLive {
	street: PublicStreet;
	entries: StreetEntryView[];
	medals: { gold: number; silver: number; bronze: number };
}

const PLAYING = new Set(['called', 'live']);
const DONE = new Set(['finished', 'walkover']);
const RECENT_LIMIT = 8;

/** Whether a match is being played now (called to the table or scoring). */
export function isPlaying(match: Pick<PublicMatchView, 'status'>): boolean {
	return PLAYING.has(match.status);
}

/** Whether a match has a result. */
export function isDone(match: Pick<PublicMatchView, 'status'>): boolean {
	return DONE.has(match.status);
}

/**
 * Replaces `match` in a list if it is newer (by version) than what the list holds; an older
 * view (two processes broadcasting in a different order) never overwrites a newer one.
 */
export function upsertMatch(list: PublicMatchView[], match: PublicMatchView): PublicMatchView[] {
	const index = list.findIndex((m) => m.id === match.id);
	if (index === -1) return [...list, match];
	if ((list[index]?.version ?? -1) > match.version) return list;
	const next = list.slice();
	next[index] = match;
	return next;
}

/** Orders matches by venue table (label as a number where possible), then code. */
export function byTable(a: PublicMatchView, b: PublicMatchView): number {
	const ta = a.table ? `${a.table.kind}:${a.table.label.padStart(4, '0')}` : '~';
	const tb = b.table ? `${b.table.kind}:${b.table.label.padStart(4, '0')}` : '~';
	return ta.localeCompare(tb) || a.code.localeCompare(b.code);
}

/** The "now playing" view after a match update. */
export function applyToNowPlaying<T extends NowPlaying>(view: T, match: PublicMatchView): T {
	const known = [...view.playing, ...view.recent].find((m) => m.id === match.id);
	if (known && known.version > match.version) return view;
	const playing = view.playing.filter((m) => m.id !== match.id);
	let recent = view.recent.filter((m) => m.id !== match.id);
	if (isPlaying(match)) playing.push(match);
	else if (isDone(match)) recent = [match, ...recent].slice(0, RECENT_LIMIT);
	playing.sort(byTable);
	return { ...view, playing, recent };
}

export function applyToCategory(view: CategoryLive, match: PublicMatchView): CategoryLive {
	if (match.categoryId !== view.category.id) return view;
	return { ...view, matches: upsertMatch(view.matches, match) };
}

export function applyToStreet(view: StreetLive, match: PublicMatchView): StreetLive {
	const ids = [match.sideA?.entryId, match.sideB?.entryId, ...match.players.map((p) => p.entryId)];
	return {
		...view,
		entries: view.entries.map((entry) =>
			ids.includes(entry.entryId) ? { ...entry, matches: upsertMatch(entry.matches, match) } : entry
		)
	};
}

/** A match view, if it is newer than the one shown. */
export function applyToMatch(view: PublicMatchView | null, match: PublicMatchView): PublicMatchView | null {
	if (view && view.id !== match.id) return view;
	if (view && view.version > match.version) return view;
	return match;
}
