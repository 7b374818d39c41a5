import { expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { describeWithDatabase } from '../support/setup';
import { opId, person, setupProgramme, streetId } from '../support/registration';
import { looksLikePersonalNumber } from '../../src/lib/domain/registration/mask';
import { formatError } from '../../src/lib/server/trpc/format';
import { RegistrationRefused } from '../../src/lib/server/registration/common';
import { writeImport } from '../../src/lib/server/registration/excel';

const refused = async (promise: Promise<unknown>) => {
	const error = await promise.then(() => null, (e: unknown) => e);
	expect(error).toBeInstanceOf(TRPCError);
	return error as TRPCError;
};
const codes = (error: TRPCError) => (error.cause instanceof RegistrationRefused ? error.cause.problems.map((p) => p.code) : [error.message]);

describeWithDatabase('public registration', (ctx) => {
	it('registers an athlete with a reference code, derives the facts, audits with masked numbers, and never returns a number', async () => {
		const { db } = ctx().database;
		const { menTT, xiangqi } = await setupProgramme(db);
		const p = person();
		const S01 = await streetId(db, 'S01');
		const check = await ctx().caller().registration.check({ ...p, streetId: S01 });
		expect(check.facts).toMatchObject({ gender: 'male', disabilityCategory: 4, disabilityGrade: 3, sportClass: 'TT7' });
		expect(check.offers?.find((o) => o.id === menTT.id)).toMatchObject({ eligible: true });
		const { referenceCode } = await ctx().caller().registration.submit({ ...p, streetId: S01, categoryIds: [menTT.id, xiangqi.id] });
		expect(referenceCode).toMatch(/^DG-/);
		const status = await ctx().caller().registration.athlete.status({ referenceCode, residentId: p.residentId });
		expect(status.entries.map((e) => e.status)).toEqual(['pending', 'pending']);
		const form = await ctx().caller().registration.form();
		expect(form.edition.open).toBe(true);
		expect(form.categories.map((c) => c.id)).toContain(menTT.id);
		for (const body of [check, status, form]) expect(looksLikePersonalNumber(JSON.stringify(body))).toBe(false);
		const log = await db.auditLog.findFirstOrThrow({ where: { action: 'athlete.register', actorLabel: `athlete:${referenceCode}` } });
		expect(looksLikePersonalNumber(log.after ?? '')).toBe(false);
		expect(log.after).toContain('********');
	});

	it('refuses an ineligible category, a mismatch and a missing guardian with field messages, writing nothing', async () => {
		const { db } = ctx().database;
		const { menTT } = await setupProgramme(db);
		const woman = person({ gender: 'female', category: 5 });
		const before = await db.athlete.count();
		const error = await refused(ctx().caller(null, { locale: 'en' }).registration.submit({ ...woman, streetId: await streetId(db, 'S02'), categoryIds: [menTT.id] }));
		expect(error.code).toBe('UNPROCESSABLE_CONTENT');
		expect(codes(error)).toEqual(['guardian.intellectual', 'guardian.phone_required', 'eligibility.men_only', 'eligibility.disability_category']);
		expect(formatError(error, 'en').message).toContain('guardian');
		const mismatch = person();
		const other = person();
		const e2 = await refused(ctx().caller().registration.submit({ ...mismatch, certificateNo: other.certificateNo, streetId: await streetId(db, 'S02'), categoryIds: [menTT.id] }));
		expect(codes(e2)).toEqual(['identity.mismatch']);
		expect(looksLikePersonalNumber(JSON.stringify(formatError(e2, 'zh-CN')))).toBe(false);
		expect(await db.athlete.count()).toBe(before);
	});

	it('refuses the same person twice in the edition and says what to do', async () => {
		const { db } = ctx().database;
		const { xiangqi } = await setupProgramme(db);
		const p = person();
		const S03 = await streetId(db, 'S03');
		await ctx().caller().registration.submit({ ...p, streetId: S03, categoryIds: [xiangqi.id] });
		const error = await refused(ctx().caller().registration.submit({ ...p, streetId: S03, categoryIds: [xiangqi.id] }));
		expect(codes(error)).toContain('person.already_registered');
		expect(formatError(error, 'zh-CN').message).toContain('报名编号');
	});

	it('enforces the street quota and the window on the server, even when the form is bypassed', async () => {
		const { db } = ctx().database;
		const { xiangqi, edition } = await setupProgramme(db, { quota: 1 });
		const S04 = await streetId(db, 'S04');
		await ctx().caller().registration.submit({ ...person(), streetId: S04, categoryIds: [xiangqi.id] });
		expect(codes(await refused(ctx().caller().registration.submit({ ...person(), streetId: S04, categoryIds: [xiangqi.id] })))).toEqual(['quota.street_full']);
		await db.edition.update({ where: { id: edition.id }, data: { registrationClosesAt: new Date(Date.now() - 1000) } });
		const before = await db.athlete.count();
		expect(codes(await refused(ctx().caller().registration.submit({ ...person(), streetId: await streetId(db, 'S05'), categoryIds: [xiangqi.id] })))).toContain('window.closed');
		expect(await db.athlete.count()).toBe(before);
	});

	it('lets the athlete amend, add an event and withdraw with reference code + ID, and nobody with a wrong ID', async () => {
		const { db } = ctx().database;
		const { xiangqi, darts } = await setupProgramme(db);
		const p = person();
		const { referenceCode } = await ctx().caller().registration.submit({ ...p, streetId: await streetId(db, 'S06'), categoryIds: [xiangqi.id] });
		await expect(ctx().caller().registration.athlete.status({ referenceCode, residentId: person().residentId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
		const amended = await ctx().caller().registration.athlete.amend({ referenceCode, residentId: p.residentId, phone: '010-65001234', addCategoryIds: [darts.id] });
		expect(amended.phone).toBe('010-65001234');
		expect(amended.entries.map((e) => e.category.code).sort()).toEqual([darts.code, xiangqi.code].sort());
		const entry = amended.entries.find((e) => e.categoryId === darts.id)!;
		const after = await ctx().caller().registration.athlete.withdraw({ referenceCode, residentId: p.residentId, entryId: entry.id });
		expect(after.entries.find((e) => e.id === entry.id)?.status).toBe('withdrawn');
		expect(await db.auditLog.count({ where: { action: { in: ['athlete.amend', 'entry.withdraw'] }, actorLabel: `athlete:${referenceCode}` } })).toBe(2);
	});
});

describeWithDatabase('street coordinators', (ctx) => {
	it('see and change only their own street: another street’s entry is not found, for reading and writing', async () => {
		const { db } = ctx().database;
		const { xiangqi } = await setupProgramme(db);
		const a = await ctx().createUser('coordinator', { streetCode: 'S10' });
		const b = await ctx().createUser('coordinator', { streetCode: 'S11' });
		const { referenceCode } = await ctx().caller().registration.submit({ ...person(), streetId: await streetId(db, 'S11'), categoryIds: [xiangqi.id] });
		const athlete = await db.athlete.findUniqueOrThrow({ where: { referenceCode }, include: { entries: true } });
		const entryId = athlete.entries[0]!.id;
		expect((await ctx().caller(a).registration.street.athletes({})).some((x) => x.id === athlete.id)).toBe(false);
		await expect(ctx().caller(a).registration.street.athlete({ athleteId: athlete.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
		for (const write of [
			() => ctx().caller(a).registration.street.approve({ entryId, opId: opId() }),
			() => ctx().caller(a).registration.street.return({ entryId, opId: opId(), reason: 'x' }),
			() => ctx().caller(a).registration.street.withdraw({ entryId, opId: opId() })
		]) {
			await expect(write()).rejects.toMatchObject({ code: 'NOT_FOUND' });
		}
		expect((await db.entry.findUniqueOrThrow({ where: { id: entryId } })).status).toBe('pending');
		const own = await ctx().caller(b).registration.street.athlete({ athleteId: athlete.id });
		expect(own.residentId).toMatch(/^\*{14}\d{3}[\dX]$/);
		expect(own).not.toHaveProperty('birthDate');
		expect(looksLikePersonalNumber(JSON.stringify(own))).toBe(false);
		for (const who of [null, await ctx().createUser('referee')]) {
			await expect(ctx().caller(who).registration.street.athletes({})).rejects.toMatchObject({ code: who ? 'FORBIDDEN' : 'UNAUTHORIZED' });
		}
	});

	it('approve, return with a reason the athlete sees, idempotently by opId, each audited', async () => {
		const { db } = ctx().database;
		const { xiangqi, darts } = await setupProgramme(db);
		const c = await ctx().createUser('coordinator', { streetCode: 'S12' });
		const p = person();
		const { referenceCode } = await ctx().caller().registration.submit({ ...p, streetId: await streetId(db, 'S12'), categoryIds: [xiangqi.id, darts.id] });
		const entries = (await db.athlete.findUniqueOrThrow({ where: { referenceCode }, include: { entries: true } })).entries;
		const op = opId();
		const first = await ctx().caller(c).registration.street.approve({ entryId: entries[0]!.id, opId: op });
		const replay = await ctx().caller(c).registration.street.approve({ entryId: entries[0]!.id, opId: op });
		expect(replay).toEqual(first);
		expect(await db.auditLog.count({ where: { action: 'entry.approve', opId: op } })).toBe(1);
		await ctx().caller(c).registration.street.return({ entryId: entries[1]!.id, opId: opId(), reason: '残疾人证照片不清楚' });
		const status = await ctx().caller().registration.athlete.status({ referenceCode, residentId: p.residentId });
		expect(status.entries.find((e) => e.id === entries[1]!.id)).toMatchObject({ status: 'returned', returnReason: '残疾人证照片不清楚' });
		expect(status.qrSvg).toContain('<svg');
	});

	it('register on behalf with the same rules, and the dashboard counts against quotas', async () => {
		const { db } = ctx().database;
		const { menTT } = await setupProgramme(db);
		const c = await ctx().createUser('coordinator', { streetCode: 'S13' });
		const op = opId();
		const p = person();
		const r1 = await ctx().caller(c).registration.street.register({ ...p, categoryIds: [menTT.id], opId: op });
		const r2 = await ctx().caller(c).registration.street.register({ ...p, categoryIds: [menTT.id], opId: op });
		expect(r2).toEqual(r1);
		const dash = await ctx().caller(c).registration.street.dashboard();
		expect(dash.categories.find((x) => x.id === menTT.id)).toMatchObject({ quota: 3, pending: 1, active: 1 });
		const woman = person({ gender: 'female' });
		expect(codes(await refused(ctx().caller(c).registration.street.register({ ...woman, categoryIds: [menTT.id], opId: opId() })))).toEqual(['eligibility.men_only']);
	});

	it('import: per-row errors in the coordinator’s language, valid rows only after confirmation, all or nothing', async () => {
		const { db } = ctx().database;
		const { xiangqi, menTT } = await setupProgramme(db, { quota: 2 });
		const c = await ctx().createUser('coordinator', { streetCode: 'S14' });
		const good = [person(), person()];
		const bad = { ...person(), phone: 'none' };
		const file = await writeImport([
			{ ...good[0]!, events: xiangqi.code },
			{ ...bad, events: xiangqi.code },
			{ ...good[1]!, events: `${xiangqi.code}, ${menTT.code}` }
		]);
		const before = await db.athlete.count();
		const preview = await ctx().caller(c, { locale: 'en' }).registration.street.importPreview({ fileBase64: file.toString('base64') });
		expect(preview).toMatchObject({ valid: 2, invalid: 1 });
		expect(preview.rows[1]).toMatchObject({ row: 3, ok: false, problems: [{ field: 'phone', column: 'Phone' }] });
		expect(preview.rows[1]!.problems[0]!.messages[0]).toContain('phone number');
		expect(looksLikePersonalNumber(JSON.stringify(preview))).toBe(false);
		expect(await db.athlete.count()).toBe(before);

		// Meanwhile another registration takes a place: the confirmation refuses everything.
		await ctx().caller().registration.submit({ ...person(), streetId: await streetId(db, 'S14'), categoryIds: [xiangqi.id] });
		const error = await refused(ctx().caller(c).registration.street.importConfirm({ token: preview.token!, opId: opId() }));
		expect(codes(error)).toEqual(['registration.import.row_refused']);
		expect(await db.athlete.count()).toBe(before + 1);

		await db.entry.updateMany({ where: { categoryId: xiangqi.id, athlete: { streetId: await streetId(db, 'S14') } }, data: { status: 'withdrawn' } });
		const op = opId();
		expect(await ctx().caller(c).registration.street.importConfirm({ token: preview.token!, opId: op })).toEqual({ imported: 2 });
		expect(await ctx().caller(c).registration.street.importConfirm({ token: preview.token!, opId: op })).toEqual({ imported: 2 });
		expect(await db.athlete.count()).toBe(before + 3);
		const audits = await db.auditLog.findMany({ where: { action: 'athlete.register', opId: op } });
		expect(audits).toHaveLength(2);
		for (const a of audits) expect(looksLikePersonalNumber(a.after ?? '')).toBe(false);
		const other = await ctx().createUser('coordinator', { streetCode: 'S15' });
		await expect(ctx().caller(other).registration.street.importConfirm({ token: preview.token!, opId: opId() })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
	});
});

describeWithDatabase('organizers', (ctx) => {
	it('configure a category (rule checked by the domain), see the overview, close registration and export', async () => {
		const { db } = ctx().database;
		const organizer = await ctx().createUser('organizer');
		const { xiangqi } = await setupProgramme(db);
		const base = { sportKey: 'darts', code: 'dt-new', nameZh: '飞镖新组', nameEn: 'Darts new', format: 'dartsTotal' as const, formatConfig: { totalRounds: 8 }, rule: { disabilityCategories: [9] }, streetQuota: 4 };
		const bad = await refused(ctx().caller(organizer).registration.programme.saveCategory(base));
		expect(codes(bad)).toEqual(['eligibility_rule.disability_category']);
		const { id } = await ctx().caller(organizer).registration.programme.saveCategory({ ...base, rule: { disabilityCategories: [4] } });
		const programme = await ctx().caller(organizer).registration.programme.get();
		expect(programme.categories.find((c) => c.id === id)).toMatchObject({ code: 'DT-NEW', formatConfig: { totalRounds: 8 }, streetQuota: 4 });

		const p = person();
		const { referenceCode } = await ctx().caller().registration.submit({ ...p, streetId: await streetId(db, 'S20'), categoryIds: [xiangqi.id] });
		const overview = await ctx().caller(organizer).registration.entries.overview();
		expect(overview.categories.find((c) => c.id === xiangqi.id)).toMatchObject({ pending: 1 });
		expect(overview.streets.find((s) => s.code === 'S20')).toMatchObject({ active: 1, pending: 1 });

		const masked = await ctx().caller(organizer).registration.entries.export({ full: false });
		const ExcelJS = (await import('exceljs')).default;
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(Buffer.from(masked.base64, 'base64') as unknown as ArrayBuffer);
		const sheet = wb.getWorksheet(xiangqi.code)!;
		const text = JSON.stringify(sheet.getSheetValues());
		expect(text).toContain(referenceCode);
		expect(looksLikePersonalNumber(text)).toBe(false);
		expect(await db.auditLog.count({ where: { action: 'entries.export_full' } })).toBe(0);
		const full = await ctx().caller(organizer).registration.entries.export({ full: true });
		expect(full.base64.length).toBeGreaterThan(100);
		expect(await db.auditLog.count({ where: { action: 'entries.export_full' } })).toBe(1);

		await ctx().caller(organizer).registration.entries.close({ opId: opId() });
		expect(codes(await refused(ctx().caller().registration.submit({ ...person(), streetId: await streetId(db, 'S21'), categoryIds: [xiangqi.id] })))).toContain('window.closed');
		for (const who of [null, await ctx().createUser('coordinator', { streetCode: 'S01' })]) {
			await expect(ctx().caller(who).registration.entries.overview()).rejects.toBeInstanceOf(TRPCError);
		}
	});

	it('check in an approved athlete by scanned QR text or typed code, once', async () => {
		const { db } = ctx().database;
		const organizer = await ctx().createUser('organizer');
		const { xiangqi } = await setupProgramme(db);
		const c = await ctx().createUser('coordinator', { streetCode: 'S22' });
		const { referenceCode } = await ctx().caller().registration.submit({ ...person(), streetId: await streetId(db, 'S22'), categoryIds: [xiangqi.id] });
		await expect(ctx().caller(organizer).registration.checkin.mark({ code: referenceCode, opId: opId() })).rejects.toMatchObject({ code: 'CONFLICT' });
		const entry = await db.entry.findFirstOrThrow({ where: { athlete: { referenceCode } } });
		await ctx().caller(c).registration.street.approve({ entryId: entry.id, opId: opId() });
		const found = await ctx().caller(organizer).registration.checkin.lookup({ code: `DGENTRY:${referenceCode}` });
		expect(found.entries).toHaveLength(1);
		expect(await ctx().caller(organizer).registration.checkin.mark({ code: referenceCode.toLowerCase(), opId: opId() })).toMatchObject({ marked: 1, already: 0 });
		expect(await ctx().caller(organizer).registration.checkin.mark({ code: referenceCode, opId: opId() })).toMatchObject({ marked: 0, already: 1 });
	});
});

describeWithDatabase('registrations racing for the last place', (ctx) => {
	it('admit exactly as many entries as the street quota allows', async () => {
		const { db } = ctx().database;
		const { xiangqi } = await setupProgramme(db, { quota: 1 });
		const S30 = await streetId(db, 'S30');
		const results = await Promise.allSettled(
			Array.from({ length: 5 }, () => ctx().caller().registration.submit({ ...person(), streetId: S30, categoryIds: [xiangqi.id] }))
		);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		for (const r of results) if (r.status === 'rejected') expect(codes(r.reason as TRPCError)).toEqual(['quota.street_full']);
		expect(await db.entry.count({ where: { categoryId: xiangqi.id } })).toBe(1);
	});
	it('offers "add an event" only while the athlete is below the most events allowed', async () => {
		const { db } = ctx().database;
		const { menTT, xiangqi } = await setupProgramme(db, { maxEvents: 2 });
		const visitor = () => ctx().caller(null, { address: '198.51.100.77' });
		const one = person();
		const S04 = await streetId(db, 'S04');
		const first = await visitor().registration.submit({ ...one, streetId: S04, categoryIds: [menTT.id] });
		const below = await visitor().registration.athlete.status({ referenceCode: first.referenceCode, residentId: one.residentId });
		expect(below.canAddEvent).toBe(true);
		const two = person();
		const second = await visitor().registration.submit({ ...two, streetId: S04, categoryIds: [menTT.id, xiangqi.id] });
		const full = await visitor().registration.athlete.status({ referenceCode: second.referenceCode, residentId: two.residentId });
		expect(full.canAddEvent).toBe(false);
	});
});
