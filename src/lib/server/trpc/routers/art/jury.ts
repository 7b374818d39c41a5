/**
 * The juror's console. Blind by construction: every entry a juror receives is read with
 * `blindEntrySelect`, which has no title, author, co-author, street or submitter; entries of
 * the juror's own street are never read; earlier rounds' scores are never sent.
 */
import { z } from 'zod';
import type { Prisma } from '../../../db/generated/sqlite/client';
import { jurorProcedure, router } from '../../init';
import { userError } from '../../errors';
import { audit } from '../../../audit';
import { actorOf, parseCriteria, roundEntryWhere, type Client } from '../../../art/common';
import { jurorMayScore, validateScore, weightedScore } from '$lib/domain/art/jury';
import { RuleViolation } from '$lib/domain/errors';

/** The only shape in which a juror sees an entry. */
export const blindEntrySelect = {
	id: true,
	number: true,
	year: true,
	dimensions: true,
	technique: true,
	statement: true,
	artCategory: { select: { key: true, nameZh: true, nameEn: true, kind: true } },
	images: { select: { id: true, altText: true, width: true, height: true }, orderBy: { sortOrder: 'asc' } }
} satisfies Prisma.ArtEntrySelect;

const roundSelect = {
	id: true,
	number: true,
	status: true,
	shortlist: true,
	panel: {
		select: {
			id: true,
			name: true,
			artCategoryId: true,
			scaleMin: true,
			scaleMax: true,
			scaleStep: true,
			criteria: true,
			artCategory: { select: { key: true, nameZh: true, nameEn: true } }
		}
	}
} satisfies Prisma.JudgingRoundSelect;

/** A round the juror sits on (open or closed; drafts are not shown), or NOT_FOUND. */
async function jurorRound(db: Client, roundId: string, jurorId: string) {
	const round = await db.judgingRound.findFirst({
		where: { id: roundId, status: { in: ['open', 'closed'] }, panel: { jurors: { some: { userId: jurorId } } } },
		select: roundSelect
	});
	if (!round) throw userError('NOT_FOUND', 'art.round_not_found');
	return round;
}

/** The juror's own street (from the database, not the session, so a change applies at once). */
async function jurorStreet(db: Client, jurorId: string): Promise<string | null> {
	return (await db.user.findUnique({ where: { id: jurorId }, select: { streetId: true } }))?.streetId ?? null;
}

/**
 * The entry as the juror may see it, or a refusal: an entry of the juror's own street is
 * refused with 'jury.own_street' (the same answer whether or not it exists in this round).
 */
async function jurorEntry(db: Client, round: Awaited<ReturnType<typeof jurorRound>>, entryId: string, street: string | null) {
	const owner = await db.artEntry.findFirst({ where: { id: entryId, ...roundEntryWhere(round) }, select: { streetId: true } });
	if (!owner) throw userError('NOT_FOUND', 'art.entry_not_found');
	const may = jurorMayScore({ jurorStreet: street, entryStreet: owner.streetId });
	if (!may.allowed) throw userError('FORBIDDEN', 'jury.own_street');
	return db.artEntry.findUniqueOrThrow({ where: { id: entryId }, select: blindEntrySelect });
}

function scaleOf(panel: { scaleMin: number; scaleMax: number; scaleStep: number }) {
	return { min: panel.scaleMin, max: panel.scaleMax, step: panel.scaleStep > 0 ? panel.scaleStep : undefined };
}

const scoreValue = z.union([z.number(), z.string().max(20)]);

