/**
 * The competition procedures: draws (generate, preview, re-draw, publish, Swiss rounds and
 * swaps, corrections), the public category pages and the order of play. The services in
 * `src/lib/server/competition/` do the work inside one transaction each; refusals write nothing.
 */
import { z } from 'zod';
import { multilineText, text } from '$lib/schemas/text';
import { organizerProcedure, publicProcedure, router } from '../init';
import { userError } from '../errors';
import type { Actor } from '../../audit';
import type { Db } from '../../db';
import { broadcastMatches } from '../../realtime/broadcast';
import { closeCategory, generateDraw, pairNextSwissRound, publishDraw, swapSwissPlayers } from '../../competition/draws';
import { replaceEntry, withdrawEntry } from '../../competition/corrections';
import { categorySelect, categoryView } from '../../competition/views';
import {
	assignMatchReferee,
	assignTableReferee,
	moveMatch,
	planVenue,
	publishSchedule,
	scheduleView
} from '../../competition/schedule';
import { delayTable, setTableOutOfUse } from '../../competition/delays';

const id = z.string().min(1).max(64);
const reason = multilineText().min(1, 'competition.reason_required').max(200, 'competition.reason_required');

const actorOf = (user: { id: string; username: string }): Actor => ({ id: user.id, label: `user:${user.username}` });

/** Broadcasts changed matches after the commit (never inside the transaction). */
async function broadcast(db: Db, ids: readonly string[]): Promise<void> {
	await broadcastMatches(db, ids);
}

/** Categories of the current edition with their draw state, for the lists. */
async function categoryList(db: Db) {
	const edition = await db.edition.findFirst({ where: { current: true }, select: { id: true } });
	if (!edition) return [];
	const rows = await db.category.findMany({
		where: { editionId: edition.id },
		orderBy: [{ sortOrder: 'asc' }, { code: 'asc' }],
		select: {
			...categorySelect,
			_count: { select: { entries: { where: { status: 'approved' } } } }
		}
	});
	return rows.map((c) => ({
		id: c.id,
		code: c.code,
		nameZh: c.nameZh,
		nameEn: c.nameEn,
		format: c.format,
		status: c.status,
		sport: c.sport,
		entries: c._count.entries
	}));
}

