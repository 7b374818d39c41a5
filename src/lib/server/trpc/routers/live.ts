/**
 * The live procedures: public, read-only views for spectators. Each returns the view together
 * with the room's position (epoch and sequence number) read *before* the view, so a page
 * rendered server-side can go live from exactly there without missing an update.
 */
import { z } from 'zod';
import { organizerProcedure, publicProcedure, router } from '../init';
import { audit } from '../../audit';
import { broadcastMedals } from '../../realtime/broadcast';
import { userError } from '../errors';
import { roomLog } from '../../realtime/io';
import {
	categoryLive,
	currentEditionId,
	medalTable,
	nowPlaying,
	parsePointsTable,
	pointsTableSchema,
	publicMatchView,
	streetLive,
	venueLive
} from '../../live/views';

export interface Positioned<T> {
	room: string;
	epoch: string;
	seq: number;
	data: T;
}

async function positioned<T>(room: string, load: () => Promise<T | null>): Promise<Positioned<T>> {
	const position = await roomLog().position(room);
	const data = await load();
	if (data === null) throw userError('NOT_FOUND', 'live.not_found');
	return { room, ...position, data };
}

const id = z.string().min(1).max(60).regex(/^[A-Za-z0-9_-]+$/, 'live.not_found');

export const liveRouter = router({
	/** Every match being played now and the latest results (optionally of one venue). */
	nowPlaying: publicProcedure.query(({ ctx }) => positioned('live', () => nowPlaying(ctx.db))),

	match: publicProcedure
		.input(z.object({ id }))
		.query(({ ctx, input }) => positioned(`match:${input.id}`, () => publicMatchView(ctx.db, input.id))),

	category: publicProcedure
		.input(z.object({ id }))
		.query(({ ctx, input }) => positioned(`category:${input.id}`, () => categoryLive(ctx.db, input.id))),

	venue: publicProcedure
		.input(z.object({ id }))
		.query(({ ctx, input }) => positioned(`venue:${input.id}`, () => venueLive(ctx.db, input.id))),

	street: publicProcedure
		.input(z.object({ code: z.string().regex(/^S\d{2}$/, 'live.not_found') }))
		.query(({ ctx, input }) => positioned(`street:${input.code}`, () => streetLive(ctx.db, input.code))),

	medals: publicProcedure.query(({ ctx }) => positioned('medals', () => medalTable(ctx.db))),

	/**
	 * The organizer's points table by street: points for 1st, 2nd, … place (e.g. 7,5,4,3,2,1),
	 * or none (medals only). Audited; the medal table is re-broadcast after the commit.
	 */
	setPointsTable: organizerProcedure
		.input(z.object({ points: pointsTableSchema }))
		.mutation(async ({ ctx, input }) => {
			const edition = await ctx.db.edition.findFirst({ where: { current: true }, select: { id: true, pointsTable: true } });
			if (!edition) throw userError('NOT_FOUND', 'live.not_found');
			await ctx.db.$transaction(async (tx) => {
				await tx.edition.update({ where: { id: edition.id }, data: { pointsTable: JSON.stringify(input.points) } });
				await audit(tx, { id: ctx.user.id, label: `user:${ctx.user.username}` }, {
					action: 'edition.pointsTable',
					entity: 'Edition',
					entityId: edition.id,
					before: { pointsTable: parsePointsTable(edition.pointsTable) },
					after: { pointsTable: input.points }
				});
			});
			await broadcastMedals(ctx.db);
			return { points: input.points };
		}),

	/** The venues of the current edition (for the big screen's and now-playing's filters). */
	venues: publicProcedure.query(async ({ ctx }) => {
		const editionId = await currentEditionId(ctx.db);
		return ctx.db.venue.findMany({
			where: { editionId: editionId ?? '' },
			select: { id: true, nameZh: true, nameEn: true },
			orderBy: { sortOrder: 'asc' }
		});
	}),

	/** The 43 streets, for the index of street pages. */
	streets: publicProcedure.query(({ ctx }) =>
		ctx.db.street.findMany({
			select: { code: true, nameZh: true, nameEn: true, kind: true },
			orderBy: { sortOrder: 'asc' }
		})
	)
});
