/**
 * zod schemas of the scoring boundary: what a tablet may send as an operation. Shapes only —
 * the rules (whose turn, a 181, a point after the match) are the engines' job.
 */
import { z } from 'zod';
import { multilineText } from '$lib/schemas/text';

const side = z.enum(['A', 'B']);
const id = z.string().min(1).max(64);
const pair = z.object({ a: z.number().int().min(0).max(999), b: z.number().int().min(0).max(999) });
const reason = multilineText().min(1, 'scoring.correction_reason_required').max(500);

/** Events a referee's tablet may send (engine events of every sport plus control events). */
export const refereeEventSchema = z.discriminatedUnion('type', [
	z.object({ type: z.literal('call') }),
	z.object({ type: z.literal('start') }),
	z.object({ type: z.literal('undo') }),
	z.object({ type: z.literal('signoff') }),
	// table tennis
	z.object({ type: z.literal('point'), side }),
	z.object({ type: z.literal('timeout'), side }),
	z.object({ type: z.literal('walkover'), absent: side }),
	z.object({ type: z.literal('retire'), side }),
	z.object({ type: z.literal('card'), side, card: z.enum(['yellow', 'yellowRed', 'red']) }),
	// darts 501
	z.object({
		type: z.literal('turn'),
		side,
		scored: z.number().int().min(-1000).max(1000),
		finishedOnDouble: z.boolean().optional(),
		dartsUsed: z.number().int().min(1).max(3).optional()
	}),
	z.object({ type: z.literal('bullOff'), winner: side }),
	// darts total score
	z.object({
		type: z.literal('round'),
		player: id,
		scored: z.number().int().min(-1000).max(1000),
		round: z.number().int().min(1).max(999).optional()
	}),
	z.object({ type: z.literal('throwOff'), order: z.array(id).min(2).max(64) }),
	z.object({ type: z.literal('withdraw'), player: id }),
	// xiangqi
	z.object({
		type: z.literal('result'),
		outcome: z.enum(['A', 'B', 'draw', 'forfeitA', 'forfeitB', 'forfeitBoth']),
		moves: z.number().int().min(0).max(10_000).optional(),
		timeUsedSeconds: pair.optional()
	})
]);

/** An organizer's correction after the match: the sport's correction event. */
export const correctionEventSchema = z.union([
	z.object({ type: z.literal('correction'), games: z.array(pair).min(1).max(7), reason }),
	z.object({ type: z.literal('correction'), legsWon: pair, setsWon: pair.optional(), reason }),
	z.object({
		type: z.literal('correction'),
		outcome: z.enum(['A', 'B', 'draw', 'forfeitA', 'forfeitB', 'forfeitBoth']),
		moves: z.number().int().min(0).max(10_000).optional(),
		reason
	}),
	z.object({
		type: z.literal('correction'),
		player: id,
		round: z.number().int().min(1).max(999),
		scored: z.number().int().min(0).max(180),
		reason
	})
]);

/** An operation id: client-generated, unique (a UUID in practice). */
export const opIdSchema = z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/);
export const deviceIdSchema = z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/);

/** One scoring operation from a tablet. */
export const operationSchema = z.object({
	opId: opIdSchema,
	matchId: id,
	baseVersion: z.number().int().min(0),
	deviceId: deviceIdSchema,
	event: refereeEventSchema
});

export type RefereeEvent = z.infer<typeof refereeEventSchema>;
export type CorrectionEvent = z.infer<typeof correctionEventSchema>;
export type OperationInput = z.infer<typeof operationSchema>;
