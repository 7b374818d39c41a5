/**
 * Game-day repairs of a venue's order of play: a table goes out of use (and back), a match runs
 * late and the table's queue shifts by some minutes, or the queue moves to a free table. The
 * plan is the domain's (`planDelay`, same rules as the scheduler); this file previews it (who is
 * affected, old → new), applies it when the organizer confirms, and audits it.
 */
import { createHash } from 'node:crypto';
import { planDelay, type DelayAction } from '$lib/domain/schedule/delays';
import type { Move } from '$lib/domain/schedule/types';
import { audit, type Actor } from '../audit';
import { userError } from '../trpc/errors';
import type { Tx } from './matches';
import { movesForAudit, writeMoves } from './schedule';
import { describeMoves, loadSchedule, timing, toDomain, type AffectedMatch } from './scheduleData';

/** Marks a table out of use or back in use (audited); returns the matches still queued on it. */
export async function setTableOutOfUse(tx: Tx, actor: Actor, input: { venueTableId: string; outOfUse: boolean }) {
	const table = await tx.venueTable.findUnique({ where: { id: input.venueTableId }, select: { id: true, outOfUse: true } });
	if (!table) throw userError('NOT_FOUND', 'errors.not_found');
	await tx.venueTable.update({ where: { id: table.id }, data: { outOfUse: input.outOfUse } });
	const queued = await tx.match.count({ where: { venueTableId: table.id, status: 'scheduled' } });
	await audit(tx, actor, {
		action: input.outOfUse ? 'schedule.table_out_of_use' : 'schedule.table_in_use',
		entity: 'VenueTable',
		entityId: table.id,
		before: { outOfUse: table.outOfUse },
		after: { outOfUse: input.outOfUse, queued }
	});
	return { queued };
}

/** What a preview showed, as a short fingerprint: the table, the action and every move (old →
 *  new). A confirmation applies only when the plan made at confirmation has the same one. */
export function previewToken(tableId: string, action: DelayAction, moves: readonly Move[]): string {
	const key = JSON.stringify([
		tableId,
		action,
		moves.map((m) => [m.matchId, m.from?.tableId, m.from?.start, m.to?.tableId ?? null, m.to?.start ?? null, m.to?.refereeId ?? null])
	]);
	return createHash('sha256').update(key).digest('base64url').slice(0, 22);
}

/** Makes two repairs of a venue's order of play run one after the other (a double click, two
 *  tabs): a no-op update of the venue's row, taken first thing in the transaction, holds its row
 *  lock (PostgreSQL) or the write lock (SQLite) until commit, so the second reads what the first
 *  wrote. */
export async function serializeVenueWrites(tx: Tx, venueTableId: string) {
	await tx.$executeRaw`UPDATE "Venue" SET "id" = "id" WHERE "id" = (SELECT "venueId" FROM "VenueTable" WHERE "id" = ${venueTableId})`;
}

/**
 * Shifts a table's queue by `minutes`, or moves it to `toTableId` (any free table of the right
 * kind when absent). Without `confirm` nothing is written and the answer lists every match that
 * would change (the queue and what it pushes) with the preview's `token`; with `confirm` and
 * that token the moves are written and audited — when the plan is no longer what was previewed
 * (already applied in another tab, the day moved on) nothing changes and the organizer is asked
 * to look at the new preview.
 */
export async function delayTable(
	tx: Tx,
	actor: Actor,
	input: {
		venueTableId: string;
		action: DelayAction;
		minRestSlots: number;
		confirm?: boolean;
		token?: string;
	},
	now = new Date()
): Promise<{ applied: boolean; affected: AffectedMatch[]; unplaced: string[]; changed: string[]; token: string }> {
	if (input.confirm === true) await serializeVenueWrites(tx, input.venueTableId);
	const table = await tx.venueTable.findUnique({ where: { id: input.venueTableId }, select: { id: true, venueId: true, kind: true } });
	if (!table) throw userError('NOT_FOUND', 'errors.not_found');
	if (input.action.kind === 'move' && input.action.toTableId) {
		const target = await tx.venueTable.findUnique({ where: { id: input.action.toTableId }, select: { venueId: true, kind: true } });
		if (!target || target.venueId !== table.venueId || target.kind !== table.kind || input.action.toTableId === table.id) {
			throw userError('BAD_REQUEST', 'orderOfPlay.bad_target');
		}
	}
	const data = await loadSchedule(tx, table.venueId, now);
	const { slotMinutes, startAt } = timing(data.own);
	const { tables, matches, rules } = toDomain(data, input.minRestSlots, slotMinutes);
	const result = planDelay({
		matches,
		tables,
		rules,
		stepMinutes: Math.min(slotMinutes, 5),
		tableId: table.id,
		action: input.action,
		notBefore: now.getTime(),
		...(startAt !== null ? { origin: startAt } : {})
	});
	const affected = describeMoves(data, result.moves);
	const unplaced = result.unplaced.map((u) => data.rows.find((m) => m.id === u.matchId)?.code ?? u.matchId);
	const token = previewToken(table.id, input.action, result.moves);
	if (input.confirm !== true || result.moves.length === 0) return { applied: false, affected, unplaced, changed: [], token };
	if (input.token !== token) throw userError('CONFLICT', 'orderOfPlay.stale_preview');
	const changed = await writeMoves(tx, result.moves, startAt ?? now.getTime(), slotMinutes);
	await audit(tx, actor, {
		action: input.action.kind === 'shift' ? 'schedule.delay_shift' : 'schedule.delay_move',
		entity: 'VenueTable',
		entityId: table.id,
		after: { action: input.action, moves: movesForAudit(result.moves) }
	});
	return { applied: true, affected, unplaced, changed, token };
}
