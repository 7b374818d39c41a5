/**
 * Public registration: the programme, step checks of the form, submitting, and the athlete's
 * own entry (reference code + ID number). No response here ever carries an ID or certificate
 * number, not even masked.
 */
import { z } from 'zod';
import { text } from '$lib/schemas/text';
import { publicProcedure, rateLimit, router } from '../../init';
import { userError } from '../../errors';
import { consentSchema, credentialsSchema, fieldsSchema, streetIdSchema } from './schemas';
import { consentProblems } from '../../../privacy/consent';
import { limits } from '../../../auth/limits';
import type { Context } from '../../context';
import { audit } from '../../../audit';
import { RegistrationRefused, athleteActor, fieldMessages, serializable, todayIn } from '../../../registration/common';
import { editionTimeZone } from '../../../clock';
import {
	ACTIVE_STATUSES,
	auditView,
	checkRegistration,
	currentEdition,
	findByReference,
	isOpen,
	loadProgramme,
	offerList,
	registerAthlete,
	ruleOf,
	windowOf
} from '../../../registration/service';
import { entryQrSvg } from '../../../registration/qr';
import { guardianRequired } from '$lib/domain/registration/guardian';
import { ageOn } from '$lib/domain/registration/dates';
import { validatePerson, validateRegistration, type FieldProblem } from '$lib/domain/registration/registration';
import { checkEventLimit, checkRegistrationWindow } from '$lib/domain/registration/quotas';
import { athleteMayWithdraw } from '$lib/domain/registration/coordinator';
import { translate } from '$lib/i18n';
import { erasedColumns, openPerson, sealContact } from '../../../privacy/person';
import { accessLog, recordAccess } from '../../../privacy/access';
import { consentsOf } from '../../../privacy/consent';

/** New registrations from one address: 20 per 15 minutes (a family or a community office, not a flood). */
const submitLimit = rateLimit('registrationSubmit', (ctx) => ctx.address);

/**
 * The athlete a reference code + ID number stand for, for status, amend, withdraw and the
 * entry card alike: one budget of failed look-ups per address (auth/limits.ts), a point taken
 * before the look-up (so a batch or a burst of guesses cannot outrun it) and given back when
 * the look-up succeeds. Beyond the budget even the right pair is refused, so a guess that hits
 * answers exactly like one that misses.
 */
async function lookUpAthlete(ctx: Context, credentials: { referenceCode: string; residentId: string }): Promise<string> {
	const limit = limits().get('athleteLookup');
	const taken = await limit.take(ctx.address);
	if (!taken.ok) throw userError('TOO_MANY_REQUESTS', 'registration.lookup_rate');
	const athleteId = await findByReference(ctx.db, credentials.referenceCode, credentials.residentId);
	if (!athleteId) throw userError('NOT_FOUND', 'registration.lookup_failed');
	await limit.give(ctx.address);
	return athleteId;
}

async function requireStreet(db: { street: { findUnique: (a: { where: { id: string }; select: { id: true } }) => Promise<{ id: string } | null> } }, streetId: string) {
	return streetId ? await db.street.findUnique({ where: { id: streetId }, select: { id: true } }) : null;
}

