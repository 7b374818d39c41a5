/**
 * The organizer's art console: media and performance categories, the entry window and
 * quotas, jury panels and rounds, results with breakdown, progress and outliers, selections
 * by quota, awards, publication, and the data of certificates and the catalogue.
 */
import { z } from 'zod';
import { text } from '$lib/schemas/text';
import type { Prisma } from '../../../db/generated/sqlite/client';
import { organizerProcedure, router } from '../../init';
import { userError } from '../../errors';
import { audit } from '../../../audit';
import { broadcastMedals } from '../../../realtime/broadcast';
import { publish } from '../../../realtime/io';
import { actorOf, criterionSchema, currentEdition, parseCriteria, parseShortlist, roundEntryWhere } from '../../../art/common';
import { categoryRanking, roundOutliers, roundResults } from '../../../art/results';
import { AWARD_LEVELS } from '../../../art/awards';
import { assertArtWindowValid, assertPanelSize } from '$lib/domain/art/entries';
import { selectByQuota, validateScore } from '$lib/domain/art/jury';
import { RuleViolation } from '$lib/domain/errors';
import { errorFields, log } from '../../../log';

const id = z.string().min(1).max(40);

const categoryInput = z.object({
	id: id.optional(),
	key: z.string().trim().regex(/^[a-z][a-z0-9-]{1,30}$/, 'art.category_key'),
	nameZh: text().min(1, 'art.name_required').max(40, 'art.too_long'),
	nameEn: text().min(1, 'art.name_required').max(60, 'art.too_long'),
	kind: z.enum(['visual', 'performance']),
	streetQuota: z.number().int().min(1, 'art.quota_invalid').max(100, 'art.quota_invalid').nullable(),
	sortOrder: z.number().int().min(0).max(999).default(0)
});

const panelInput = z.object({
	artCategoryId: id,
	name: text().min(1, 'art.name_required').max(60, 'art.too_long'),
	scaleMin: z.number().min(-1000).max(1000),
	scaleMax: z.number().min(-1000).max(1000),
	scaleStep: z.number().min(0).max(1000),
	criteria: z.array(criterionSchema).max(8),
	jurorIds: z.array(id).max(20)
});

/**
 * After committed changes to published art results: an 'art.results' notice to the 'medals'
 * room (the public gallery reloads; the medal table's reducer ignores other types), then the
 * medal table itself, which counts art awards by street. Never throws: the change is saved.
 */
async function announce(db: Parameters<typeof broadcastMedals>[0], categoryKey: string): Promise<void> {
	try {
		await publish('medals', 'art.results', { category: categoryKey });
	} catch (error) {
		log.error('announcing art results failed', errorFields(error));
	}
	await broadcastMedals(db);
}

const entryAdminSelect = {
	id: true,
	number: true,
	title: true,
	authorName: true,
	coAuthors: true,
	year: true,
	dimensions: true,
	technique: true,
	status: true,
	street: { select: { id: true, code: true, nameZh: true, nameEn: true } },
	images: { select: { id: true, altText: true, width: true, height: true }, orderBy: { sortOrder: 'asc' }, take: 1 },
	awards: { select: { kind: true, value: true } }
} satisfies Prisma.ArtEntrySelect;


