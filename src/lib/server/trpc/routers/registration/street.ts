/**
 * The street coordinator's console. Every procedure is limited to `ctx.streetId`: an entry or
 * athlete of another street is answered exactly like one that does not exist. Numbers are
 * masked. Writes a retry could duplicate carry an opId and are idempotent.
 */
import { storedOperation } from '../../../operations';
import { findAllInBatches } from '../../../db/batches';
import { z } from 'zod';
import { multilineText } from '$lib/schemas/text';
import { cleanText } from '$lib/domain/text';
import { coordinatorProcedure, router } from '../../init';
import { userError } from '../../errors';
import type { Prisma } from '../../../db/generated/sqlite/client';
import { consentMethodSchema, fieldsSchema, opIdSchema } from './schemas';
import { consentProblems } from '../../../privacy/consent';
import { audit } from '../../../audit';
import { RegistrationRefused, fieldMessages, once, staffActor, todayIn, type Tx } from '../../../registration/common';
import { editionTimeZone } from '../../../clock';
import { ACTIVE_STATUSES, createImported, currentEdition, loadProgramme, nameIn, offersOf, registerIn, ruleOf, isOpen } from '../../../registration/service';
import { windowOf as windowOfEdition } from '../../../registration/service';
import { ImportFileError, importTemplate, readImport } from '../../../registration/excel';
import { MAX_TOKEN_LENGTH, seal, unseal } from '../../../registration/seal';
import { maskResidentId } from '$lib/domain/registration/mask';
import { personNumbersSelect, staffPersonView } from '../../../registration/personView';
import { coordinatorMay, type CoordinatorWrite } from '$lib/domain/registration/coordinator';
import { validateImportRows, type ImportColumn, type RegisteredPerson } from '$lib/domain/registration/registration';
import { formatSportClasses, parseSportClassRange } from '$lib/domain/registration/eligibility';
import { translate, type Locale } from '$lib/i18n';
import { normaliseIdText } from '$lib/domain/registration/identity';
import { openPerson, residentIdIndex } from '../../../privacy/person';

export const staffAthleteSelect = {
	id: true,
	referenceCode: true,
	name: true,
	...personNumbersSelect,
	gender: true,
	disabilityCategory: true,
	disabilityGrade: true,
	sportClass: true,
	phoneEnc: true,
	guardianName: true,
	guardianPhoneEnc: true,
	guardianRelation: true,
	registeredBy: true,
	erasedAt: true,
	createdAt: true,
	street: { select: { id: true, code: true, nameZh: true, nameEn: true } },
	entries: {
		orderBy: { createdAt: 'asc' },
		select: { id: true, status: true, returnReason: true, checkedInAt: true, categoryId: true, category: { select: { code: true, nameZh: true, nameEn: true } } }
	}
} satisfies Prisma.AthleteSelect;

/** An athlete as staff see them: through the one person view (numbers masked, age instead of birth date), dates as ISO text. */
export function maskedAthlete(sealed: Prisma.AthleteGetPayload<{ select: typeof staffAthleteSelect }>) {
	const { erasedAt, phoneEnc, guardianPhoneEnc, ...a } = sealed;
	return {
		...staffPersonView(a),
		...openPerson({ phoneEnc, guardianPhoneEnc }),
		erased: erasedAt !== null,
		createdAt: a.createdAt.toISOString(),
		entries: a.entries.map((e) => ({ ...e, checkedInAt: e.checkedInAt?.toISOString() ?? null }))
	};
}

