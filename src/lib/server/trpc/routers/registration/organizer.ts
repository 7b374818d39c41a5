/**
 * The organizer's registration tools: the programme (edition window and event limit, venues
 * and tables, categories with rule, format and quota), the overview against quotas, closing
 * registration, the Excel entry list (masked; the full export is audited) and check-in.
 */
import { z } from 'zod';
import { text } from '$lib/schemas/text';
import { organizerProcedure, roleProcedure, router } from '../../init';
import { userError } from '../../errors';
import { opIdSchema } from './schemas';
import { staffAthleteSelect, maskedAthlete, ruleText } from './street';
import { audit } from '../../../audit';
import { limits } from '../../../auth/limits';
import { RegistrationRefused, once, staffActor } from '../../../registration/common';
import { ACTIVE_STATUSES, categorySelect, currentEdition, isOpen, loadProgramme, nameIn, ruleOf } from '../../../registration/service';
import { entryList } from '../../../registration/excel';
import { findAllInBatches } from '../../../db/batches';
import { CATEGORY_FORMATS, formatConfigSchema, parseFormatConfig } from '../../../competition/formatConfig';
import { validateEligibilityRule, type EligibilityRule } from '$lib/domain/registration/eligibility';
import { personNumbersSelect, staffPersonView } from '../../../registration/personView';
import { referenceFromScan } from '$lib/domain/registration/reference';
import { translate } from '$lib/i18n';
import { openPerson } from '../../../privacy/person';
import { accessLog, recordAccess } from '../../../privacy/access';
import { consentsOf } from '../../../privacy/consent';
import { forgetTimeZone } from '../../../clock';
import { isSelectableTimeZone } from '$lib/i18n/time';

/**
 * Check-in finds athletes by reference code alone (staff only): each staff member has a budget
 * of failed look-ups (auth/limits.ts), a point taken before the look-up and given back when the
 * code is found, so a signed-in account cannot walk the reference codes to list athletes.
 */
async function checkinFound<T>(userId: string, find: () => Promise<T | null>): Promise<T> {
	const limit = limits().get('checkinLookup');
	const taken = await limit.take(userId);
	if (!taken.ok) throw userError('TOO_MANY_REQUESTS', 'errors.rate_limited', { seconds: taken.retryAfterSeconds });
	const found = await find();
	if (!found) throw userError('NOT_FOUND', 'registration.checkin.unknown');
	await limit.give(userId);
	return found;
}

const isoOrNull = z.union([z.iso.datetime({ offset: true, message: 'registration.date_invalid' }), z.literal(''), z.null()]).transform((v) => (v ? new Date(v) : null));

const ruleSchema = z.object({
	genders: z.array(z.enum(['male', 'female'])).default([]),
	minAge: z.number().int().min(0).max(130).optional(),
	maxAge: z.number().int().min(0).max(130).optional(),
	ageReferenceDate: z.string().max(10).optional(),
	disabilityCategories: z.array(z.number().int()).default([]),
	grades: z.array(z.number().int()).default([]),
	sportClasses: z.array(text().max(20)).default([])
});

const categoryInput = z.object({
	id: z.string().max(40).optional(),
	sportKey: z.string().min(1).max(40),
	code: z
		.string()
		.trim()
		.min(1, 'registration.programme.code_invalid')
		.max(16, 'registration.programme.code_invalid')
		.regex(/^[A-Za-z0-9-]+$/, 'registration.programme.code_invalid')
		.transform((c) => c.toUpperCase()),
	nameZh: text().min(1, 'registration.programme.name_required').max(80, 'registration.too_long'),
	nameEn: text().min(1, 'registration.programme.name_required').max(120, 'registration.too_long'),
	format: z.enum(CATEGORY_FORMATS),
	formatConfig: formatConfigSchema,
	rule: ruleSchema,
	streetQuota: z.number().int().min(0, 'registration.programme.quota_invalid').max(1000, 'registration.programme.quota_invalid').nullable(),
	maxEntries: z.number().int().min(0).max(10000).nullable().default(null),
	status: z.enum(['open', 'closed']).optional()
});
export type CategoryInput = z.input<typeof categoryInput>;

const countBy = (rows: Array<{ status: string; _count: { _all: number } }>, statuses: string[]) =>
	rows.filter((r) => statuses.includes(r.status)).reduce((n, r) => n + r._count._all, 0);