export const artAdminRouter = router({
	/** Everything the art console's overview shows. */
	overview: organizerProcedure.query(async ({ ctx }) => {
		const edition = await currentEdition(ctx.db);
		const [categories, jurors] = await Promise.all([
			ctx.db.artCategory.findMany({
				where: { editionId: edition.id },
				orderBy: [{ sortOrder: 'asc' }, { key: 'asc' }],
				select: {
					id: true,
					key: true,
					nameZh: true,
					nameEn: true,
					kind: true,
					streetQuota: true,
					sortOrder: true,
					resultsPublishedAt: true,
					_count: { select: { entries: { where: { status: 'submitted' } } } },
					panels: {
						select: {
							id: true,
							name: true,
							scaleMin: true,
							scaleMax: true,
							scaleStep: true,
							criteria: true,
							jurors: { select: { user: { select: { id: true, displayName: true, username: true } } } },
							rounds: { select: { id: true, number: true, status: true, shortlist: true }, orderBy: { number: 'asc' } }
						}
					}
				}
			}),
			ctx.db.user.findMany({
				where: { role: 'juror', active: true },
				orderBy: { username: 'asc' },
				select: { id: true, username: true, displayName: true, street: { select: { nameZh: true, nameEn: true } } }
			})
		]);
		return {
			window: { opensAt: edition.artOpensAt?.toISOString() ?? null, closesAt: edition.artClosesAt?.toISOString() ?? null },
			categories: categories.map((c) => ({
				...c,
				entries: c._count.entries,
				_count: undefined,
				resultsPublishedAt: c.resultsPublishedAt?.toISOString() ?? null,
				panel: c.panels[0]
					? {
							...c.panels[0],
							criteria: parseCriteria(c.panels[0].criteria),
							jurors: c.panels[0].jurors.map((j) => j.user),
							rounds: c.panels[0].rounds.map((r) => ({ ...r, shortlist: parseShortlist(r.shortlist)?.length ?? null }))
						}
					: null,
				panels: undefined
			})),
			jurors
		};
	}),

	/** Creates or changes a medium / performance category. */
	saveCategory: organizerProcedure.input(categoryInput).mutation(async ({ ctx, input }) => {
		const edition = await currentEdition(ctx.db);
		const { id: categoryId, ...data } = input;
		return ctx.db.$transaction(async (tx) => {
			const before = categoryId ? await tx.artCategory.findFirst({ where: { id: categoryId, editionId: edition.id } }) : null;
			if (categoryId && !before) throw userError('NOT_FOUND', 'art.category_not_found');
			const saved = categoryId
				? await tx.artCategory.update({ where: { id: categoryId }, data, select: { id: true, key: true } })
				: await tx.artCategory.create({ data: { ...data, editionId: edition.id }, select: { id: true, key: true } });
			await audit(tx, actorOf(ctx.user), {
				action: categoryId ? 'art.category.update' : 'art.category.create',
				entity: 'ArtCategory',
				entityId: saved.id,
				before: before ?? undefined,
				after: data
			});
			return saved;
		});
	}),

	/** The entry window of the current edition. */
	setWindow: organizerProcedure
		.input(z.object({ opensAt: z.coerce.date({ error: 'art.date_invalid' }), closesAt: z.coerce.date({ error: 'art.date_invalid' }) }))
		.mutation(async ({ ctx, input }) => {
			assertArtWindowValid(input.opensAt, input.closesAt);
			const edition = await currentEdition(ctx.db);
			await ctx.db.$transaction(async (tx) => {
				await tx.edition.update({ where: { id: edition.id }, data: { artOpensAt: input.opensAt, artClosesAt: input.closesAt } });
				await audit(tx, actorOf(ctx.user), {
					action: 'art.window.set',
					entity: 'Edition',
					entityId: edition.id,
					before: { opensAt: edition.artOpensAt, closesAt: edition.artClosesAt },
					after: input
				});
			});
			return { opensAt: input.opensAt.toISOString(), closesAt: input.closesAt.toISOString() };
		}),

	/**
	 * Forms (or changes) the panel of a category: 3-9 jurors, the scale and optional weighted
	 * criteria. The scale and criteria cannot change once a round has scores.
	 */
	savePanel: organizerProcedure.input(panelInput).mutation(async ({ ctx, input }) => {
		const jurorIds = [...new Set(input.jurorIds)];
		assertPanelSize(jurorIds.length);
		const scale = validateScore(input.scaleMin, { min: input.scaleMin, max: input.scaleMax, step: input.scaleStep > 0 ? input.scaleStep : undefined });
		if (!scale.ok) throw new RuleViolation(scale.error.code, scale.error.message, scale.error.params ?? {});
		const jurors = await ctx.db.user.count({ where: { id: { in: jurorIds }, role: 'juror' } });
		if (jurors !== jurorIds.length) throw userError('BAD_REQUEST', 'art.not_jurors');
		const category = await ctx.db.artCategory.findUnique({ where: { id: input.artCategoryId }, select: { id: true } });
		if (!category) throw userError('NOT_FOUND', 'art.category_not_found');
		return ctx.db.$transaction(async (tx) => {
			const existing = await tx.juryPanel.findFirst({ where: { artCategoryId: input.artCategoryId }, select: { id: true, scaleMin: true, scaleMax: true, scaleStep: true, criteria: true } });
			const data = {
				name: input.name,
				scaleMin: input.scaleMin,
				scaleMax: input.scaleMax,
				scaleStep: input.scaleStep,
				criteria: JSON.stringify(input.criteria)
			};
			if (existing) {
				const scaleChanged =
					existing.scaleMin !== data.scaleMin || existing.scaleMax !== data.scaleMax || existing.scaleStep !== data.scaleStep || existing.criteria !== data.criteria;
				if (scaleChanged && (await tx.juryScore.count({ where: { round: { panelId: existing.id } } })) > 0) {
					throw userError('CONFLICT', 'art.scale_locked');
				}
			}
			const panel = existing
				? await tx.juryPanel.update({ where: { id: existing.id }, data, select: { id: true } })
				: await tx.juryPanel.create({ data: { ...data, artCategoryId: input.artCategoryId }, select: { id: true } });
			await tx.panelJuror.deleteMany({ where: { panelId: panel.id, userId: { notIn: jurorIds } } });
			for (const userId of jurorIds) {
				await tx.panelJuror.upsert({ where: { panelId_userId: { panelId: panel.id, userId } }, create: { panelId: panel.id, userId }, update: {} });
			}
			await audit(tx, actorOf(ctx.user), {
				action: existing ? 'art.panel.update' : 'art.panel.create',
				entity: 'JuryPanel',
				entityId: panel.id,
				after: { ...data, jurorIds }
			});
			return panel;
		});
	}),

	/**
	 * Opens the next judging round. Earlier rounds must be closed. `shortlistTop` limits the
	 * round to the top N of the previous round (entries tied at the cut-off all go through);
	 * jurors never see earlier rounds' scores.
	 */
	openRound: organizerProcedure
		.input(z.object({ panelId: id, shortlistTop: z.number().int().min(1, 'art.shortlist_invalid').max(1000).nullish() }))
		.mutation(async ({ ctx, input }) => {
			const panel = await ctx.db.juryPanel.findUnique({
				where: { id: input.panelId },
				select: { id: true, _count: { select: { jurors: true } }, rounds: { orderBy: { number: 'desc' }, select: { id: true, number: true, status: true } } }
			});
			if (!panel) throw userError('NOT_FOUND', 'art.panel_not_found');
			assertPanelSize(panel._count.jurors);
			if (panel.rounds.some((r) => r.status !== 'closed')) throw userError('CONFLICT', 'art.round_still_open');
			const previous = panel.rounds[0];
			let shortlist: string[] | null = null;
			if (input.shortlistTop) {
				if (!previous) throw userError('BAD_REQUEST', 'art.shortlist_needs_round');
				const { ranking } = await roundResults(ctx.db, previous.id);
				const cut = ranking[Math.min(input.shortlistTop, ranking.length) - 1]?.rank ?? 0;
				shortlist = ranking.filter((r) => r.rank <= cut).map((r) => r.id);
			}
			return ctx.db.$transaction(async (tx) => {
				const round = await tx.judgingRound.create({
					data: {
						panelId: panel.id,
						number: (previous?.number ?? 0) + 1,
						status: 'open',
						openedAt: new Date(),
						shortlist: shortlist ? JSON.stringify(shortlist) : null
					},
					select: { id: true, number: true, status: true }
				});
				await audit(tx, actorOf(ctx.user), {
					action: 'art.round.open',
					entity: 'JudgingRound',
					entityId: round.id,
					after: { number: round.number, shortlist: shortlist?.length ?? null }
				});
				return round;
			});
		}),

	/** Closes a round: no score can change afterwards. */
	closeRound: organizerProcedure.input(z.object({ roundId: id })).mutation(async ({ ctx, input }) => {
		return ctx.db.$transaction(async (tx) => {
			const round = await tx.judgingRound.findUnique({ where: { id: input.roundId }, select: { id: true, status: true } });
			if (!round) throw userError('NOT_FOUND', 'art.round_not_found');
			if (round.status === 'closed') return { id: round.id, status: 'closed' };
			await tx.judgingRound.update({ where: { id: round.id }, data: { status: 'closed', closedAt: new Date() } });
			await audit(tx, actorOf(ctx.user), { action: 'art.round.close', entity: 'JudgingRound', entityId: round.id, before: { status: round.status }, after: { status: 'closed' } });
			return { id: round.id, status: 'closed' };
		});
	}),

	/**
	 * A round's results for the organizer: the ranking with every juror's score (conflicts
	 * marked), each juror's progress and the outlier hints.
	 */
	results: organizerProcedure.input(z.object({ roundId: id })).query(async ({ ctx, input }) => {
		const round = await ctx.db.judgingRound.findUnique({
			where: { id: input.roundId },
			select: {
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
						artCategory: { select: { id: true, key: true, nameZh: true, nameEn: true } },
						jurors: { select: { user: { select: { id: true, displayName: true, streetId: true } } } }
					}
				}
			}
		});
		if (!round) throw userError('NOT_FOUND', 'art.round_not_found');
		const results = await roundResults(ctx.db, round.id);
		const entries = await ctx.db.artEntry.findMany({ where: roundEntryWhere(round), orderBy: { number: 'asc' }, select: entryAdminSelect });
		const rankById = new Map(results.ranking.map((r) => [r.id, r]));
		const jurors = round.panel.jurors.map((j) => j.user);
		const progress = jurors.map((juror) => {
			const assigned = entries.filter((e) => !juror.streetId || e.street.id !== juror.streetId);
			const done = assigned.filter((e) => (results.scoresByEntry.get(e.id) ?? []).some((s) => s.jurorId === juror.id && (s.score !== null || s.conflict)));
			return { jurorId: juror.id, displayName: juror.displayName, assigned: assigned.length, scored: done.length };
		});
		const names = new Map(jurors.map((j) => [j.id, j.displayName]));
		const outlierList = roundOutliers(results, round.panel.scaleStep).map((o) => ({ ...o, displayName: names.get(o.jurorId) ?? o.jurorId }));
		const rows = entries
			.map((e) => ({
				...e,
				result: rankById.get(e.id) ?? null,
				scores: jurors.map((j) => {
					const s = (results.scoresByEntry.get(e.id) ?? []).find((x) => x.jurorId === j.id);
					const ownStreet = Boolean(j.streetId && j.streetId === e.street.id);
					return { jurorId: j.id, score: s?.score ?? null, conflict: s?.conflict ?? false, ownStreet };
				})
			}))
			.sort((a, b) => (a.result?.rank ?? 1e9) - (b.result?.rank ?? 1e9) || a.number - b.number);
		return {
			round: { id: round.id, number: round.number, status: round.status, shortlist: parseShortlist(round.shortlist)?.length ?? null },
			panel: { id: round.panel.id, name: round.panel.name, scale: { min: round.panel.scaleMin, max: round.panel.scaleMax, step: round.panel.scaleStep } },
			category: round.panel.artCategory,
			jurors: jurors.map((j) => ({ id: j.id, displayName: j.displayName })),
			progress,
			outliers: outlierList,
			rows
		};
	}),

	/**
	 * Marks selections by quota from the final ranking (latest closed round). Replaces the
	 * category's selections for the lists given; tied entries at a cut-off are reported for
	 * the organizer to decide (setSelection), never broken silently.
	 */
	selectByQuota: organizerProcedure
		.input(
			z.object({
				artCategoryId: id,
				quotas: z.array(z.object({ list: z.string().trim().regex(/^[a-z][a-z0-9-]{0,30}$/, 'art.list_key'), size: z.number().int().min(0).max(1000) })).min(1).max(6)
			})
		)
		.mutation(async ({ ctx, input }) => {
			const ranking = await categoryRanking(ctx.db, input.artCategoryId);
			if (!ranking.length) throw userError('CONFLICT', 'art.no_ranking');
			const lists = selectByQuota(ranking, input.quotas);
			await ctx.db.$transaction(async (tx) => {
				for (const list of lists) {
					await tx.artAward.deleteMany({ where: { kind: 'selection', value: list.list, entry: { artCategoryId: input.artCategoryId } } });
					for (const entryId of list.selected) await tx.artAward.create({ data: { entryId, kind: 'selection', value: list.list } });
				}
				await audit(tx, actorOf(ctx.user), {
					action: 'art.selection.quota',
					entity: 'ArtCategory',
					entityId: input.artCategoryId,
					after: lists.map((l) => ({ list: l.list, size: l.size, selected: l.selected.length, tied: l.tiedAtCutoff.length }))
				});
			});
			return lists;
		}),

	/** Adds or removes one entry on a selection list (e.g. to settle a tie at the cut-off). */
	setSelection: organizerProcedure
		.input(z.object({ entryId: id, list: z.string().trim().regex(/^[a-z][a-z0-9-]{0,30}$/, 'art.list_key'), selected: z.boolean() }))
		.mutation(async ({ ctx, input }) => {
			await ctx.db.$transaction(async (tx) => {
				if (input.selected) {
					await tx.artAward.upsert({
						where: { entryId_kind_value: { entryId: input.entryId, kind: 'selection', value: input.list } },
						create: { entryId: input.entryId, kind: 'selection', value: input.list },
						update: {}
					});
				} else {
					await tx.artAward.deleteMany({ where: { entryId: input.entryId, kind: 'selection', value: input.list } });
				}
				await audit(tx, actorOf(ctx.user), { action: 'art.selection.set', entity: 'ArtEntry', entityId: input.entryId, after: input });
			});
			return { ok: true as const };
		}),

	/** Gives an entry its award (one per entry), or removes it with level null. */
	setAward: organizerProcedure
		.input(z.object({ entryId: id, level: z.enum(AWARD_LEVELS).nullable() }))
		.mutation(async ({ ctx, input }) => {
			const entry = await ctx.db.artEntry.findUnique({ where: { id: input.entryId }, select: { id: true, artCategory: { select: { key: true, resultsPublishedAt: true } } } });
			if (!entry) throw userError('NOT_FOUND', 'art.entry_not_found');
			await ctx.db.$transaction(async (tx) => {
				const before = await tx.artAward.findFirst({ where: { entryId: input.entryId, kind: 'award' }, select: { value: true } });
				await tx.artAward.deleteMany({ where: { entryId: input.entryId, kind: 'award' } });
				if (input.level) await tx.artAward.create({ data: { entryId: input.entryId, kind: 'award', value: input.level } });
				await audit(tx, actorOf(ctx.user), { action: 'art.award.set', entity: 'ArtEntry', entityId: input.entryId, before, after: { level: input.level } });
			});
			if (entry.artCategory.resultsPublishedAt) await announce(ctx.db, entry.artCategory.key);
			return { entryId: input.entryId, level: input.level };
		}),

	/** Publishes (or withdraws) a category's results and gallery; spectators' pages update live. */
	publish: organizerProcedure.input(z.object({ artCategoryId: id, published: z.boolean() })).mutation(async ({ ctx, input }) => {
		const category = await ctx.db.artCategory.findUnique({ where: { id: input.artCategoryId }, select: { id: true, key: true } });
		if (!category) throw userError('NOT_FOUND', 'art.category_not_found');
		if (input.published && !(await categoryRanking(ctx.db, category.id)).length) throw userError('CONFLICT', 'art.no_ranking');
		const at = input.published ? new Date() : null;
		await ctx.db.$transaction(async (tx) => {
			await tx.artCategory.update({ where: { id: category.id }, data: { resultsPublishedAt: at } });
			await audit(tx, actorOf(ctx.user), { action: input.published ? 'art.publish' : 'art.unpublish', entity: 'ArtCategory', entityId: category.id });
		});
		await announce(ctx.db, category.key);
		return { id: category.id, resultsPublishedAt: at?.toISOString() ?? null };
	}),

	/**
	 * The final results of a category with authors and streets (organizer's award screen,
	 * certificates and catalogue): entries by final rank, then unranked by number.
	 */
	finalResults: organizerProcedure.input(z.object({ artCategoryId: id })).query(async ({ ctx, input }) => {
		const category = await ctx.db.artCategory.findUnique({
			where: { id: input.artCategoryId },
			select: { id: true, key: true, nameZh: true, nameEn: true, kind: true, resultsPublishedAt: true, edition: { select: { nameZh: true, nameEn: true } } }
		});
		if (!category) throw userError('NOT_FOUND', 'art.category_not_found');
		const ranking = await categoryRanking(ctx.db, category.id);
		const byId = new Map(ranking.map((r) => [r.id, r]));
		const entries = await ctx.db.artEntry.findMany({
			where: { artCategoryId: category.id, status: 'submitted' },
			orderBy: { number: 'asc' },
			select: { ...entryAdminSelect, statement: true }
		});
		return {
			category: { ...category, resultsPublishedAt: category.resultsPublishedAt?.toISOString() ?? null },
			entries: entries
				.map((e) => ({ ...e, result: byId.get(e.id) ?? null }))
				.sort((a, b) => (a.result?.rank ?? 1e9) - (b.result?.rank ?? 1e9) || a.number - b.number)
		};
	})
});
