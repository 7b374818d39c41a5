/**
 * Broadcasting committed match changes to spectators. The scoring service calls
 * `broadcastMatch` after the transaction that changed a match has committed (never before),
 * and every room that shows the match gets the same public view: the match's own room at
 * once (the match page shows every point), and in batches its category's, its venue's, each
 * side's street and the `live` overview (see `publishBatched`). When a match ends the medal
 * table is broadcast too (the placings were written in the same transaction).
 */
import type { Db } from '../db';
import { publish, publishBatched } from './io';
import { committedMatchView, freshMatchView, medalTable, publicMatchView, publicMatchViews, type MatchScoreRow } from '../live/views';
import { chunked } from '../db/batches';
import { isDone, type PublicMatchView } from '$lib/realtime/views';
import { errorFields, log } from '../log';

export type { PublicMatchView, PublicSide } from '$lib/realtime/views';
export { publicMatchView };

/** The rooms that show a match: its own room first, then the overviews that list it. */
export function roomsOf(view: PublicMatchView): string[] {
	const rooms = [`match:${view.id}`, `category:${view.categoryId}`, 'live'];
	if (view.table) rooms.push(`venue:${view.table.venueId}`);
	for (const side of [view.sideA, view.sideB, ...view.players]) {
		if (side && !rooms.includes(`street:${side.street.code}`)) rooms.push(`street:${side.street.code}`);
	}
	return rooms;
}

/**
 * Publishes the committed state of a match to every room that shows it. Errors are logged,
 * not thrown: the change is already committed, and a client that misses it resynchronises
 * by sequence number. Returns the view that was sent (null if the match does not exist).
 * `committed` is the match row exactly as the caller's committed transaction wrote it (the
 * scoring service passes it, so a point costs no read); without it the row is read.
 * `committedAt` (epoch ms) is when that transaction committed, for the fan-out lag metric.
 */
export async function broadcastMatch(db: Db, matchId: string, committed?: MatchScoreRow, committedAt = Date.now()): Promise<PublicMatchView | null> {
	try {
		const view = committed ? await committedMatchView(db, matchId, committed) : await freshMatchView(db, matchId);
		if (!view) return null;
		const [own, ...overviews] = roomsOf(view);
		for (const room of overviews) publishBatched(room, 'match', view.id, view, committedAt);
		await publish(own as string, 'match', view, committedAt);
		if (isDone(view)) await broadcastMedals(db);
		return view;
	} catch (error) {
		log.error('broadcast of a match failed', errorFields(error));
		return null;
	}
}

/**
 * Publishes the committed state of many matches (an order of play placed or moved hundreds of
 * them): their views are read in pages of ids instead of one read per match, each goes to its
 * rooms as `broadcastMatch` sends it, and the medal table once at the end if one was over.
 * Errors are logged, not thrown (the change is committed; clients resync by sequence number).
 */
export async function broadcastMatches(db: Db, matchIds: readonly string[], committedAt = Date.now()): Promise<void> {
	const ids = [...new Set(matchIds)];
	if (ids.length <= 1) {
		for (const id of ids) await broadcastMatch(db, id, undefined, committedAt);
		return;
	}
	try {
		let over = false;
		for (const page of chunked(ids)) {
			for (const view of await publicMatchViews(db, { id: { in: page } })) {
				const [own, ...overviews] = roomsOf(view);
				for (const room of overviews) publishBatched(room, 'match', view.id, view, committedAt);
				await publish(own as string, 'match', view, committedAt);
				over ||= isDone(view);
			}
		}
		if (over) await broadcastMedals(db);
	} catch (error) {
		log.error('broadcast of matches failed', errorFields(error));
	}
}

/**
 * Publishes the medal table (after placings or art awards changed and were committed).
 * The draws and art modules may call it; `broadcastMatch` does when a match ends.
 */
export async function broadcastMedals(db: Db): Promise<void> {
	try {
		await publish('medals', 'medals', await medalTable(db));
	} catch (error) {
		log.error('broadcast of the medal table failed', errorFields(error));
	}
}