export const organizerRegistrationRouter = router({
	programme: router({
		/** Everything the programme page edits. */
		get: organizerProcedure.query(async ({ ctx }) => {
			const edition = await currentEdition(ctx.db);
			const [venues, sports, { categories }] = await Promise.all([
				ctx.db.venue.findMany({ where: { editionId: edition.id }, orderBy: { sortOrder: 'asc' }, select: { id: true, nameZh: true, nameEn: true, addressZh: true, addressEn: true, tables: { orderBy: { sortOrder: 'asc' }, select: { id: true, kind: true, label: true } } } }),
				ctx.db.sport.findMany({ orderBy: { sortOrder: 'asc' }, select: { id: true, key: true, nameZh: true, nameEn: true } }),
				loadProgramme(ctx.db, edition.id, null)
			]);
			return {
				edition: { ...edition, registrationOpensAt: edition.registrationOpensAt?.toISOString() ?? null, registrationClosesAt: edition.registrationClosesAt?.toISOString() ?? null, open: isOpen(edition) },
				venues,
				sports,
				categories: categories.map((c) => {
					const rule = ruleOf(c, edition);
					return { ...c, rule, ruleText: ruleText(ctx.locale, rule), formatConfig: parseFormatConfig(c.formatConfig) };
				})
			};
		}),

		/** The registration window and the event limit per athlete. */
		updateEdition: organizerProcedure
			.input(z.object({ registrationOpensAt: isoOrNull, registrationClosesAt: isoOrNull, maxEventsPerAthlete: z.number().int().min(1, 'registration.programme.max_events').max(10, 'registration.programme.max_events') }))
			.mutation(async ({ ctx, input }) => {
				if (input.registrationOpensAt && input.registrationClosesAt && input.registrationOpensAt >= input.registrationClosesAt) {
					throw new RegistrationRefused([{ field: 'registrationClosesAt', code: 'registration.programme.window_order', params: {} }]);
				}
				const edition = await currentEdition(ctx.db);
				await ctx.db.$transaction(async (tx) => {
					await tx.edition.update({ where: { id: edition.id }, data: input });
					await audit(tx, staffActor(ctx.user), {
						action: 'edition.update',
						entity: 'Edition',
						entityId: edition.id,
						before: { opensAt: edition.registrationOpensAt, closesAt: edition.registrationClosesAt, maxEventsPerAthlete: edition.maxEventsPerAthlete },
						after: { opensAt: input.registrationOpensAt, closesAt: input.registrationClosesAt, maxEventsPerAthlete: input.maxEventsPerAthlete }
					});
				});
				return { ok: true };
			}),

		/**
		 * The edition's time zone (an IANA name, default Asia/Shanghai): every time the app shows,
		 * prints or exports, and every time an organizer types, is on it. Stored instants do not
		 * change; only how they are written. Audited.
		 */
		updateTimeZone: organizerProcedure
			.input(z.object({ timeZone: z.string().trim().max(64, 'registration.programme.time_zone_unknown').refine(isSelectableTimeZone, 'registration.programme.time_zone_unknown') }))
			.mutation(async ({ ctx, input }) => {
				const edition = await currentEdition(ctx.db);
				if (edition.timeZone !== input.timeZone) {
					await ctx.db.$transaction(async (tx) => {
						await tx.edition.update({ where: { id: edition.id }, data: { timeZone: input.timeZone } });
						await audit(tx, staffActor(ctx.user), {
							action: 'edition.time_zone',
							entity: 'Edition',
							entityId: edition.id,
							before: { timeZone: edition.timeZone },
							after: { timeZone: input.timeZone }
						});
					});
				}
				forgetTimeZone();
				return { timeZone: input.timeZone };
			}),

		addVenue: organizerProcedure
			.input(z.object({ nameZh: text().min(1, 'registration.programme.name_required').max(80, 'registration.too_long'), nameEn: text().min(1, 'registration.programme.name_required').max(120, 'registration.too_long'), addressZh: text().max(200, 'registration.too_long').default(''), addressEn: text().max(200, 'registration.too_long').default('') }))
			.mutation(async ({ ctx, input }) => {
				const edition = await currentEdition(ctx.db);
				return ctx.db.$transaction(async (tx) => {
					const count = await tx.venue.count({ where: { editionId: edition.id } });
					const venue = await tx.venue.create({ data: { ...input, editionId: edition.id, sortOrder: count + 1 }, select: { id: true } });
					await audit(tx, staffActor(ctx.user), { action: 'venue.create', entity: 'Venue', entityId: venue.id, after: input });
					return venue;
				});
			}),

		/** Adds `count` tables/boards/lanes to a venue, numbered after the existing ones. */
		addTables: organizerProcedure
			.input(z.object({ venueId: z.string().max(40), kind: z.enum(['table', 'board', 'lane']), count: z.number().int().min(1, 'registration.programme.table_count').max(100, 'registration.programme.table_count') }))
			.mutation(async ({ ctx, input }) => {
				return ctx.db.$transaction(async (tx) => {
					const venue = await tx.venue.findFirst({ where: { id: input.venueId, edition: { current: true } }, select: { id: true, tables: { where: { kind: input.kind }, select: { label: true, sortOrder: true } } } });
					if (!venue) throw userError('NOT_FOUND', 'errors.not_found');
					const numbers = venue.tables.map((t) => Number(t.label)).filter((n) => Number.isInteger(n));
					const start = (numbers.length ? Math.max(...numbers) : 0) + 1;
					const order = venue.tables.reduce((m, t) => Math.max(m, t.sortOrder), 0);
					for (let i = 0; i < input.count; i++) {
						await tx.venueTable.create({ data: { venueId: venue.id, kind: input.kind, label: String(start + i), sortOrder: order + i + 1 } });
					}
					await audit(tx, staffActor(ctx.user), { action: 'venue.tables', entity: 'Venue', entityId: venue.id, after: { kind: input.kind, added: input.count } });
					return { added: input.count };
				});
			}),

		/** Creates or updates a category; the rule is checked by the domain, the format settings by their schema. */
		saveCategory: organizerProcedure.input(categoryInput).mutation(async ({ ctx, input }) => {
			const edition = await currentEdition(ctx.db);
			const rule: EligibilityRule = {
				...(input.rule.genders.length ? { genders: input.rule.genders } : {}),
				...(input.rule.minAge !== undefined ? { minAge: input.rule.minAge } : {}),
				...(input.rule.maxAge !== undefined ? { maxAge: input.rule.maxAge } : {}),
				ageReferenceDate: input.rule.ageReferenceDate || edition.startsOn,
				...(input.rule.disabilityCategories.length ? { disabilityCategories: input.rule.disabilityCategories } : {}),
				...(input.rule.grades.length ? { grades: input.rule.grades } : {}),
				...(input.rule.sportClasses.length ? { sportClasses: input.rule.sportClasses } : {})
			};
			const problems = validateEligibilityRule(rule);
			if (problems.length > 0) throw new RegistrationRefused(problems.map((p) => ({ ...p, field: 'rule' })));
			const sport = await ctx.db.sport.findUnique({ where: { key: input.sportKey }, select: { id: true } });
			if (!sport) throw new RegistrationRefused([{ field: 'sportKey', code: 'registration.programme.sport_required', params: {} }]);
			const data = {
				sportId: sport.id,
				code: input.code,
				nameZh: input.nameZh,
				nameEn: input.nameEn,
				format: input.format,
				formatConfig: JSON.stringify(input.formatConfig),
				eligibility: JSON.stringify(rule),
				streetQuota: input.streetQuota,
				maxEntries: input.maxEntries,
				...(input.status ? { status: input.status } : {})
			};
			return ctx.db.$transaction(async (tx) => {
				if (input.id) {
					const before = await tx.category.findFirst({ where: { id: input.id, editionId: edition.id }, select: categorySelect });
					if (!before) throw userError('NOT_FOUND', 'errors.not_found');
					await tx.category.update({ where: { id: input.id }, data });
					await audit(tx, staffActor(ctx.user), { action: 'category.update', entity: 'Category', entityId: input.id, before, after: data });
					return { id: input.id };
				}
				const count = await tx.category.count({ where: { editionId: edition.id } });
				const created = await tx.category.create({ data: { ...data, editionId: edition.id, sortOrder: count + 1 }, select: { id: true } });
				await audit(tx, staffActor(ctx.user), { action: 'category.create', entity: 'Category', entityId: created.id, after: data });
				return created;
			});
		})
	}),

	entries: router({
		/** Entries per category and per street against quotas. */
		overview: organizerProcedure.query(async ({ ctx }) => {
			const edition = await currentEdition(ctx.db);
			const [{ categories }, streets, byCategory, byStreet, checkedIn] = await Promise.all([
				loadProgramme(ctx.db, edition.id, null),
				ctx.db.street.findMany({ orderBy: { sortOrder: 'asc' }, select: { id: true, code: true, nameZh: true, nameEn: true } }),
				ctx.db.entry.groupBy({ by: ['categoryId', 'status'], where: { category: { editionId: edition.id } }, _count: { _all: true } }),
				ctx.db.$queryRaw<Array<{ streetId: string; categoryId: string; status: string; n: number | bigint }>>`
					SELECT a."streetId" AS "streetId", e."categoryId" AS "categoryId", e."status" AS "status", COUNT(*) AS "n"
					FROM "Entry" e JOIN "Athlete" a ON a."id" = e."athleteId"
					WHERE a."editionId" = ${edition.id}
					GROUP BY a."streetId", e."categoryId", e."status"`,
				ctx.db.entry.count({ where: { category: { editionId: edition.id }, checkedInAt: { not: null } } })
			]);
			const cat = (id: string, statuses: string[]) => countBy(byCategory.filter((r) => r.categoryId === id), statuses);
			const cells = new Map<string, number>();
			const streetTotals = new Map<string, { active: number; approved: number; pending: number }>();
			for (const r of byStreet) {
				const n = Number(r.n);
				if (ACTIVE_STATUSES.includes(r.status)) cells.set(`${r.streetId}:${r.categoryId}`, (cells.get(`${r.streetId}:${r.categoryId}`) ?? 0) + n);
				const t = streetTotals.get(r.streetId) ?? { active: 0, approved: 0, pending: 0 };
				if (ACTIVE_STATUSES.includes(r.status)) t.active += n;
				if (r.status === 'approved') t.approved += n;
				if (r.status === 'pending') t.pending += n;
				streetTotals.set(r.streetId, t);
			}
			return {
				edition: { nameZh: edition.nameZh, nameEn: edition.nameEn, opensAt: edition.registrationOpensAt?.toISOString() ?? null, closesAt: edition.registrationClosesAt?.toISOString() ?? null, open: isOpen(edition) },
				checkedIn,
				categories: categories.map((c) => ({
					id: c.id,
					code: c.code,
					nameZh: c.nameZh,
					nameEn: c.nameEn,
					quota: c.streetQuota,
					status: c.status,
					pending: cat(c.id, ['pending']),
					returned: cat(c.id, ['returned']),
					approved: cat(c.id, ['approved']),
					withdrawn: cat(c.id, ['withdrawn'])
				})),
				streets: streets.map((s) => ({
					...s,
					...(streetTotals.get(s.id) ?? { active: 0, approved: 0, pending: 0 }),
					cells: categories.map((c) => {
						const n = cells.get(`${s.id}:${c.id}`) ?? 0;
						return { n, over: c.streetQuota !== null && n > c.streetQuota, full: c.streetQuota !== null && n >= c.streetQuota };
					})
				}))
			};
		}),

		/** The entries of one category (numbers masked), for the organizer's list. */
		list: organizerProcedure.input(z.object({ categoryId: z.string().max(40) })).query(async ({ ctx, input }) => {
			const category = await ctx.db.category.findFirst({ where: { id: input.categoryId, edition: { current: true } }, select: { id: true, code: true, nameZh: true, nameEn: true, streetQuota: true } });
			if (!category) throw userError('NOT_FOUND', 'errors.not_found');
			const athletes = await findAllInBatches((page) =>
				ctx.db.athlete.findMany({ where: { entries: { some: { categoryId: category.id } } }, orderBy: [{ street: { sortOrder: 'asc' } }, { name: 'asc' }, { id: 'asc' }], select: staffAthleteSelect, ...page })
			);
			return { category, athletes: athletes.map(maskedAthlete) };
		}),

		/** One athlete's personal-data access log and consents (who viewed the full numbers, when, why). */
		accessLog: organizerProcedure.input(z.object({ athleteId: z.string().max(40) })).query(async ({ ctx, input }) => {
			const athlete = await ctx.db.athlete.findFirst({ where: { id: input.athleteId, edition: { current: true } }, select: { id: true, name: true, referenceCode: true, erasedAt: true } });
			if (!athlete) throw userError('NOT_FOUND', 'errors.not_found');
			return { athlete: { ...athlete, erasedAt: athlete.erasedAt?.toISOString() ?? null }, accessLog: await accessLog(ctx.db, athlete.id), consents: await consentsOf(ctx.db, athlete.id) };
		}),

		/** Closes registration now: the window ends, every write by athletes and coordinators is refused. */
		close: organizerProcedure.input(z.object({ opId: opIdSchema })).mutation(async ({ ctx, input }) =>
			once(ctx.db, input.opId, 'registration.close', ctx.user.id, async (tx) => {
				const edition = await currentEdition(tx);
				const now = new Date();
				await tx.edition.update({ where: { id: edition.id }, data: { registrationClosesAt: now } });
				await audit(tx, staffActor(ctx.user), { action: 'registration.close', entity: 'Edition', entityId: edition.id, before: { closesAt: edition.registrationClosesAt }, after: { closesAt: now }, opId: input.opId });
				return { closesAt: now.toISOString() };
			})
		),

		/**
		 * Reopens registration until a new closing time (the undo of `close`): the time must be in
		 * the future and after the opening time. Audited; idempotent by `opId`.
		 */
		reopen: organizerProcedure
			.input(z.object({ opId: opIdSchema, closesAt: z.iso.datetime({ offset: true, message: 'registration.date_invalid' }).transform((v) => new Date(v)) }))
			.mutation(async ({ ctx, input }) =>
				once(ctx.db, input.opId, 'registration.reopen', ctx.user.id, async (tx) => {
					const edition = await currentEdition(tx);
					if (input.closesAt.getTime() <= Date.now()) {
						throw new RegistrationRefused([{ field: 'closesAt', code: 'registration.admin.reopen_past', params: {} }]);
					}
					if (edition.registrationOpensAt && edition.registrationOpensAt >= input.closesAt) {
						throw new RegistrationRefused([{ field: 'closesAt', code: 'registration.programme.window_order', params: {} }]);
					}
					await tx.edition.update({ where: { id: edition.id }, data: { registrationClosesAt: input.closesAt } });
					await audit(tx, staffActor(ctx.user), { action: 'registration.reopen', entity: 'Edition', entityId: edition.id, before: { closesAt: edition.registrationClosesAt }, after: { closesAt: input.closesAt }, opId: input.opId });
					return { closesAt: input.closesAt.toISOString() };
				})
			),

		/** The entry list as .xlsx (base64), one sheet per category; `full` shows the numbers and is audited. */
		export: organizerProcedure.input(z.object({ full: z.boolean().default(false), reason: z.string().trim().max(200, 'registration.too_long').default('') })).mutation(async ({ ctx, input }) => {
			const edition = await currentEdition(ctx.db);
			const { categories } = await loadProgramme(ctx.db, edition.id, null);
			const entries = await ctx.db.entry.findMany({
				where: { category: { editionId: edition.id }, status: { in: ACTIVE_STATUSES } },
				orderBy: [{ athlete: { street: { sortOrder: 'asc' } } }, { athlete: { name: 'asc' } }],
				select: {
					categoryId: true,
					status: true,
					checkedInAt: true,
					athlete: { select: { id: true, referenceCode: true, name: true, gender: true, disabilityCategory: true, disabilityGrade: true, sportClass: true, ...personNumbersSelect, phoneEnc: true, street: { select: { nameZh: true, nameEn: true } } } }
				}
			});
			const t = (key: string, params?: Record<string, string | number>) => translate(ctx.locale, key, params);
			const header = ['#', t('registration.field.name'), t('registration.field.street'), t('registration.field.gender'), t(input.full ? 'registration.field.birthDate' : 'registration.field.age'), t('registration.field.disability'), t('registration.field.sportClass'), t('registration.field.residentId'), t('registration.field.certificateNo'), t('registration.field.phone'), t('registration.field.reference'), t('registration.field.status')];
			const sheets = categories.map((c) => ({
				code: c.code,
				title: `${c.code} ${nameIn(ctx.locale, c)}`,
				header,
				rows: entries
					.filter((e) => e.categoryId === c.id)
					.map((e, i) => {
						const a = e.athlete;
						// the full export (audited, in each athlete's access log) shows the numbers; the masked one goes through the one person view
						const numbers = input.full ? (({ residentId, certificateNo }) => ({ residentId, certificateNo, born: a.birthDate }))(openPerson({ residentIdEnc: a.residentIdEnc, certificateNoEnc: a.certificateNoEnc })) : (({ residentId, certificateNo, age }) => ({ residentId, certificateNo, born: age }))(staffPersonView(a));
						return [i + 1, a.name, nameIn(ctx.locale, a.street), t(`gender.${a.gender}`), numbers.born, `${t(`disability.category.${a.disabilityCategory}`)} ${t(`disability.grade.${a.disabilityGrade}`)}`, a.sportClass ?? '', numbers.residentId, numbers.certificateNo, openPerson({ phoneEnc: a.phoneEnc }).phone, a.referenceCode, t(`registration.status.${e.status}`)];
					})
			}));
			const file = await entryList(sheets);
			if (input.full) {
				// A full export is an access to every listed athlete's numbers: each athlete's access log shows it.
				await ctx.db.$transaction(async (tx) => {
					await audit(tx, staffActor(ctx.user), { action: 'entries.export_full', entity: 'Edition', entityId: edition.id, after: { entries: entries.length, reason: input.reason } });
					await recordAccess(tx, staffActor(ctx.user), [...new Set(entries.map((e) => e.athlete.id))], 'export_full', input.reason);
				});
			}
			return { filename: `entries-${input.full ? 'full' : 'masked'}.xlsx`, base64: file.toString('base64') };
		})
	}),

	checkin: router({
		/** The athlete behind a scanned QR code or a typed reference code, with approved entries. */
		lookup: roleProcedure('organizer', 'referee').input(z.object({ code: z.string().max(100) })).query(async ({ ctx, input }) => {
			const referenceCode = referenceFromScan(input.code);
			if (!referenceCode) throw userError('BAD_REQUEST', 'reference.invalid');
			const a = await checkinFound(ctx.user.id, () =>
				ctx.db.athlete.findFirst({
					where: { referenceCode, edition: { current: true } },
					select: { id: true, referenceCode: true, name: true, gender: true, sportClass: true, disabilityCategory: true, street: { select: { nameZh: true, nameEn: true } }, entries: { where: { status: 'approved' }, select: { id: true, checkedInAt: true, category: { select: { code: true, nameZh: true, nameEn: true } } } } }
				})
			);
			return { ...a, entries: a.entries.map((e) => ({ ...e, checkedInAt: e.checkedInAt?.toISOString() ?? null })) };
		}),

		/** Marks the athlete's approved entries present (idempotent). */
		mark: roleProcedure('organizer', 'referee')
			.input(z.object({ code: z.string().max(100), opId: opIdSchema }))
			.mutation(async ({ ctx, input }) => {
				const referenceCode = referenceFromScan(input.code);
				if (!referenceCode) throw userError('BAD_REQUEST', 'reference.invalid');
				return once(ctx.db, input.opId, 'entry.checkin', ctx.user.id, async (tx) => {
					// the same failed look-up budget as `lookup`: marking is a look-up too
					const a = await checkinFound(ctx.user.id, () =>
						tx.athlete.findFirst({ where: { referenceCode, edition: { current: true } }, select: { id: true, name: true, entries: { where: { status: 'approved' }, select: { id: true, checkedInAt: true } } } })
					);
					if (a.entries.length === 0) throw userError('CONFLICT', 'registration.checkin.none_approved');
					const now = new Date();
					const marked = a.entries.filter((e) => !e.checkedInAt);
					await tx.entry.updateMany({ where: { id: { in: marked.map((e) => e.id) } }, data: { checkedInAt: now } });
					await audit(tx, staffActor(ctx.user), { action: 'entry.checkin', entity: 'Athlete', entityId: a.id, after: { entries: marked.length }, opId: input.opId });
					return { name: a.name, marked: marked.length, already: a.entries.length - marked.length };
				});
			})
	})
});
