/** Entries: coordinators (their street) and organizers submit, list and withdraw works. */
import { z } from 'zod';
import { multilineText, text } from '$lib/schemas/text';
import type { Prisma } from '../../../db/generated/sqlite/client';
import { rateLimit, roleProcedure, router } from '../../init';
import { artConfig } from '../../../art/config';
import { submitEntry, withdrawEntry } from '../../../art/entries';
import { currentEdition } from '../../../art/common';

const submitterProcedure = roleProcedure('coordinator', 'organizer');
/** Uploads per person: 30 works (each up to five images) per 15 minutes. */
const uploadLimit = rateLimit('artUpload', (ctx) => ctx.user?.id ?? ctx.address);

const opId = z.string().trim().min(8).max(64).optional();

export const entryInputSchema = z.object({
	artCategoryId: z.string().min(1, 'art.category_required').max(40),
	title: text().min(1, 'art.title_required').max(120, 'art.too_long'),
	/** Free text, or empty when authorAthleteId names a registered athlete of the street. */
	authorName: text().max(80, 'art.too_long').default(''),
	authorAthleteId: z.string().max(40).nullish(),
	coAuthors: text().max(300, 'art.too_long').default(''),
	streetId: z.string().max(40).nullish(),
	year: z.number().int().min(1900, 'art.year_invalid').max(2100, 'art.year_invalid').nullish(),
	dimensions: text().max(80, 'art.too_long').default(''),
	technique: text().max(120, 'art.too_long').default(''),
	statement: multilineText().max(2000, 'art.too_long').default(''),
	images: z
		.array(z.object({ data: z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'art.image_not_image'), altText: multilineText().max(2000, 'art.too_long') }))
		.max(5, 'art.images_max'),
	opId
});

/** What a submitter sees of an entry: everything, for their own street only. */
const ownEntrySelect = {
	id: true,
	number: true,
	referenceCode: true,
	title: true,
	authorName: true,
	coAuthors: true,
	year: true,
	dimensions: true,
	technique: true,
	statement: true,
	status: true,
	createdAt: true,
	artCategory: { select: { id: true, key: true, nameZh: true, nameEn: true, kind: true } },
	street: { select: { id: true, code: true, nameZh: true, nameEn: true } },
	images: { select: { id: true, altText: true, width: true, height: true }, orderBy: { sortOrder: 'asc' } }
} satisfies Prisma.ArtEntrySelect;

export const entriesRouter = router({
	/** The form's choices: categories, the window, quotas and (organizers) streets. */
	formOptions: submitterProcedure.query(async ({ ctx }) => {
		const edition = await currentEdition(ctx.db);
		const categories = await ctx.db.artCategory.findMany({
			where: { editionId: edition.id },
			orderBy: [{ sortOrder: 'asc' }, { key: 'asc' }],
			select: { id: true, key: true, nameZh: true, nameEn: true, kind: true, streetQuota: true }
		});
		const streets =
			ctx.user.role === 'organizer'
				? await ctx.db.street.findMany({ orderBy: { sortOrder: 'asc' }, select: { id: true, code: true, nameZh: true, nameEn: true } })
				: await ctx.db.street.findMany({ where: { id: ctx.user.streetId ?? '' }, select: { id: true, code: true, nameZh: true, nameEn: true } });
		// A coordinator picks the author among the street's registered athletes (names only).
		const athletes =
			ctx.user.role === 'coordinator'
				? await ctx.db.athlete.findMany({
						where: { editionId: edition.id, streetId: ctx.user.streetId ?? '' },
						orderBy: { name: 'asc' },
						select: { id: true, name: true }
					})
				: [];
		return {
			categories,
			streets,
			athletes,
			window: { opensAt: edition.artOpensAt?.toISOString() ?? null, closesAt: edition.artClosesAt?.toISOString() ?? null },
			maxImageMb: Math.floor(artConfig().maxImageBytes / (1024 * 1024))
		};
	}),

	/** A coordinator's entries (their street), or every entry for an organizer. */
	mine: submitterProcedure.query(async ({ ctx }) => {
		const edition = await currentEdition(ctx.db);
		const rows = await ctx.db.artEntry.findMany({
			where: { editionId: edition.id, ...(ctx.user.role === 'coordinator' ? { streetId: ctx.user.streetId ?? '' } : {}) },
			orderBy: { number: 'asc' },
			select: ownEntrySelect
		});
		return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
	}),

	/** Submits a work with 1-5 images (in-process callers pass the bytes). */
	submit: submitterProcedure.use(uploadLimit).input(entryInputSchema).mutation(({ ctx, input }) => submitEntry(ctx.db, ctx.user, input, artConfig())),

	withdraw: submitterProcedure
		.input(z.object({ entryId: z.string().min(1).max(40), opId }))
		.mutation(({ ctx, input }) => withdrawEntry(ctx.db, ctx.user, input))
});