export const juryRouter = router({
	/** The juror's rounds with progress ("27 of 39 scored"). */
	rounds: jurorProcedure.query(async ({ ctx }) => {
		const street = await jurorStreet(ctx.db, ctx.user.id);
		const rounds = await ctx.db.judgingRound.findMany({
			where: { status: { in: ['open', 'closed'] }, panel: { jurors: { some: { userId: ctx.user.id } } } },
			orderBy: [{ status: 'desc' }, { number: 'desc' }],
			select: roundSelect
		});
		return Promise.all(
			rounds.map(async (round) => {
				const where = roundEntryWhere(round, street);
				const [total, scored] = await Promise.all([
					ctx.db.artEntry.count({ where }),
					ctx.db.juryScore.count({
						where: { roundId: round.id, jurorId: ctx.user.id, entry: where, OR: [{ score: { not: null } }, { conflict: true }] }
					})
				]);
				return {
					id: round.id,
					number: round.number,
					status: round.status,
					shortlist: round.shortlist !== null,
					panelName: round.panel.name,
					category: round.panel.artCategory,
					total,
					scored
				};
			})
		);
	}),

	/**
	 * One round's entries for this juror, one at a time: the entry at `position` (1-based,
	 * by entry number) or the first unscored one, with the juror's own score of this round.
	 */
	entry: jurorProcedure
		.input(z.object({ roundId: z.string().min(1).max(40), entryId: z.string().max(40).optional(), position: z.number().int().min(1).optional() }))
		.query(async ({ ctx, input }) => {
			const round = await jurorRound(ctx.db, input.roundId, ctx.user.id);
			const street = await jurorStreet(ctx.db, ctx.user.id);
			const ids = (
				await ctx.db.artEntry.findMany({ where: roundEntryWhere(round, street), orderBy: { number: 'asc' }, select: { id: true, number: true } })
			);
			const mine = await ctx.db.juryScore.findMany({
				where: { roundId: round.id, jurorId: ctx.user.id, entryId: { in: ids.map((i) => i.id) } },
				select: { entryId: true, score: true, criteria: true, conflict: true }
			});
			const byEntry = new Map(mine.map((s) => [s.entryId, s]));
			const done = (id: string) => {
				const s = byEntry.get(id);
				return Boolean(s && (s.score !== null || s.conflict));
			};
			let index: number;
			if (input.entryId) {
				index = ids.findIndex((i) => i.id === input.entryId);
				if (index < 0) await jurorEntry(ctx.db, round, input.entryId, street); // refuses with the reason
			} else if (input.position) {
				index = Math.min(input.position, ids.length) - 1;
			} else {
				index = Math.max(0, ids.findIndex((i) => !done(i.id)));
			}
			const current = ids[index];
			const entry = current ? await jurorEntry(ctx.db, round, current.id, street) : null;
			const own = current ? byEntry.get(current.id) : undefined;
			return {
				round: {
					id: round.id,
					number: round.number,
					status: round.status,
					panelName: round.panel.name,
					category: round.panel.artCategory,
					scale: { min: round.panel.scaleMin, max: round.panel.scaleMax, step: round.panel.scaleStep },
					criteria: parseCriteria(round.panel.criteria)
				},
				position: current ? index + 1 : 0,
				total: ids.length,
				scored: ids.filter((i) => done(i.id)).length,
				list: ids.map((i) => ({ id: i.id, number: i.number, done: done(i.id) })),
				entry,
				myScore: own
					? { score: own.score, criteria: JSON.parse(own.criteria) as Record<string, number>, conflict: own.conflict }
					: null
			};
		}),

	/**
	 * Saves (or changes, until the round closes) the juror's score of an entry. Refused, with
	 * nothing written: a closed round, an entry of the juror's own street, a score outside the
	 * scale or off its steps, a missing criterion.
	 */
	score: jurorProcedure
		.input(
			z.object({
				roundId: z.string().min(1).max(40),
				entryId: z.string().min(1).max(40),
				score: scoreValue.optional(),
				criteria: z.record(z.string().max(40), scoreValue).optional()
			})
		)
		.mutation(async ({ ctx, input }) => {
			const round = await jurorRound(ctx.db, input.roundId, ctx.user.id);
			if (round.status !== 'open') throw userError('CONFLICT', 'art.round_closed');
			const street = await jurorStreet(ctx.db, ctx.user.id);
			await jurorEntry(ctx.db, round, input.entryId, street);
			const scale = scaleOf(round.panel);
			const criteria = parseCriteria(round.panel.criteria);
			let score: number;
			let criteriaScores: Record<string, number> = {};
			const check = (value: number | string | undefined, criterion?: string) => {
				const result = validateScore(value ?? '', scale);
				if (!result.ok) {
					throw new RuleViolation(result.error.code, result.error.message, {
						...(result.error.params ?? {}),
						...(criterion ? { criterion } : {})
					});
				}
				return result.value;
			};
			if (criteria.length) {
				for (const c of criteria) criteriaScores[c.key] = check(input.criteria?.[c.key], c.key);
				score = weightedScore(criteriaScores, Object.fromEntries(criteria.map((c) => [c.key, c.weight])));
			} else {
				score = check(input.score);
				criteriaScores = {};
			}
			const existing = await ctx.db.juryScore.findUnique({
				where: { roundId_entryId_jurorId: { roundId: round.id, entryId: input.entryId, jurorId: ctx.user.id } },
				select: { score: true, conflict: true }
			});
			if (existing?.conflict) throw userError('CONFLICT', 'art.conflict_declared');
			await ctx.db.$transaction(async (tx) => {
				// Checked again inside the transaction: the round may have closed meanwhile.
				const still = await tx.judgingRound.findUnique({ where: { id: round.id }, select: { status: true } });
				if (still?.status !== 'open') throw userError('CONFLICT', 'art.round_closed');
				await tx.juryScore.upsert({
					where: { roundId_entryId_jurorId: { roundId: round.id, entryId: input.entryId, jurorId: ctx.user.id } },
					create: { roundId: round.id, entryId: input.entryId, jurorId: ctx.user.id, score, criteria: JSON.stringify(criteriaScores) },
					update: { score, criteria: JSON.stringify(criteriaScores) }
				});
				await audit(tx, actorOf(ctx.user), {
					action: 'art.score',
					entity: 'JuryScore',
					entityId: `${round.id}:${input.entryId}`,
					before: existing ? { score: existing.score } : undefined,
					after: { score }
				});
			});
			return { entryId: input.entryId, score, criteria: criteriaScores };
		}),

	/**
	 * Declares (or withdraws) a conflict of interest with an entry: the juror's score of it in
	 * this round is removed and does not count. Only while the round is open.
	 */
	declareConflict: jurorProcedure
		.input(z.object({ roundId: z.string().min(1).max(40), entryId: z.string().min(1).max(40), conflict: z.boolean() }))
		.mutation(async ({ ctx, input }) => {
			const round = await jurorRound(ctx.db, input.roundId, ctx.user.id);
			if (round.status !== 'open') throw userError('CONFLICT', 'art.round_closed');
			await jurorEntry(ctx.db, round, input.entryId, await jurorStreet(ctx.db, ctx.user.id));
			await ctx.db.$transaction(async (tx) => {
				const key = { roundId: round.id, entryId: input.entryId, jurorId: ctx.user.id };
				if (input.conflict) {
					await tx.juryScore.upsert({
						where: { roundId_entryId_jurorId: key },
						create: { ...key, score: null, conflict: true },
						update: { score: null, criteria: '{}', conflict: true }
					});
				} else {
					await tx.juryScore.deleteMany({ where: { ...key, conflict: true } });
				}
				await audit(tx, actorOf(ctx.user), {
					action: input.conflict ? 'art.conflict.declare' : 'art.conflict.withdraw',
					entity: 'JuryScore',
					entityId: `${round.id}:${input.entryId}`,
					after: { conflict: input.conflict }
				});
			});
			return { entryId: input.entryId, conflict: input.conflict };
		})
});
