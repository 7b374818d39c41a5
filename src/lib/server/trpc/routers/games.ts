/**
 * Public facts about the games: the current edition, sports, the 43 streets and the venues.
 * Explicit `select`s: public responses can never carry a column added later by accident.
 */
import type { Prisma } from '../../db/generated/sqlite/client';
import { publicProcedure, router } from '../init';
import { userError } from '../errors';

const editionSelect = {
	id: true,
	nameZh: true,
	nameEn: true,
	startsOn: true,
	endsOn: true,
	registrationOpensAt: true,
	registrationClosesAt: true
} satisfies Prisma.EditionSelect;

const streetSelect = { id: true, code: true, nameZh: true, nameEn: true, kind: true } satisfies Prisma.StreetSelect;

export const gamesRouter = router({
	/** Everything the home page shows. */
	overview: publicProcedure.query(async ({ ctx }) => {
		const edition = await ctx.db.edition.findFirst({ where: { current: true }, select: editionSelect });
		if (!edition) throw userError('NOT_FOUND', 'errors.not_found');
		const [sports, streets, venues] = await Promise.all([
			ctx.db.sport.findMany({ orderBy: { sortOrder: 'asc' }, select: { key: true, nameZh: true, nameEn: true } }),
			ctx.db.street.findMany({ orderBy: { sortOrder: 'asc' }, select: streetSelect }),
			ctx.db.venue.findMany({
				where: { editionId: edition.id },
				orderBy: { sortOrder: 'asc' },
				select: { id: true, nameZh: true, nameEn: true, addressZh: true, addressEn: true, _count: { select: { tables: true } } }
			})
		]);
		return {
			edition: {
				...edition,
				registrationOpensAt: edition.registrationOpensAt?.toISOString() ?? null,
				registrationClosesAt: edition.registrationClosesAt?.toISOString() ?? null
			},
			sports,
			streets,
			venues: venues.map(({ _count, ...v }) => ({ ...v, tableCount: _count.tables }))
		};
	}),

	/** The 43 streets, for pickers and the medal table. */
	streets: publicProcedure.query(({ ctx }) =>
		ctx.db.street.findMany({ orderBy: { sortOrder: 'asc' }, select: streetSelect })
	)
});