/** The athlete's own view, for status, amend and the entry card. */
async function athleteView(db: Parameters<typeof currentEdition>[0], athleteId: string, locale: 'zh-CN' | 'en') {
	const sealed = await db.athlete.findUniqueOrThrow({
		where: { id: athleteId },
		select: {
			id: true,
			referenceCode: true,
			name: true,
			gender: true,
			birthDate: true,
			disabilityCategory: true,
			disabilityGrade: true,
			sportClass: true,
			phoneEnc: true,
			guardianName: true,
			guardianPhoneEnc: true,
			guardianRelation: true,
			streetId: true,
			street: { select: { code: true, nameZh: true, nameEn: true } },
			entries: {
				orderBy: { createdAt: 'asc' },
				select: { id: true, status: true, returnReason: true, checkedInAt: true, categoryId: true, category: { select: { code: true, nameZh: true, nameEn: true, sport: { select: { key: true, nameZh: true, nameEn: true } } } } }
			}
		}
	});
	const a = openPerson(sealed);
	const edition = await currentEdition(db);
	const { categories, counts } = await loadProgramme(db, edition.id, a.streetId);
	const active = a.entries.filter((e) => ACTIVE_STATUSES.includes(e.status));
	const offers = offerList(edition, categories, counts, { ...a, gender: a.gender as 'male' | 'female' }, locale).filter((o) => !active.some((e) => e.categoryId === o.id));
	const approved = a.entries.some((e) => e.status === 'approved');
	const { birthDate, streetId: _s, ...rest } = a;
	return {
		...rest,
		age: ageOn(birthDate, edition.startsOn),
		entries: a.entries.map((e) => ({ ...e, checkedInAt: e.checkedInAt?.toISOString() ?? null })),
		editable: isOpen(edition),
		closesAt: edition.registrationClosesAt?.toISOString() ?? null,
		maxEventsPerAthlete: edition.maxEventsPerAthlete,
		// "Add an event" is offered only while one more entry stays within the edition's limit.
		canAddEvent: checkEventLimit({ maxEventsPerAthlete: edition.maxEventsPerAthlete, currentEvents: active.length, adding: 1 }) === null,
		guardian: guardianRequired({ birthDate, disabilityCategory: a.disabilityCategory, referenceDate: edition.startsOn }).required,
		offers,
		qrSvg: approved ? await entryQrSvg(a.referenceCode) : null,
		consents: await consentsOf(db, a.id),
		accessLog: await accessLog(db, a.id)
	};
}