const drawsRouter = router({
	/** The organizer's list: every category with its status and number of approved entries. */
	list: organizerProcedure.query(({ ctx }) => categoryList(ctx.db)),

	/** The draw as the organizer sees it, including an unpublished draw (the preview). */
	preview: organizerProcedure.input(z.object({ categoryId: id })).query(async ({ ctx, input }) => {
		const view = await categoryView(ctx.db, input.categoryId, { includeUnpublished: true });
		if (!view) throw userError('NOT_FOUND', 'errors.not_found');
		const extra = await ctx.db.entry.findMany({
			where: { categoryId: input.categoryId, status: 'approved' },
			select: { id: true, checkedInAt: true, athlete: { select: { name: true } } }
		});
		return {
			...view,
			approved: extra.map((e) => ({ id: e.id, name: e.athlete.name, checkedIn: e.checkedInAt !== null }))
		};
	}),

	/** Closes registration for one category so that it can be drawn. */
	close: organizerProcedure
		.input(z.object({ categoryId: id }))
		.mutation(({ ctx, input }) => ctx.db.$transaction((tx) => closeCategory(tx, actorOf(ctx.user), input))),

	/** Generates the draw, or re-draws while it is unpublished. `seedString` reproduces a draw. */
	generate: organizerProcedure
		.input(
			z.object({
				categoryId: id,
				seedString: text().max(64, 'competition.seed_too_long').optional(),
				checkedInOnly: z.boolean().optional()
			})
		)
		.mutation(({ ctx, input }) => ctx.db.$transaction((tx) => generateDraw(tx, actorOf(ctx.user), input))),

	/** Publishes the unpublished draw (or Swiss round). */
	publish: organizerProcedure.input(z.object({ categoryId: id })).mutation(async ({ ctx, input }) => {
		const result = await ctx.db.$transaction((tx) => publishDraw(tx, actorOf(ctx.user), input));
		const matches = await ctx.db.match.findMany({ where: { drawId: { in: result.drawIds } }, select: { id: true } });
		await broadcast(ctx.db, matches.map((m) => m.id));
		return result;
	}),

	/** Pairs the next Swiss round (refused while the previous one is unfinished). */
	pairNext: organizerProcedure
		.input(z.object({ categoryId: id }))
		.mutation(({ ctx, input }) => ctx.db.$transaction((tx) => pairNextSwissRound(tx, actorOf(ctx.user), input))),

	/** Swaps two players of the unpublished Swiss round; warnings need `confirm`. */
	swap: organizerProcedure
		.input(z.object({ categoryId: id, entryX: id, entryY: id, confirm: z.boolean().default(false) }))
		.mutation(({ ctx, input }) => ctx.db.$transaction((tx) => swapSwissPlayers(tx, actorOf(ctx.user), input))),

	/** A withdrawal after publication: the player's open matches become walkovers. */
	withdraw: organizerProcedure
		.input(z.object({ categoryId: id, entryId: id, reason }))
		.mutation(async ({ ctx, input }) => {
			const result = await ctx.db.$transaction((tx) => withdrawEntry(tx, actorOf(ctx.user), input));
			await broadcast(ctx.db, result.changed);
			return result;
		}),

	/** A late replacement: an approved entry not in the draw takes a player's place. */
	replace: organizerProcedure
		.input(z.object({ categoryId: id, fromEntryId: id, toEntryId: id, reason }))
		.mutation(async ({ ctx, input }) => {
			const result = await ctx.db.$transaction((tx) => replaceEntry(tx, actorOf(ctx.user), input));
			await broadcast(ctx.db, result.changed);
			return result;
		})
});

