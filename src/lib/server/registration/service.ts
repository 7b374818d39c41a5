/**
 * Registration services: the programme as offered to one athlete and street, creating an
 * athlete with entries, amending, withdrawing, verifying. Every rule comes from
 * src/lib/domain/registration; this module loads the facts the rules need, runs them inside
 * the transaction that writes, and audits every change with numbers masked.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Prisma } from '../db/generated/sqlite/client';
import type { Db } from '../db';
import { audit, type Actor } from '../audit';
import { userError } from '../trpc/errors';
import { RegistrationRefused, athleteActor, serializable, todayIn, type Tx } from './common';
import { editionTimeZone } from '../clock';
import { checkEligibility, type EligibilityRule } from '$lib/domain/registration/eligibility';
import { normaliseIdText, parseResidentId } from '$lib/domain/registration/identity';
import { maskCertificate, maskResidentId } from '$lib/domain/registration/mask';
import { checkStreetQuota, type CategoryOffer } from '$lib/domain/registration/quotas';
import { makeReferenceCode, normaliseReferenceCode } from '$lib/domain/registration/reference';
import { validateRegistration, type FieldProblem, type RegisteredPerson, type RegistrationFields } from '$lib/domain/registration/registration';
import { translate, type Locale } from '$lib/i18n';
import { residentIdIndex, sealPerson } from '../privacy/person';
import { maskPhone } from '../privacy/views';
import { consentRows, needsGuardianConsent, type ConsentGiven } from '../privacy/consent';
import { insertRows } from '../db/bulk';

type Client = Db | Tx;

/** Entry statuses that hold a place (count against quotas and the event limit). */
export const ACTIVE_STATUSES = ['pending', 'returned', 'approved'];

export const editionSelect = {
	id: true,
	nameZh: true,
	nameEn: true,
	startsOn: true,
	endsOn: true,
	registrationOpensAt: true,
	registrationClosesAt: true,
	maxEventsPerAthlete: true,
	timeZone: true
} satisfies Prisma.EditionSelect;

export const categorySelect = {
	id: true,
	code: true,
	nameZh: true,
	nameEn: true,
	format: true,
	formatConfig: true,
	eligibility: true,
	streetQuota: true,
	maxEntries: true,
	status: true,
	sortOrder: true,
	sport: { select: { key: true, nameZh: true, nameEn: true } }
} satisfies Prisma.CategorySelect;

export type EditionRow = Prisma.EditionGetPayload<{ select: typeof editionSelect }>;
export type CategoryRow = Prisma.CategoryGetPayload<{ select: typeof categorySelect }>;

/** The current edition; NOT_FOUND when the games are not set up. */
export async function currentEdition(db: Client): Promise<EditionRow> {
	const edition = await db.edition.findFirst({ where: { current: true }, select: editionSelect });
	if (!edition) throw userError('NOT_FOUND', 'errors.not_found');
	return edition;
}

/** A category's eligibility rule (stored JSON), with the edition's opening day as default reference date. */
export function ruleOf(category: Pick<CategoryRow, 'eligibility'>, edition: Pick<EditionRow, 'startsOn'>): EligibilityRule {
	let raw: Partial<EligibilityRule>;
	try {
		raw = JSON.parse(category.eligibility || '{}') as Partial<EligibilityRule>;
	} catch {
		raw = {};
	}
	return { ...raw, ageReferenceDate: raw.ageReferenceDate || edition.startsOn };
}

export const nameIn = (locale: Locale, r: { nameZh: string; nameEn: string }) => (locale === 'en' ? r.nameEn : r.nameZh);

/** The edition's categories (all, ordered) and, for a street, its active entries per category. */
export async function loadProgramme(db: Client, editionId: string, streetId: string | null) {
	const categories = await db.category.findMany({ where: { editionId }, orderBy: [{ sortOrder: 'asc' }, { code: 'asc' }], select: categorySelect });
	const counts = new Map<string, number>();
	if (streetId) {
		const grouped = await db.entry.groupBy({
			by: ['categoryId'],
			where: { status: { in: ACTIVE_STATUSES }, athlete: { streetId, editionId } },
			_count: { _all: true }
		});
		for (const g of grouped) counts.set(g.categoryId, g._count._all);
	}
	return { categories, counts };
}