export const publicRegistrationRouter = router({
	/** The games and their categories as anyone may see them, with whether registration is open. */
	form: publicProcedure.query(async ({ ctx }) => {
		const edition = await currentEdition(ctx.db);
		const { categories } = await loadProgramme(ctx.db, edition.id, null);
		return {
			edition: {
				id: edition.id,
				nameZh: edition.nameZh,
				nameEn: edition.nameEn,
				startsOn: edition.startsOn,
				endsOn: edition.endsOn,
				opensAt: edition.registrationOpensAt?.toISOString() ?? null,
				closesAt: edition.registrationClosesAt?.toISOString() ?? null,
				open: isOpen(edition),
				maxEventsPerAthlete: edition.maxEventsPerAthlete
			},
			categories: categories
				.filter((c) => c.status === 'open')
				.map((c) => ({ id: c.id, code: c.code, nameZh: c.nameZh, nameEn: c.nameEn, sport: c.sport, format: c.format, streetQuota: c.streetQuota, rule: ruleOf(c, edition) })),
			streets: await ctx.db.street.findMany({ orderBy: { sortOrder: 'asc' }, select: { id: true, code: true, nameZh: true, nameEn: true, kind: true } })
		};
	}),

	/**
	 * Checks what the form has so far, for its steps: messages per field in the caller's
	 * language, the facts derived from the numbers (never the numbers), whether a guardian is
	 * needed and why, and the categories offered (eligible or not, with reasons). Writes nothing.
	 */
	check: publicProcedure.input(fieldsSchema.extend({ streetId: streetIdSchema })).query(async ({ ctx, input }) => {
		if (!(await limits().get('registrationCheck').take(ctx.address)).ok) throw userError('TOO_MANY_REQUESTS', 'registration.lookup_rate');
		const edition = await currentEdition(ctx.db);
		const problems: FieldProblem[] = [];
		const street = await requireStreet(ctx.db, input.streetId);
		const fieldErrors: Record<string, string[]> = {};
		if (!street) fieldErrors.streetId = [translate(ctx.locale, 'registration.street_required')];
		const now = Date.now();
		const today = todayIn(await editionTimeZone(ctx.db), now);
		const person = validatePerson(input, today);
		problems.push(...person.problems);
		if (person.facts) {
			const checked = await checkRegistration(ctx.db, edition, input, { streetId: street?.id ?? '', locale: ctx.locale, now });
			problems.length = 0;
			problems.push(...checked.problems);
		} else {
			const full = validateRegistration(input, { categories: [], now, today, referenceDate: edition.startsOn, skipEvents: true });
			problems.length = 0;
			problems.push(...full.problems);
		}
		Object.assign(fieldErrors, fieldMessages(problems, ctx.locale));
		const facts = person.facts;
		let offers = null;
		let guardian = { required: false, reasons: [] as string[] };
		if (facts) {
			const { categories, counts } = await loadProgramme(ctx.db, edition.id, street?.id ?? null);
			offers = offerList(edition, categories, counts, { birthDate: facts.birthDate, gender: facts.gender, disabilityCategory: facts.category, disabilityGrade: facts.grade, sportClass: facts.sportClass }, ctx.locale);
			const decision = guardianRequired({ birthDate: facts.birthDate, disabilityCategory: facts.category, referenceDate: edition.startsOn });
			guardian = { required: decision.required, reasons: decision.reasons.map((r) => translate(ctx.locale, r.code, r.params)) };
		}
		const windowProblem = checkRegistrationWindow({ ...windowOf(edition), now });
		return {
			fieldErrors,
			window: windowProblem ? translate(ctx.locale, windowProblem.code, { ...windowProblem.params }) : null,
			facts: facts
				? {
						birthDate: facts.birthDate,
						age: ageOn(facts.birthDate, edition.startsOn),
						gender: facts.gender,
						disabilityCategory: facts.category,
						disabilityGrade: facts.grade,
						sportClass: facts.sportClass
					}
				: null,
			guardian,
			offers
		};
	}),

	/** Registers an athlete (status pending, for the street coordinator to verify). */
	submit: publicProcedure
		.use(submitLimit)
		.input(fieldsSchema.extend({ streetId: streetIdSchema, registeredBy: z.enum(['self', 'family']).default('self'), ...consentSchema.shape }))
		.mutation(async ({ ctx, input }) => {
			const street = await requireStreet(ctx.db, input.streetId);
			if (!street) throw new RegistrationRefused([{ field: 'streetId', code: 'registration.street_required', params: {} }]);
			const { streetId: _s, registeredBy, consentPersonal, consentSensitive, consentGuardian, ...fields } = input;
			const consent = { personal: consentPersonal, sensitive: consentSensitive, guardian: consentGuardian };
			const missing = consentProblems(consent, fields.residentId, todayIn(await editionTimeZone(ctx.db)));
			if (missing.length > 0) throw new RegistrationRefused(missing);
			const result = await registerAthlete(ctx.db, fields, { streetId: street.id, registeredBy, actor: athleteActor('new'), locale: ctx.locale, consent: { ...consent, obtainedBy: registeredBy, method: 'online' } });
			return { referenceCode: result.referenceCode };
		}),

	athlete: router({
		/** The athlete's own registration, after reference code + ID number. */
		status: publicProcedure.input(credentialsSchema).query(async ({ ctx, input }) => {
			const athleteId = await lookUpAthlete(ctx, input);
			return athleteView(ctx.db, athleteId, ctx.locale);
		}),

		/** Changes contact and guardian, adds events; a returned entry goes back to verification. */
		amend: publicProcedure
			.input(
				credentialsSchema.extend({
					phone: text().max(40, 'registration.too_long').default(''),
					guardianName: text().max(100, 'registration.too_long').default(''),
					guardianPhone: text().max(40, 'registration.too_long').default(''),
					guardianRelation: text().max(40, 'registration.too_long').default(''),
					addCategoryIds: z.array(z.string().max(40)).max(10).default([])
				})
			)
			.mutation(async ({ ctx, input }) => {
				const athleteId = await lookUpAthlete(ctx, input);
				await serializable(ctx.db, async (tx) => {
					const edition = await currentEdition(tx);
					const a = openPerson(await tx.athlete.findUniqueOrThrow({ where: { id: athleteId }, include: { entries: true } }));
					const active = a.entries.filter((e) => ACTIVE_STATUSES.includes(e.status)).map((e) => e.categoryId);
					const { problems } = await checkRegistration(
						tx,
						edition,
						{ name: a.name, residentId: a.residentId, certificateNo: a.certificateNo, sportClass: a.sportClass ?? '', phone: input.phone, guardianName: input.guardianName, guardianPhone: input.guardianPhone, guardianRelation: input.guardianRelation, categoryIds: input.addCategoryIds },
						{ streetId: a.streetId, locale: ctx.locale, alreadyEntered: active, athleteId: a.id }
					);
					const relevant = problems.filter((p) => !(input.addCategoryIds.length === 0 && p.code === 'entry.none_chosen'));
					if (input.addCategoryIds.length === 0) {
						const w = checkRegistrationWindow({ ...windowOf(edition), now: Date.now() });
						if (w) relevant.unshift({ field: 'categoryIds', code: w.code, params: w.params });
					}
					if (relevant.length > 0) throw new RegistrationRefused(relevant);
					const before = auditView(a, a.entries);
					await tx.athlete.update({
						where: { id: a.id },
						data: { ...sealContact({ phone: input.phone.trim(), guardianPhone: input.guardianPhone.trim() }), guardianName: input.guardianName.trim(), guardianRelation: input.guardianRelation.trim(), version: { increment: 1 } }
					});
					for (const categoryId of input.addCategoryIds) {
						await tx.entry.upsert({
							where: { athleteId_categoryId: { athleteId: a.id, categoryId } },
							create: { athleteId: a.id, categoryId, status: 'pending' },
							update: { status: 'pending', returnReason: '', version: { increment: 1 } }
						});
					}
					await tx.entry.updateMany({ where: { athleteId: a.id, status: 'returned' }, data: { status: 'pending', version: { increment: 1 } } });
					const after = openPerson(await tx.athlete.findUniqueOrThrow({ where: { id: a.id }, include: { entries: true } }));
					await audit(tx, athleteActor(a.referenceCode), { action: 'athlete.amend', entity: 'Athlete', entityId: a.id, before, after: auditView(after, after.entries) });
					if (a.phone !== after.phone || a.guardianPhone !== after.guardianPhone || a.guardianName !== after.guardianName) await recordAccess(tx, athleteActor(a.referenceCode), [a.id], 'correction');
				});
				return athleteView(ctx.db, athleteId, ctx.locale);
			}),

		/** Withdraws one entry (before the deadline). */
		withdraw: publicProcedure.input(credentialsSchema.extend({ entryId: z.string().max(40) })).mutation(async ({ ctx, input }) => {
			const athleteId = await lookUpAthlete(ctx, input);
			await ctx.db.$transaction(async (tx) => {
				const edition = await currentEdition(tx);
				const w = checkRegistrationWindow({ ...windowOf(edition), now: Date.now() });
				if (w) throw new RegistrationRefused([{ field: 'categoryIds', code: w.code, params: w.params }]);
				const entry = await tx.entry.findFirst({ where: { id: input.entryId, athleteId }, include: { category: { select: { status: true, code: true } } } });
				if (!entry) throw userError('NOT_FOUND', 'errors.not_found');
				if (entry.status === 'withdrawn') return;
				// a closed or drawn category's entries are the organizers' (a drawn one needs walkovers)
				const refusal = athleteMayWithdraw({ categoryStatus: entry.category.status, categoryCode: entry.category.code });
				if (refusal) throw userError('CONFLICT', refusal.code, refusal.params);
				await tx.entry.update({ where: { id: entry.id }, data: { status: 'withdrawn', version: { increment: 1 } } });
				const code = (await tx.athlete.findUniqueOrThrow({ where: { id: athleteId }, select: { referenceCode: true } })).referenceCode;
				await audit(tx, athleteActor(code), { action: 'entry.withdraw', entity: 'Entry', entityId: entry.id, before: { status: entry.status }, after: { status: 'withdrawn' } });
			});
			return athleteView(ctx.db, athleteId, ctx.locale);
		}),

		/**
		 * A copy of everything stored about the athlete (the person's right to a copy): the
		 * numbers in full — it is their own data — with consents, entries, results and the access
		 * log. Recorded in the access log itself.
		 */
		dataCopy: publicProcedure.input(credentialsSchema).mutation(async ({ ctx, input }) => {
			const athleteId = await lookUpAthlete(ctx, input);
			const sealed = await ctx.db.athlete.findUniqueOrThrow({
				where: { id: athleteId },
				select: {
					referenceCode: true,
					name: true,
					residentIdEnc: true,
					certificateNoEnc: true,
					birthDate: true,
					gender: true,
					disabilityCategory: true,
					disabilityGrade: true,
					sportClass: true,
					phoneEnc: true,
					guardianName: true,
					guardianPhoneEnc: true,
					guardianRelation: true,
					registeredBy: true,
					createdAt: true,
					street: { select: { code: true, nameZh: true, nameEn: true } },
					edition: { select: { nameZh: true, nameEn: true, endsOn: true, retentionDays: true } },
					entries: { select: { status: true, checkedInAt: true, createdAt: true, category: { select: { code: true, nameZh: true, nameEn: true } }, placings: { select: { place: true } } } }
				}
			});
			await recordAccess(ctx.db, athleteActor(sealed.referenceCode), [athleteId], 'data_copy');
			const person = openPerson(sealed);
			return {
				generatedAt: new Date().toISOString(),
				person: { ...person, createdAt: sealed.createdAt.toISOString(), entries: undefined, edition: undefined },
				edition: sealed.edition,
				entries: sealed.entries.map((e) => ({ category: e.category, status: e.status, checkedInAt: e.checkedInAt?.toISOString() ?? null, registeredAt: e.createdAt.toISOString(), places: e.placings.map((p) => p.place) })),
				consents: await consentsOf(ctx.db, athleteId),
				accessLog: await accessLog(ctx.db, athleteId)
			};
		}),

		/**
		 * Deletion on the athlete's request. Before any of their events is drawn, the whole
		 * registration goes; once drawn or published, the sporting record (name, street, entries,
		 * results) stays and the numbers, phones and guardian data are erased.
		 */
		erase: publicProcedure.input(credentialsSchema.extend({ confirm: z.boolean().default(false) })).mutation(async ({ ctx, input }) => {
			if (!input.confirm) throw new RegistrationRefused([{ field: 'confirm', code: 'privacy.erase.confirm_required', params: {} }]);
			const athleteId = await lookUpAthlete(ctx, input);
			return ctx.db.$transaction(async (tx) => {
				const a = await tx.athlete.findUniqueOrThrow({ where: { id: athleteId }, select: { id: true, referenceCode: true, name: true, streetId: true, entries: { select: { category: { select: { status: true } } } } } });
				const keep = a.entries.some((e) => ['drawn', 'published', 'finished'].includes(e.category.status));
				const actor = athleteActor(a.referenceCode);
				if (keep) {
					const now = new Date();
					await tx.athlete.update({ where: { id: a.id }, data: { ...erasedColumns(a.id, now), version: { increment: 1 } }, select: { id: true } });
					await tx.consent.updateMany({ where: { athleteId: a.id }, data: { givenBy: '' } });
					await recordAccess(tx, actor, [a.id], 'erasure');
				} else {
					await tx.athlete.delete({ where: { id: a.id }, select: { id: true } });
				}
				await audit(tx, actor, { action: keep ? 'athlete.erase_personal' : 'athlete.delete', entity: 'Athlete', entityId: a.id, after: { kept: keep ? ['name', 'street', 'entries', 'results'] : [] } });
				return { kept: keep };
			});
		})
	})
});
