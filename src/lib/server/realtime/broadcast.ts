/**
 * Broadcasting committed match changes to spectators. The scoring service calls
 * `broadcastMatch` after the transaction that changed a match has committed (never before),
 * and every room that shows the match gets the same public view: the match's own room, its
 * category's, its venue's and the `live` overview.
 */
import type { Db } from '../db';
import { publish } from './io';

/** What anyone may see of a match: names and streets, scores — never personal numbers. */
export interface PublicMatchView {
	id: string;
	code: string;
	categoryId: string;
	status: string;
	version: number;
	stage: string;
	round: number;
	groupLabel: string | null;
	table: { id: string; label: string; kind: string; venueId: string } | null;
	sideA: PublicSide | null;
	sideB: PublicSide | null;
	summary: unknown;
	updatedAt: string;
}

export interface PublicSide {
	entryId: string;
	name: string;
	street: { id: string; nameZh: string; nameEn: string };
}

const sideSelect = {
	id: true,
	athlete: { select: { name: true, street: { select: { id: true, nameZh: true, nameEn: true } } } }
} as const;

/** Loads the public view of one match (null if it does not exist). */
export async function publicMatchView(db: Db, matchId: string): Promise<PublicMatchView | null> {
	const match = await db.match.findUnique({
		where: { id: matchId },
		select: {
			id: true,
			code: true,
			categoryId: true,
			status: true,
			version: true,
			stage: true,
			round: true,
			groupLabel: true,
			entryAId: true,
			entryBId: true,
			summary: true,
			updatedAt: true,
			venueTable: { select: { id: true, label: true, kind: true, venueId: true } }
		}
	});
	if (!match) return null;
	const ids = [match.entryAId, match.entryBId].filter((id): id is string => Boolean(id));
	const entries = await db.entry.findMany({ where: { id: { in: ids } }, select: sideSelect });
	const side = (id: string | null): PublicSide | null => {
		const entry = entries.find((e) => e.id === id);
		return entry ? { entryId: entry.id, name: entry.athlete.name, street: entry.athlete.street } : null;
	};
	return {
		id: match.id,
		code: match.code,
		categoryId: match.categoryId,
		status: match.status,
		version: match.version,
		stage: match.stage,
		round: match.round,
		groupLabel: match.groupLabel,
		table: match.venueTable,
		sideA: side(match.entryAId),
		sideB: side(match.entryBId),
		summary: JSON.parse(match.summary) as unknown,
		updatedAt: match.updatedAt.toISOString()
	};
}

/** Publishes the committed state of a match to every room that shows it. */
export async function broadcastMatch(db: Db, matchId: string): Promise<void> {
	const view = await publicMatchView(db, matchId);
	if (!view) return;
	publish(`match:${view.id}`, 'match', view);
	publish(`category:${view.categoryId}`, 'match', view);
	if (view.table) publish(`venue:${view.table.venueId}`, 'match', view);
	publish('live', 'match', view);
}