const scheduleRouter = router({
	/** The venue's order of play with its conflicts (organizer). */
	view: organizerProcedure
		.input(z.object({ venueId: id, minRestSlots: z.number().int().min(0).max(4).default(1) }))
		.query(({ ctx, input }) => scheduleView(ctx.db, input.venueId, input.minRestSlots)),

	/** Plans every open match of the venue onto tables and slots. */
	plan: organizerProcedure
		.input(
			z.object({
				venueId: id,
				startAt: z.string().min(1, 'competition.schedule.bad_start').max(40),
				slotMinutes: z.number().int().min(5, 'competition.schedule.slot_minutes').max(240, 'competition.schedule.slot_minutes'),
				minRestSlots: z.number().int().min(0, 'competition.config.min_rest').max(4, 'competition.config.min_rest'),
				/** the organizer saw who is affected and agrees that published matches move */
				confirm: z.boolean().default(false),
				/** place unpublished matches again from scratch */
				replan: z.boolean().default(false)
			})
		)
		.mutation(async ({ ctx, input }) => {
			const result = await ctx.db.$transaction((tx) => planVenue(tx, actorOf(ctx.user), input));
			await broadcast(ctx.db, result.changed);
			return result;
		}),

	/** Publishes the venue's order of play: later moves of these matches need a confirmation. */
	publish: organizerProcedure.input(z.object({ venueId: id })).mutation(async ({ ctx, input }) => {
		const result = await ctx.db.$transaction((tx) => publishSchedule(tx, actorOf(ctx.user), input));
		await broadcast(ctx.db, result.changed);
		return result;
	}),

	/** Marks a table out of use (or back in use). */
	tableInUse: organizerProcedure
		.input(z.object({ venueTableId: id, outOfUse: z.boolean() }))
		.mutation(({ ctx, input }) => ctx.db.$transaction((tx) => setTableOutOfUse(tx, actorOf(ctx.user), input))),

	/** Shifts a table's queue or moves it to a free table: a preview, or applied with confirm. */
	delay: organizerProcedure
		.input(
			z.object({
				venueTableId: id,
				action: z.discriminatedUnion('kind', [
					z.object({ kind: z.literal('shift'), minutes: z.number().int().min(5, 'orderOfPlay.shift_minutes').max(240, 'orderOfPlay.shift_minutes') }),
					z.object({ kind: z.literal('move'), toTableId: id.optional() })
				]),
				minRestSlots: z.number().int().min(0).max(4).default(1),
				confirm: z.boolean().default(false),
				/** the preview's token: a confirmation applies only what was previewed */
				token: z.string().max(64).optional()
			})
		)
		.mutation(async ({ ctx, input }) => {
			const result = await ctx.db.$transaction((tx) => delayTable(tx, actorOf(ctx.user), input));
			await broadcast(ctx.db, result.changed);
			return result;
		}),

	/** Moves a match by hand; returns the conflicts it now has (a published one needs confirm). */
	move: organizerProcedure
		.input(
			z.object({
				matchId: id,
				venueTableId: id,
				slot: z.number().int().min(0).max(500),
				minRestSlots: z.number().int().min(0).max(4).default(1),
				confirm: z.boolean().default(false)
			})
		)
		.mutation(async ({ ctx, input }) => {
			const result = await ctx.db.$transaction((tx) => moveMatch(tx, actorOf(ctx.user), input));
			if (!result.needsConfirmation) await broadcast(ctx.db, [input.matchId]);
			return result;
		}),

	/** The referee of a table (all its open matches). */
	tableReferee: organizerProcedure
		.input(z.object({ venueTableId: id, refereeId: id.nullable() }))
		.mutation(async ({ ctx, input }) => {
			const result = await ctx.db.$transaction((tx) => assignTableReferee(tx, actorOf(ctx.user), input));
			await broadcast(ctx.db, result.changed);
			return result;
		}),

	/** The referee of one match. */
	matchReferee: organizerProcedure
		.input(z.object({ matchId: id, refereeId: id.nullable() }))
		.mutation(({ ctx, input }) => ctx.db.$transaction((tx) => assignMatchReferee(tx, actorOf(ctx.user), input))),

	/** The printable order of play of a venue, optionally one table or one athlete (public). */
	print: publicProcedure
		.input(z.object({ venueId: id, tableId: id.optional(), athleteId: id.optional() }))
		.query(async ({ ctx, input }) => {
			const view = await scheduleView(ctx.db, input.venueId);
			const rows = view.rows.filter(
				(r) =>
					r.slot !== null &&
					(!input.tableId || r.table?.id === input.tableId) &&
					(!input.athleteId || r.sides.some((s) => s.athleteId === input.athleteId))
			);
			const athletes = new Map<string, string>();
			for (const r of view.rows) for (const s of r.sides) if (s.athleteId) athletes.set(s.athleteId, s.name);
			return {
				venue: view.venue,
				tables: view.tables,
				athletes: [...athletes].map(([aid, name]) => ({ id: aid, name })).sort((x, y) => x.name.localeCompare(y.name, 'zh-CN')),
				rows: rows.map((r) => ({ ...r, refereeId: null }))
			};
		})
});

export const competitionRouter = router({
	/** Categories of the current edition (public list). */
	categories: publicProcedure.query(({ ctx }) => categoryList(ctx.db)),

	/** A category's published draw, standings, bracket, placings and order of play (public). */
	category: publicProcedure.input(z.object({ id })).query(async ({ ctx, input }) => {
		const view = await categoryView(ctx.db, input.id, { includeUnpublished: false });
		if (!view) throw userError('NOT_FOUND', 'errors.not_found');
		return view;
	}),

	/** Venues of the current edition (for the schedule pickers). */
	venues: publicProcedure.query(async ({ ctx }) => {
		const edition = await ctx.db.edition.findFirst({ where: { current: true }, select: { id: true } });
		if (!edition) return [];
		return ctx.db.venue.findMany({
			where: { editionId: edition.id },
			orderBy: { sortOrder: 'asc' },
			select: { id: true, nameZh: true, nameEn: true }
		});
	}),

	draws: drawsRouter,
	schedule: scheduleRouter
});