/** A rule in words, for the template's events sheet and the programme pages. */
export function ruleText(locale: Locale, rule: ReturnType<typeof ruleOf>): string {
	const parts: string[] = [];
	if (rule.genders?.length === 1) parts.push(translate(locale, `gender.${rule.genders[0]}`));
	if (rule.minAge !== undefined && rule.maxAge !== undefined) parts.push(translate(locale, 'registration.rule.age', { min: rule.minAge, max: rule.maxAge }));
	else if (rule.minAge !== undefined) parts.push(translate(locale, 'registration.rule.ageFrom', { min: rule.minAge }));
	else if (rule.maxAge !== undefined) parts.push(translate(locale, 'registration.rule.ageUpTo', { max: rule.maxAge }));
	if (rule.disabilityCategories?.length) parts.push(rule.disabilityCategories.map((c) => translate(locale, `disability.category.${c}`)).join(' / '));
	if (rule.grades?.length) parts.push(translate(locale, 'registration.rule.grades', { grades: rule.grades.join(', ') }));
	if (rule.sportClasses?.length) parts.push(formatSportClasses(rule.sportClasses.flatMap((c) => parseSportClassRange(c))));
	return parts.join(' · ') || translate(locale, 'registration.rule.open');
}

/** The entry if it belongs to the coordinator's street (in the current edition), else NOT_FOUND. */
async function ownEntry(tx: Tx, entryId: string, streetId: string) {
	const entry = await tx.entry.findFirst({
		where: { id: entryId, athlete: { streetId, edition: { current: true } } },
		select: { id: true, status: true, returnReason: true, categoryId: true, athleteId: true, category: { select: { code: true, status: true } } }
	});
	if (!entry) throw userError('NOT_FOUND', 'errors.not_found');
	return entry;
}

type Transition = { to: 'approved' | 'returned' | 'withdrawn'; from: string[]; reason?: string; write: CoordinatorWrite };

async function changeEntry(ctx: { db: Parameters<typeof once>[0]; user: { id: string; username: string }; streetId: string }, input: { entryId: string; opId: string }, kind: string, t: Transition) {
	return once(ctx.db, input.opId, kind, ctx.user.id, async (tx) => {
		const entry = await ownEntry(tx, input.entryId, ctx.streetId);
		// what a coordinator may do in the category's state is the domain's rule
		const refusal = coordinatorMay(t.write, { registrationOpen: isOpen(await currentEdition(tx)), categoryStatus: entry.category.status, categoryCode: entry.category.code });
		if (refusal) throw userError('CONFLICT', refusal.code, refusal.params);
		if (!t.from.includes(entry.status)) throw userError('CONFLICT', 'registration.entry_state');
		const updated = await tx.entry.update({
			where: { id: entry.id },
			data: { status: t.to, returnReason: t.to === 'returned' ? (t.reason ?? '') : t.to === 'approved' ? '' : entry.returnReason, version: { increment: 1 } },
			select: { id: true, status: true, returnReason: true }
		});
		await audit(tx, staffActor(ctx.user), {
			action: kind,
			entity: 'Entry',
			entityId: entry.id,
			before: { status: entry.status, returnReason: entry.returnReason },
			after: { status: updated.status, returnReason: updated.returnReason },
			opId: input.opId
		});
		return updated;
	});
}

interface PreviewToken {
	streetId: string;
	userId: string;
	rows: Array<{ row: number; person: RegisteredPerson; categoryIds: string[] }>;
}

/** Athletes per page of the coordinator's console. */
export const STREET_PAGE_SIZE = 50;

/** The street's athletes of the current edition, optionally only those with an entry in `status`. */
function streetAthletesWhere(streetId: string, status?: string): Prisma.AthleteWhereInput {
	return { streetId, edition: { current: true }, ...(status ? { entries: { some: { status } } } : {}) };
}