/** The open categories as the rules see them, with the street's counts and names in `locale`. */
export function offersOf(edition: EditionRow, categories: CategoryRow[], counts: Map<string, number>, locale: Locale): CategoryOffer[] {
	return categories
		.filter((c) => c.status === 'open')
		.map((c) => ({ id: c.id, name: nameIn(locale, c), rule: ruleOf(c, edition), streetQuota: c.streetQuota, streetCount: counts.get(c.id) ?? 0 }));
}

export function windowOf(edition: EditionRow) {
	return { opensAt: edition.registrationOpensAt?.getTime() ?? null, closesAt: edition.registrationClosesAt?.getTime() ?? null };
}

/** Whether registration is open now (for pages: show or hide the forms). */
export function isOpen(edition: EditionRow, now = Date.now()): boolean {
	const w = windowOf(edition);
	return (w.opensAt === null || now >= w.opensAt) && (w.closesAt === null || now < w.closesAt);
}

/** The categories offered to one athlete: eligible or not (with reasons), places left for the street. */
export function offerList(
	edition: EditionRow,
	categories: CategoryRow[],
	counts: Map<string, number>,
	facts: { birthDate: string; gender: 'male' | 'female'; disabilityCategory: number; disabilityGrade: number; sportClass?: string | null },
	locale: Locale
) {
	return categories
		.filter((c) => c.status === 'open')
		.map((c) => {
			const result = checkEligibility(ruleOf(c, edition), {
				birthDate: facts.birthDate,
				gender: facts.gender,
				disabilityCategory: facts.disabilityCategory,
				disabilityGrade: facts.disabilityGrade,
				...(facts.sportClass ? { sportClass: facts.sportClass } : {})
			});
			const quota = checkStreetQuota({ quota: c.streetQuota, currentCount: counts.get(c.id) ?? 0, adding: 1 });
			const reasons = result.eligible ? [] : result.reasons.map((r) => translate(locale, r.code, r.params));
			return {
				id: c.id,
				code: c.code,
				nameZh: c.nameZh,
				nameEn: c.nameEn,
				sport: c.sport,
				eligible: result.eligible,
				reasons,
				full: quota !== null,
				fullReason: quota ? translate(locale, quota.code, quota.params) : null,
				placesLeft: c.streetQuota === null ? null : Math.max(0, c.streetQuota - (counts.get(c.id) ?? 0))
			};
		});
}

/** The athlete as the audit log records them: numbers masked, phones down to their last four digits. */
export function auditView(a: { name: string; residentId: string; certificateNo: string; streetId: string; phone?: string; guardianName?: string; guardianPhone?: string }, entries?: Array<{ categoryId: string; status: string; returnReason?: string }>) {
	return {
		name: a.name,
		residentId: maskResidentId(a.residentId),
		certificateNo: maskCertificate(a.certificateNo),
		streetId: a.streetId,
		...(a.phone !== undefined ? { phone: maskPhone(a.phone), guardianName: a.guardianName, guardianPhone: maskPhone(a.guardianPhone ?? '') } : {}),
		...(entries ? { entries: entries.map((e) => ({ categoryId: e.categoryId, status: e.status, ...(e.returnReason ? { returnReason: e.returnReason } : {}) })) } : {})
	};
}

async function uniqueReferenceCode(db: Client): Promise<string> {
	for (;;) {
		const code = makeReferenceCode(randomBytes(7));
		if (!(await db.athlete.findUnique({ where: { referenceCode: code }, select: { id: true } }))) return code;
	}
}

export interface RegisterOptions {
	streetId: string;
	registeredBy: 'self' | 'family' | 'coordinator' | 'import';
	actor: Actor;
	locale: Locale;
	/** false: an organizer entering late (window not checked). */
	checkWindow?: boolean;
	/** The consents given (recorded with the athlete); required for every new registration. */
	consent: ConsentGiven;
	opId?: string;
	now?: number;
}

