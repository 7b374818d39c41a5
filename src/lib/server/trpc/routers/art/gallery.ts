/**
 * The public gallery: only categories whose results the organizer has published, only
 * entries not withdrawn. Titles, authors' names, streets, images with alt text, statements,
 * results, selections and awards — never a submitter, reference code or score sheet.
 */
import { z } from 'zod';
import type { Prisma } from '../../../db/generated/sqlite/client';
import { publicProcedure, router } from '../../init';
import { userError } from '../../errors';
import { currentEdition, type Client } from '../../../art/common';
import { categoryRanking } from '../../../art/results';

const publicEntrySelect = {
	id: true,
	number: true,
	title: true,
	authorName: true,
	coAuthors: true,
	year: true,
	dimensions: true,
	technique: true,
	statement: true,
	artCategory: { select: { id: true, key: true, nameZh: true, nameEn: true, kind: true } },
	street: { select: { code: true, nameZh: true, nameEn: true } },
	images: { select: { id: true, altText: true, width: true, height: true }, orderBy: { sortOrder: 'asc' } },
	awards: { select: { kind: true, value: true }, orderBy: { value: 'asc' } }
} satisfies Prisma.ArtEntrySelect;

type PublicEntry = Prisma.ArtEntryGetPayload<{ select: typeof publicEntrySelect }> & {
	result: { rank: number; finalScore: number } | null;
};

/** Published entries, optionally of one category or one street, with their final results. */
async function publishedEntries(db: Client, filter: { category?: string; street?: string }): Promise<PublicEntry[]> {
	const edition = await currentEdition(db);
	const categories = await db.artCategory.findMany({
		where: { editionId: edition.id, resultsPublishedAt: { not: null }, ...(filter.category ? { key: filter.category } : {}) },
		orderBy: [{ sortOrder: 'asc' }, { key: 'asc' }],
		select: { id: true }
	});
	const out: PublicEntry[] = [];
	for (const category of categories) {
		const ranking = await categoryRanking(db, category.id);
		const byId = new Map(ranking.map((r) => [r.id, r]));
		const rows = await db.artEntry.findMany({
			where: { artCategoryId: category.id, status: 'submitted', ...(filter.street ? { street: { code: filter.street } } : {}) },
			orderBy: { number: 'asc' },
			select: publicEntrySelect
		});
		out.push(
			...rows
				.map((r) => {
					const result = byId.get(r.id);
					return { ...r, result: result ? { rank: result.rank, finalScore: result.finalScore } : null };
				})
				.sort((a, b) => (a.result?.rank ?? 1e9) - (b.result?.rank ?? 1e9) || a.number - b.number)
		);
	}
	return out;
}

const filterSchema = z.object({
	category: z.string().regex(/^[a-z][a-z0-9-]{0,30}$/).optional(),
	street: z.string().regex(/^S\d{2}$/).optional()
});

export const galleryRouter = router({
	/** Published categories and the streets that have works in them (the gallery's filters). */
	overview: publicProcedure.query(async ({ ctx }) => {
		const edition = await currentEdition(ctx.db);
		const categories = await ctx.db.artCategory.findMany({
			where: { editionId: edition.id, resultsPublishedAt: { not: null } },
			orderBy: [{ sortOrder: 'asc' }, { key: 'asc' }],
			select: { key: true, nameZh: true, nameEn: true, kind: true, _count: { select: { entries: { where: { status: 'submitted' } } } } }
		});
		const streets = await ctx.db.street.findMany({
			where: { artEntries: { some: { status: 'submitted', artCategory: { editionId: edition.id, resultsPublishedAt: { not: null } } } } },
			orderBy: { sortOrder: 'asc' },
			select: { code: true, nameZh: true, nameEn: true }
		});
		return {
			categories: categories.map(({ _count, ...c }) => ({ ...c, entries: _count.entries })),
			streets
		};
	}),

	/** The published works, by medium (category key) and/or by street (code). */
	list: publicProcedure.input(filterSchema).query(({ ctx, input }) => publishedEntries(ctx.db, input)),

	/**
	 * One published work with the previous and next work of the same listing, so the entry
	 * page can move through the gallery with the arrow keys.
	 */
	entry: publicProcedure.input(filterSchema.extend({ number: z.number().int().min(1) })).query(async ({ ctx, input }) => {
		const list = await publishedEntries(ctx.db, { category: input.category, street: input.street });
		const index = list.findIndex((e) => e.number === input.number);
		const entry = list[index];
		if (!entry) throw userError('NOT_FOUND', 'art.entry_not_found');
		return {
			entry,
			position: index + 1,
			total: list.length,
			previous: list[index - 1]?.number ?? null,
			next: list[index + 1]?.number ?? null
		};
	})
});