export const streetRouter = router({
	/** Entries of the street by category against its quota. */
	dashboard: coordinatorProcedure.query(async ({ ctx }) => {
		const edition = await currentEdition(ctx.db);
		const street = await ctx.db.street.findUniqueOrThrow({ where: { id: ctx.streetId }, select: { id: true, code: true, nameZh: true, nameEn: true } });
		const { categories } = await loadProgramme(ctx.db, edition.id, null);
		const grouped = await ctx.db.entry.groupBy({ by: ['categoryId', 'status'], where: { athlete: { streetId: ctx.streetId, editionId: edition.id } }, _count: { _all: true } });
		const count = (id: string, status: string) => grouped.find((g) => g.categoryId === id && g.status === status)?._count._all ?? 0;
		return {
			street,
			edition: { closesAt: edition.registrationClosesAt?.toISOString() ?? null, open: isOpen(edition) },
			categories: categories.map((c) => ({
				id: c.id,
				code: c.code,
				nameZh: c.nameZh,
				nameEn: c.nameEn,
				quota: c.streetQuota,
				pending: count(c.id, 'pending'),
				returned: count(c.id, 'returned'),
				approved: count(c.id, 'approved'),
				active: ACTIVE_STATUSES.reduce((n, s) => n + count(c.id, s), 0)
			}))
		};
	}),

	/** The street's athletes with their entries (numbers masked), optionally only those with an entry in `status`. */
	athletes: coordinatorProcedure.input(z.object({ status: z.enum(['pending', 'returned', 'approved', 'withdrawn']).optional() }).default({})).query(async ({ ctx, input }) => {
		const where = streetAthletesWhere(ctx.streetId, input.status);
		const rows = await findAllInBatches((page) => ctx.db.athlete.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], select: staffAthleteSelect, ...page }));
		return rows.map(maskedAthlete);
	}),

	/**
	 * One page of the street's athletes (newest first), for the coordinator's console: a street
	 * of thousands is shown STREET_PAGE_SIZE at a time, with the total and the number of pages.
	 * A page past the end shows the last page.
	 */
	athletePage: coordinatorProcedure
		.input(z.object({ status: z.enum(['pending', 'returned', 'approved', 'withdrawn']).optional(), page: z.number().int().min(1).max(1_000_000).default(1) }).default({ page: 1 }))
		.query(async ({ ctx, input }) => {
			const where = streetAthletesWhere(ctx.streetId, input.status);
			const total = await ctx.db.athlete.count({ where });
			const pages = Math.max(1, Math.ceil(total / STREET_PAGE_SIZE));
			const page = Math.min(input.page, pages);
			const rows = await ctx.db.athlete.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], select: staffAthleteSelect, skip: (page - 1) * STREET_PAGE_SIZE, take: STREET_PAGE_SIZE });
			return { athletes: rows.map(maskedAthlete), total, page, pages, pageSize: STREET_PAGE_SIZE };
		}),

	/** One athlete of the street. */
	athlete: coordinatorProcedure.input(z.object({ athleteId: z.string().max(40) })).query(async ({ ctx, input }) => {
		const a = await ctx.db.athlete.findFirst({ where: { id: input.athleteId, streetId: ctx.streetId }, select: staffAthleteSelect });
		if (!a) throw userError('NOT_FOUND', 'errors.not_found');
		return maskedAthlete(a);
	}),

	approve: coordinatorProcedure
		.input(z.object({ entryId: z.string().max(40), opId: opIdSchema }))
		.mutation(({ ctx, input }) => changeEntry(ctx, input, 'entry.approve', { to: 'approved', from: ['pending', 'returned'], write: 'approve' })),

	/** Returns an entry to the athlete with a reason they see on their status page. */
	return: coordinatorProcedure
		.input(z.object({ entryId: z.string().max(40), opId: opIdSchema, reason: multilineText().min(1, 'registration.reason_required').max(300, 'registration.too_long') }))
		.mutation(({ ctx, input }) => changeEntry(ctx, input, 'entry.return', { to: 'returned', from: ['pending', 'approved'], reason: input.reason, write: 'return' })),

	withdraw: coordinatorProcedure
		.input(z.object({ entryId: z.string().max(40), opId: opIdSchema }))
		.mutation(({ ctx, input }) => changeEntry(ctx, input, 'entry.withdraw', { to: 'withdrawn', from: ['pending', 'returned', 'approved'], write: 'withdraw' })),

	/** Registers an athlete of the street on their behalf (same rules as the public form). */
	register: coordinatorProcedure.input(fieldsSchema.extend({ opId: opIdSchema, consentMethod: consentMethodSchema, consentGuardian: z.boolean().default(false) })).mutation(async ({ ctx, input }) => {
		const { opId, consentMethod, consentGuardian, ...fields } = input;
		// The coordinator records that they obtained the consents, how; a minor's needs the guardian's too.
		const consent = { personal: true, sensitive: true, guardian: consentGuardian };
		const missing = consentProblems(consent, fields.residentId, todayIn(await editionTimeZone(ctx.db)));
		if (missing.length > 0) throw new RegistrationRefused(missing);
		return once(ctx.db, opId, 'athlete.register', ctx.user.id, async (tx) => {
			const result = await registerIn(tx, fields, { streetId: ctx.streetId, registeredBy: 'coordinator', actor: staffActor(ctx.user), locale: ctx.locale, opId, consent: { ...consent, obtainedBy: staffActor(ctx.user).label, method: consentMethod } });
			return { referenceCode: result.referenceCode };
		});
	}),

	/** The import template (.xlsx, base64) in the coordinator's language. */
	importTemplate: coordinatorProcedure.query(async ({ ctx }) => {
		const edition = await currentEdition(ctx.db);
		const { categories } = await loadProgramme(ctx.db, edition.id, null);
		const events = categories.filter((c) => c.status === 'open').map((c) => ({ code: c.code, name: nameIn(ctx.locale, c), rule: ruleText(ctx.locale, ruleOf(c, edition)) }));
		const file = await importTemplate(ctx.locale, events);
		return { filename: 'import-template.xlsx', base64: file.toString('base64') };
	}),

	/**
	 * Reads an uploaded import and validates every row; writes nothing. Returns each row with
	 * its problems in the coordinator's language (numbers masked) and a sealed token that
	 * importConfirm takes to import the valid rows.
	 */
	importPreview: coordinatorProcedure.input(z.object({ fileBase64: z.string().min(1, 'registration.import.no_file').max(14_000_000, 'registration.import.too_large') })).mutation(async ({ ctx, input }) => {
		let rows;
		try {
			// every cell of an import is free text at a boundary: cleaned like the form's fields
			rows = (await readImport(Buffer.from(input.fileBase64, 'base64'))).map((r) => ({ ...r, cells: Object.fromEntries(Object.entries(r.cells).map(([k, v]) => [k, cleanText(v ?? '').trim()])) }));
		} catch (error) {
			if (error instanceof ImportFileError) throw userError('BAD_REQUEST', error.key, error.params);
			throw error;
		}
		const result = await validateImport(ctx.db, ctx.streetId, ctx.locale, rows);
		const valid = result.filter((r) => r.person);
		const token = seal('import', { streetId: ctx.streetId, userId: ctx.user.id, rows: valid.map((r) => ({ row: r.row, person: r.person as RegisteredPerson, categoryIds: r.categoryIds })) } satisfies PreviewToken, 60 * 60_000);
		return {
			token: valid.length > 0 ? token : null,
			valid: valid.length,
			invalid: result.length - valid.length,
			rows: result.map((r) => ({
				row: r.row,
				name: r.name,
				residentId: r.residentId ? maskResidentId(r.residentId) : '',
				events: r.events,
				ok: r.person !== null,
				problems: Object.entries(fieldMessages(r.problems, ctx.locale)).map(([field, messages]) => ({ field, column: translate(ctx.locale, `registration.import.column.${field === 'categoryIds' ? 'events' : field}`), messages }))
			}))
		};
	}),

	/**
	 * Imports the valid rows of a preview, all or nothing: every row is validated again inside
	 * the transaction (another entry may have taken a quota place meanwhile); any problem
	 * refuses the whole import. Idempotent by opId.
	 */
	importConfirm: coordinatorProcedure.input(z.object({ token: z.string().max(MAX_TOKEN_LENGTH), opId: opIdSchema, consentMethod: consentMethodSchema })).mutation(async ({ ctx, input }) => {
		const stored = await storedOperation<{ imported: number }>(ctx.db, { opId: input.opId, kind: 'import.confirm', actorId: ctx.user.id });
		if (stored) return stored.response;
		const preview = unseal<PreviewToken>('import', input.token);
		if (!preview || preview.streetId !== ctx.streetId || preview.userId !== ctx.user.id) throw userError('BAD_REQUEST', 'registration.import.expired');
		return once(ctx.db, input.opId, 'import.confirm', ctx.user.id, async (tx) => {
			const edition = await currentEdition(tx);
			const again = await validateImport(
				tx,
				ctx.streetId,
				ctx.locale,
				preview.rows.map((r) => ({ row: r.row, cells: { ...personCells(r.person), events: '' } })),
				preview.rows.map((r) => r.categoryIds)
			);
			const problems = again.flatMap((r) => r.problems.map((p) => ({ ...p, params: { ...p.params, row: r.row } })));
			if (problems.length > 0) {
				throw new RegistrationRefused(again.filter((r) => r.problems.length).map((r) => ({ field: '_form', code: 'registration.import.row_refused', params: { row: r.row, reason: translate(ctx.locale, r.problems[0]!.code, r.problems[0]!.params) } })));
			}
			const consent = { personal: true, sensitive: true, guardian: false, obtainedBy: staffActor(ctx.user).label, method: input.consentMethod };
			const codes = await createImported(tx, edition, preview.rows, { streetId: ctx.streetId, registeredBy: 'import', actor: staffActor(ctx.user), locale: ctx.locale, opId: input.opId, consent });
			await audit(tx, staffActor(ctx.user), { action: 'import.confirm', entity: 'Street', entityId: ctx.streetId, after: { imported: codes.length }, opId: input.opId });
			return { imported: codes.length };
		});
	})
});

