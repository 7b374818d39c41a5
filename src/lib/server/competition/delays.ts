/**
 * Game-day repairs of a venue's order of play: a table goes out of use (and back), a match runs
 * late and the table's queue shifts by some minutes, or the queue moves to a free table. The
 * plan is the domain's (`planDelay`, same rules as the scheduler); this file previews it (who is
 * affected, old → new), applies it when the organizer confirms, and audits it.
 */
import { planDelay, type DelayAction } from '$lib/domain/schedule/delays';
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

/**
 * Shifts a table's queue by `minutes`, or moves it to `toTableId` (any free table of the right
 * kind when absent). Without `confirm` nothing is written and the answer lists every match that
 * would change (the queue and what it pushes); with it the moves are written and audited.
 */
export async function delayTable(
	tx: Tx,
	actor: Actor,
	input: {
		venueTableId: string;
		action: DelayAction;
		minRestSlots: number;
		confirm?: boolean;
	},
	now = new Date()
): Promise<{ applied: boolean; affected: AffectedMatch[]; unplaced: string[]; changed: string[] }> {
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
		notBefore: now.getTime()
	});
	const affected = describeMoves(data, result.moves);
	const unplaced = result.unplaced.map((u) => data.rows.find((m) => m.id === u.matchId)?.code ?? u.matchId);
	if (input.confirm !== true || result.moves.length === 0) return { applied: false, affected, unplaced, changed: [] };
	const changed = await writeMoves(tx, result.moves, startAt ?? now.getTime(), slotMinutes);
	await audit(tx, actor, {
		action: input.action.kind === 'shift' ? 'schedule.delay_shift' : 'schedule.delay_move',
		entity: 'VenueTable',
		entityId: table.id,
		after: { action: input.action, moves: movesForAudit(result.moves) }
	});
	return { applied: true, affected, unplaced, changed };
}
