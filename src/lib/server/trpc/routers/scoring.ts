/**
 * The scoring procedures: the referee tablet's operations and reads, and the organizer's
 * unlock, referee assignment and audited corrections. The rules live in the domain engines
 * and the writes in the scoring service; this file only checks shapes and roles.
 */
import { z } from 'zod';
import { multilineText } from '$lib/schemas/text';
import { organizerProcedure, refereeProcedure, roleProcedure, router } from '../init';
import {
	applyOperation,
	assignReferee,
	consoleMatchFor,
	correctMatch,
	organizerMatches,
	refereeMatches,
	unlockMatch
} from '../../scoring/service';
import { observeScoring } from '../../ops/metrics';
import { correctionEventSchema, opIdSchema, operationSchema } from '../../scoring/schema';

const matchId = z.string().min(1).max(64);

export const scoringRouter = router({
	/** The logged-in referee's matches in playing order (optionally of one table). */
	myMatches: refereeProcedure
		.input(z.object({ tableId: z.string().min(1).max(64).optional() }).optional())
		.query(({ ctx, input }) => refereeMatches(ctx.db, ctx.user, input?.tableId)),

	/** The console view of one match: players, format, status, version and the stored log. */
	match: roleProcedure('referee', 'organizer')
		.input(z.object({ matchId }))
		.query(({ ctx, input }) => consoleMatchFor(ctx.db, ctx.user, input.matchId)),

	/**
	 * One scoring operation from a tablet. Idempotent by `opId`; a stale `baseVersion` is
	 * answered `{ ok: false, reason: 'stale', match }`; an illegal event is a 422.
	 */
	submit: refereeProcedure.input(operationSchema).mutation(({ ctx, input }) => observeScoring(() => applyOperation(ctx.db, ctx.user, input))),

	admin: router({
		/** Matches with their referee, table, status and whether a device controls them. */
		matches: organizerProcedure
			.input(z.object({ status: z.string().max(20).optional(), categoryId: z.string().max(64).optional() }).optional())
			.query(({ ctx, input }) => organizerMatches(ctx.db, input ?? {})),

		/** Active referees, for the assignment form. */
		referees: organizerProcedure.query(({ ctx }) =>
			ctx.db.user.findMany({
				where: { role: 'referee', active: true },
				orderBy: { username: 'asc' },
				select: { id: true, username: true, displayName: true }
			})
		),

		/** Every table, board and lane (for the printable QR codes). */
		tables: organizerProcedure.query(({ ctx }) =>
			ctx.db.venueTable.findMany({
				orderBy: [{ venue: { sortOrder: 'asc' } }, { sortOrder: 'asc' }],
				select: { id: true, label: true, kind: true, venue: { select: { nameZh: true, nameEn: true } } }
			})
		),

		/** Releases the controlling device (audited); the next tablet to score takes over. */
		unlock: organizerProcedure
			.input(z.object({ matchId, reason: multilineText().max(200).default('') }))
			.mutation(async ({ ctx, input }) => {
				await unlockMatch(ctx.db, ctx.user, input.matchId, input.reason);
				return { ok: true as const };
			}),

		/** Assigns the referee who scores the match (null clears it). Audited. */
		assignReferee: organizerProcedure
			.input(z.object({ matchId, refereeId: z.string().min(1).max(64).nullable() }))
			.mutation(async ({ ctx, input }) => {
				await assignReferee(ctx.db, ctx.user, input.matchId, input.refereeId);
				return { ok: true as const };
			}),

		/** An audited correction of a signed-off result (appended, never overwriting). */
		correct: organizerProcedure
			.input(z.object({ opId: opIdSchema, matchId, baseVersion: z.number().int().min(0), event: correctionEventSchema }))
			.mutation(({ ctx, input }) => correctMatch(ctx.db, ctx.user, input))
	})
});