function personCells(p: RegisteredPerson) {
	return { name: p.name, residentId: p.residentId, certificateNo: p.certificateNo, sportClass: p.sportClass ?? '', phone: p.phone, guardianName: p.guardianName, guardianPhone: p.guardianPhone, guardianRelation: p.guardianRelation };
}

/** Validates import rows against the current state of the street (quotas, people registered). */
async function validateImport(
	db: Parameters<typeof currentEdition>[0],
	streetId: string,
	locale: Locale,
	rows: Array<{ row: number; cells: Partial<Record<ImportColumn, string>> }>,
	categoryIdsByRow?: string[][]
) {
	const edition = await currentEdition(db);
	const { categories, counts } = await loadProgramme(db, edition.id, streetId);
	const offers = offersOf(edition, categories, counts, locale);
	const codeToId = new Map(categories.filter((c) => c.status === 'open').map((c) => [c.code.toUpperCase(), c.id]));
	const idToCode = new Map(categories.map((c) => [c.id, c.code]));
	// Which of the file's ID numbers are registered already, asked through their blind indexes.
	const byIndex = new Map(rows.map((r) => normaliseIdText(r.cells.residentId ?? '')).filter((id) => id.length === 18).map((id) => [residentIdIndex(id), id]));
	const taken = await db.athlete.findMany({ where: { editionId: edition.id, residentIdIndex: { in: [...byIndex.keys()] } }, select: { residentIdIndex: true } });
	const registered = new Set(taken.map((a) => byIndex.get(a.residentIdIndex) as string));
	const cellsRows = rows.map((r, i) => ({ row: r.row, cells: { ...r.cells, ...(categoryIdsByRow ? { events: (categoryIdsByRow[i] ?? []).map((id) => idToCode.get(id) ?? id).join(',') } : {}) } }));
	const now = Date.now();
	const results = validateImportRows({
		rows: cellsRows,
		codeToId,
		registeredIds: registered,
		context: { categories: offers, maxEventsPerAthlete: edition.maxEventsPerAthlete, window: windowOfEdition(edition), now, today: todayIn(await editionTimeZone(db), now), referenceDate: edition.startsOn }
	});
	return results.map((r, i) => ({ ...r, name: cellsRows[i]?.cells.name ?? '', residentId: cellsRows[i]?.cells.residentId ?? '', events: cellsRows[i]?.cells.events ?? '' }));
}