/** Validates a whole registration against the current state (in `tx`) and returns the person or the problems. */
export async function checkRegistration(tx: Client, edition: EditionRow, fields: RegistrationFields, options: Pick<RegisterOptions, 'streetId' | 'locale' | 'checkWindow' | 'now'> & { alreadyEntered?: string[]; skipEvents?: boolean; athleteId?: string }) {
	const now = options.now ?? Date.now();
	const problems: FieldProblem[] = [];
	const id = parseResidentId(fields.residentId);
	if (id.ok) {
		const existing = await tx.athlete.findUnique({ where: { editionId_residentIdIndex: { editionId: edition.id, residentIdIndex: residentIdIndex(id.value.residentId) } }, select: { id: true } });
		if (existing && existing.id !== options.athleteId) problems.push({ field: 'residentId', code: 'person.already_registered', params: {} });
	}
	const { categories, counts } = await loadProgramme(tx, edition.id, options.streetId);
	const result = validateRegistration(fields, {
		categories: offersOf(edition, categories, counts, options.locale),
		maxEventsPerAthlete: edition.maxEventsPerAthlete,
		...(options.checkWindow === false ? {} : { window: windowOf(edition) }),
		now,
		today: todayIn(await editionTimeZone(tx), now),
		referenceDate: edition.startsOn,
		...(options.alreadyEntered ? { alreadyEntered: options.alreadyEntered } : {}),
		...(options.skipEvents ? { skipEvents: true } : {})
	});
	return { problems: [...problems, ...result.problems], person: result.person, categories, counts };
}

/** `count` new reference codes, none in use: one query for the whole batch (imports). */
async function uniqueReferenceCodes(db: Client, count: number): Promise<string[]> {
	const codes = new Set<string>();
	while (codes.size < count) {
		const batch = Array.from({ length: count - codes.size }, () => makeReferenceCode(randomBytes(7))).filter((c) => !codes.has(c));
		const taken = new Set((await db.athlete.findMany({ where: { referenceCode: { in: batch } }, select: { referenceCode: true } })).map((a) => a.referenceCode));
		for (const c of batch) if (!taken.has(c)) codes.add(c);
	}
	return [...codes];
}

async function createAthlete(tx: Tx, edition: EditionRow, person: RegisteredPerson, categoryIds: string[], options: RegisterOptions) {
	const referenceCode = await uniqueReferenceCode(tx);
	const athlete = await tx.athlete.create({
		data: {
			editionId: edition.id,
			streetId: options.streetId,
			referenceCode,
			...sealPerson(person),
			registeredBy: options.registeredBy,
			entries: { create: categoryIds.map((categoryId) => ({ categoryId, status: 'pending' })) }
		},
		select: { id: true, referenceCode: true, entries: { select: { id: true, categoryId: true, status: true } } }
	});
	await tx.consent.createMany({ data: consentRows(athlete.id, { ...options.consent, givenBy: person.guardianName }) });
	const self = options.registeredBy === 'self' || options.registeredBy === 'family';
	await audit(tx, self ? athleteActor(referenceCode) : options.actor, {
		action: 'athlete.register',
		entity: 'Athlete',
		entityId: athlete.id,
		after: { ...auditView({ ...person, streetId: options.streetId }, athlete.entries), registeredBy: options.registeredBy },
		...(options.opId ? { opId: options.opId } : {})
	});
	return athlete;
}

/**
 * Registers a new athlete with entries (status pending) in one transaction, or throws
 * RegistrationRefused with every problem and writes nothing. The same person twice in the
 * edition is refused (person.already_registered, saying what to do instead).
 */
export async function registerAthlete(db: Db, fields: RegistrationFields, options: RegisterOptions): Promise<{ athleteId: string; referenceCode: string }> {
	return serializable(db, (tx) => registerIn(tx, fields, options));
}

