/**
 * The call-room procedures: the public board (who is called to which table), calling a table's
 * next match and recording a no-show (organizer or the match's referee), and absences announced
 * in advance for a Swiss round (organizer). The work is in `competition/callroom.ts`; changed
 * matches are broadcast after the commit.
 */
import { z } from 'zod';
import { organizerProcedure, publicProcedure, roleProcedure, router } from '../init';
import type { Db } from '../../db';
import { broadcastMatch } from '../../realtime/broadcast';
import { text } from '$lib/schemas/text';
import { absencePanel, announceAbsence, callNextMatch, callRoomBoard, listAbsences, recordNoShow, withdrawAbsence } from '../../competition/callroom';

const id = z.string().min(1).max(64);
const round = z.number().int().min(1, 'callroom.refused.round_out_of_range').max(15, 'callroom.refused.round_out_of_range');

async function broadcast(db: Db, ids: readonly string[]): Promise<void> {
	for (const matchId of new Set(ids)) await broadcastMatch(db, matchId);
}

export const callroomRouter = router({
	/** Called matches and each table's next match (names, streets, table, times; public). */
	board: publicProcedure
		.input(z.object({ venueId: id.optional() }).optional())
		.query(({ ctx, input }) => callRoomBoard(ctx.db, input?.venueId)),

	/** Calls the next match of a table. */
	callNext: roleProcedure('organizer', 'referee')
		.input(z.object({ venueTableId: id }))
		.mutation(async ({ ctx, input }) => {
			const result = await callNextMatch(ctx.db, ctx.user, input);
			await broadcast(ctx.db, [result.matchId]);
			return result;
		}),

	/** Records a no-show: the absent side loses by walkover (弃权); 'both' only in Swiss events. */
	noShow: roleProcedure('organizer', 'referee')
		.input(z.object({ matchId: id, absent: z.enum(['A', 'B', 'both']) }))
		.mutation(async ({ ctx, input }) => {
			const result = await recordNoShow(ctx.db, ctx.user, input);
			await broadcast(ctx.db, result.changed);
			return result;
		}),

	/** Absences announced for a Swiss category's rounds. */
	absences: organizerProcedure.input(z.object({ categoryId: id })).query(({ ctx, input }) => listAbsences(ctx.db, input.categoryId)),

	/** The organizer's absence form of a Swiss category: bye points, open rounds, players, absences. */
	absencePanel: organizerProcedure.input(z.object({ categoryId: id })).query(({ ctx, input }) => absencePanel(ctx.db, input.categoryId)),

	/** Marks a player absent for a Swiss round not paired yet. */
	announceAbsence: organizerProcedure
		.input(z.object({ categoryId: id, entryId: id, round, reason: text().max(200, 'callroom.absence.reason_too_long').default('') }))
		.mutation(({ ctx, input }) => announceAbsence(ctx.db, ctx.user, input)),

	/** Takes back an absence before its round is paired. */
	withdrawAbsence: organizerProcedure
		.input(z.object({ categoryId: id, entryId: id, round }))
		.mutation(({ ctx, input }) => withdrawAbsence(ctx.db, ctx.user, input))
});