/** registerAthlete inside a transaction the caller owns (idempotent coordinator writes). */
export async function registerIn(tx: Tx, fields: RegistrationFields, options: RegisterOptions): Promise<{ athleteId: string; referenceCode: string }> {
	const edition = await currentEdition(tx);
	const { problems, person } = await checkRegistration(tx, edition, fields, options);
	if (problems.length > 0 || !person) throw new RegistrationRefused(problems);
	const athlete = await createAthlete(tx, edition, person, [...new Set(fields.categoryIds)], options);
	return { athleteId: athlete.id, referenceCode: athlete.referenceCode };
}

/**
 * Imports rows validated by validateImportRows (persons and category ids) within `tx`, in
 * three statements (athletes, entries, audit records) so 1,000 rows take well under a second.
 */
export async function createImported(tx: Tx, edition: EditionRow, rows: Array<{ person: RegisteredPerson; categoryIds: string[]; consent?: Pick<ConsentGiven, 'method' | 'guardian'> }>, options: RegisterOptions): Promise<string[]> {
	const codes = await uniqueReferenceCodes(tx, rows.length);
	const ids = rows.map(() => randomUUID());
	const now = new Date(options.now ?? Date.now());
	// Raw multi-row inserts (db/bulk.ts): Prisma's createMany spent seconds compiling 5,000 rows.
	await insertRows(
		tx,
		'Athlete',
		rows.map((row, i) => {
			const { residentIdEnc, residentIdIndex, certificateNoEnc, phoneEnc, guardianPhoneEnc, name, birthDate, gender, disabilityCategory, disabilityGrade, sportClass, guardianName, guardianRelation } = sealPerson(row.person);
			return { id: ids[i] as string, editionId: edition.id, streetId: options.streetId, referenceCode: codes[i] as string, name, residentIdEnc, residentIdIndex, certificateNoEnc, birthDate, gender, disabilityCategory, disabilityGrade, sportClass, phoneEnc, guardianName, guardianPhoneEnc, guardianRelation, registeredBy: options.registeredBy, createdAt: now, updatedAt: now } satisfies Prisma.AthleteCreateManyInput;
		})
	);
	// Each row's consents as the coordinator recorded them (method and the guardian's, per row of the file).
	const today = todayIn(await editionTimeZone(tx), now.getTime());
	await insertRows(
		tx,
		'Consent',
		rows.flatMap((row, i) => consentRows(ids[i] as string, { ...options.consent, guardian: needsGuardianConsent(row.person.residentId, today), ...row.consent, givenBy: row.person.guardianName }, now).map((c) => ({ id: randomUUID(), ...c }) satisfies Prisma.ConsentCreateManyInput))
	);
	await insertRows(
		tx,
		'Entry',
		rows.flatMap((row, i) => [...new Set(row.categoryIds)].map((categoryId) => ({ id: randomUUID(), athleteId: ids[i] as string, categoryId, status: 'pending', createdAt: now, updatedAt: now }) satisfies Prisma.EntryCreateManyInput))
	);
	await insertRows(
		tx,
		'AuditLog',
		rows.map((row, i) => ({
			id: randomUUID(),
			at: now,
			actorId: options.actor.id,
			actorLabel: options.actor.label,
			action: 'athlete.register',
			entity: 'Athlete',
			entityId: ids[i] as string,
			after: JSON.stringify({ ...auditView({ ...row.person, streetId: options.streetId }, row.categoryIds.map((categoryId) => ({ categoryId, status: 'pending' }))), registeredBy: options.registeredBy }),
			opId: options.opId ?? null
		}) satisfies Prisma.AuditLogCreateManyInput)
	);
	return codes;
}

/**
 * The athlete for a reference code and ID number, or null. Both must match: the reference
 * code alone (it is printed on cards) is not enough to see or change an entry.
 */
export async function findByReference(db: Client, referenceCode: string, residentId: string) {
	const code = normaliseReferenceCode(referenceCode);
	const id = normaliseIdText(residentId ?? '');
	if (!code || id.length !== 18) return null;
	const athlete = await db.athlete.findUnique({ where: { referenceCode: code }, select: { id: true, residentIdIndex: true, edition: { select: { current: true } } } });
	// Compared through the blind index: the plain number is never read for a look-up.
	if (!athlete || athlete.residentIdIndex !== residentIdIndex(id) || !athlete.edition.current) return null;
	return athlete.id;
}
