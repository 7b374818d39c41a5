import { expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { describeWithDatabase } from '../support/setup';
import { opId, person, setupProgramme, streetId } from '../support/registration';
import { findPersonalNumbers } from '../../src/lib/domain/registration/mask';
import { writeImport } from '../../src/lib/server/registration/excel';
import { RegistrationRefused } from '../../src/lib/server/registration/common';
import { sealPerson } from '../../src/lib/server/privacy/person';
import { formatKeyring, keyIdOf, newKeyEntry, parseKeyring } from '../../src/lib/server/privacy/crypto';
import { dataKeys, installKeyring, verifyKeyring } from '../../src/lib/server/privacy/keys';
import { reencryptAll } from '../../src/lib/server/privacy/rotate';
import { runRetention } from '../../src/lib/server/privacy/retention';
import type { Db } from '../../src/lib/server/db';

const codes = (error: unknown) => (error instanceof TRPCError && error.cause instanceof RegistrationRefused ? error.cause.problems.map((p) => p.code) : [String((error as Error).message)]);

/** Every value of every table of the test database as one text, to search for plain numbers. */
async function everyCell(db: Db, provider: string, schema?: string): Promise<string> {
	const tables =
		provider === 'postgresql'
			? (await db.$queryRawUnsafe<Array<{ name: string }>>(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = '${schema}'`)).map((t) => t.name)
			: (await db.$queryRawUnsafe<Array<{ name: string }>>(`SELECT name FROM sqlite_master WHERE type = 'table'`)).map((t) => t.name);
	let text = '';
	for (const table of tables) {
		const rows = await db.$queryRawUnsafe<unknown[]>(`SELECT * FROM "${table}"`);
		text += `\n${table}: ${JSON.stringify(rows, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v))}`;
	}
	return text;
}

describeWithDatabase('personal data protection', (ctx) => {
	it('leaves no ID number, certificate number or phone in plain text anywhere in the database after registration, import and amendment', async () => {
		const { db, provider, schema } = ctx().database;
		const { xiangqi } = await setupProgramme(db, { quota: 20 });
		const self = { ...person(), phone: '13700001111' };
		const { referenceCode } = await ctx().caller().registration.submit({ ...self, streetId: await streetId(db, 'S30'), categoryIds: [xiangqi.id] });
		const c = await ctx().createUser('coordinator', { streetCode: 'S31' });
		const onBehalf = { ...person(), phone: '13700002222' };
		await ctx().caller(c).registration.street.register({ ...onBehalf, categoryIds: [xiangqi.id], opId: opId(), consentMethod: 'in_person' });
		const imported = [
			{ ...person(), phone: '13700003333' },
			{ ...person(), phone: '13700004444' }
		];
		const file = await writeImport(imported.map((p) => ({ ...p, events: xiangqi.code })));
		const preview = await ctx().caller(c).registration.street.importPreview({ fileBase64: file.toString('base64') });
		expect(await ctx().caller(c).registration.street.importConfirm({ token: preview.token!, opId: opId(), consentMethod: 'paper' })).toEqual({ imported: 2 });
		await ctx().caller().registration.athlete.amend({ referenceCode, residentId: self.residentId, phone: '13700005555', guardianName: '', guardianPhone: '13700006666', guardianRelation: '' });

		const text = await everyCell(db, provider, schema);
		expect(text).toContain(referenceCode); // the scan does read the athletes
		for (const p of [self, onBehalf, ...imported]) {
			expect(text).not.toContain(p.residentId);
			expect(text).not.toContain(p.residentId.slice(6, 14) + p.residentId.slice(14)); // nor the part a mask hides plus the tail
		}
		expect(findPersonalNumbers(text)).toEqual([]);
		for (const phone of ['13700001111', '13700002222', '13700003333', '13700004444', '13700005555', '13700006666']) expect(text).not.toContain(phone);

		// … while the athlete still finds their entry and sees their own phone.
		const status = await ctx().caller().registration.athlete.status({ referenceCode, residentId: self.residentId });
		expect(status.phone).toBe('13700005555');
		expect(status.accessLog.map((a) => a.action)).toEqual(['correction']);
	});

	it('records the separate consents with text version and time, and who obtained them how when registering on behalf', async () => {
		const { db } = ctx().database;
		const { xiangqi } = await setupProgramme(db, { quota: 20 });
		const p = person();
		const { consentPersonal: _a, consentSensitive: _b, ...withoutConsent } = p;
		const S32 = await streetId(db, 'S32');
		const refused = await ctx().caller().registration.submit({ ...withoutConsent, consentPersonal: true, streetId: S32, categoryIds: [xiangqi.id] }).catch((e: unknown) => e);
		expect(codes(refused)).toEqual(['privacy.consent.sensitive_required']);
		expect(await db.athlete.count({ where: { name: p.name } })).toBe(0);
		const { referenceCode } = await ctx().caller().registration.submit({ ...p, registeredBy: 'family', streetId: S32, categoryIds: [xiangqi.id] });
		const own = await ctx().caller().registration.athlete.status({ referenceCode, residentId: p.residentId });
		expect(own.consents.map((c) => [c.kind, c.obtainedBy, c.method])).toEqual([
			['personal', 'family', 'online'],
			['sensitive', 'family', 'online']
		]);
		expect(own.consents[0]!.textVersion).toMatch(/^\d{4}-\d{2}-\d{2}$/);

		const c = await ctx().createUser('coordinator', { streetCode: 'S33', username: 'consent-coord' });
		const q = person();
		const { referenceCode: other } = await ctx().caller(c).registration.street.register({ ...q, categoryIds: [xiangqi.id], opId: opId(), consentMethod: 'phone' });
		const athlete = await db.athlete.findUniqueOrThrow({ where: { referenceCode: other }, select: { consents: { select: { kind: true, obtainedBy: true, method: true } } } });
		expect(athlete.consents).toEqual(expect.arrayContaining([{ kind: 'sensitive', obtainedBy: 'user:consent-coord', method: 'phone' }]));
	});

	it('keeps resident IDs unique per edition through the blind index, even below the application', async () => {
		const { db } = ctx().database;
		const { xiangqi } = await setupProgramme(db, { quota: 20 });
		const p = person();
		await ctx().caller().registration.submit({ ...p, streetId: await streetId(db, 'S34'), categoryIds: [xiangqi.id] });
		const again = await ctx().caller().registration.submit({ ...p, residentId: p.residentId.toLowerCase(), streetId: await streetId(db, 'S34'), categoryIds: [xiangqi.id] }).catch((e: unknown) => e);
		expect(codes(again)).toContain('person.already_registered');
		const edition = await db.edition.findFirstOrThrow({ where: { current: true } });
		const street = await db.street.findFirstOrThrow();
		const row = { editionId: edition.id, streetId: street.id, name: 'x', birthDate: '1980-01-01', gender: 'male', disabilityCategory: 4, disabilityGrade: 3 };
		await expect(db.athlete.create({ data: { ...row, referenceCode: 'DG-DUP-1', ...sealPerson({ residentId: p.residentId, certificateNo: p.certificateNo }) } })).rejects.toMatchObject({ code: 'P2002' });
	});

	it('lets the athlete download a copy of their data, which is recorded, and shows organizers the access log of a full export', async () => {
		const { db } = ctx().database;
		const { xiangqi } = await setupProgramme(db, { quota: 20 });
		const p = person();
		const { referenceCode } = await ctx().caller().registration.submit({ ...p, streetId: await streetId(db, 'S35'), categoryIds: [xiangqi.id] });
		const copy = await ctx().caller().registration.athlete.dataCopy({ referenceCode, residentId: p.residentId });
		expect(copy.person).toMatchObject({ name: p.name, residentId: p.residentId, certificateNo: p.certificateNo, phone: p.phone });
		expect(copy.consents).toHaveLength(2);
		expect(copy.entries).toHaveLength(1);
		await expect(ctx().caller().registration.athlete.dataCopy({ referenceCode, residentId: person().residentId })).rejects.toMatchObject({ code: 'NOT_FOUND' });

		const organizer = await ctx().createUser('organizer', { username: 'privacy-org' });
		await ctx().caller(organizer).registration.entries.export({ full: true, reason: 'insurance list' });
		const athlete = await db.athlete.findUniqueOrThrow({ where: { referenceCode }, select: { id: true } });
		const log = await ctx().caller(organizer).registration.entries.accessLog({ athleteId: athlete.id });
		expect(log.accessLog.map((a) => [a.action, a.actorLabel, a.reason])).toEqual([
			['export_full', 'user:privacy-org', 'insurance list'],
			['data_copy', `athlete:${referenceCode}`, '']
		]);
		const own = await ctx().caller().registration.athlete.status({ referenceCode, residentId: p.residentId });
		expect(own.accessLog[0]).toMatchObject({ action: 'export_full', actorLabel: 'user:privacy-org', reason: 'insurance list' });
	});

	it('deletes a registration on request before the draw, and after it keeps name, street and results but erases numbers, phones and guardian', async () => {
		const { db } = ctx().database;
		const { xiangqi, darts } = await setupProgramme(db, { quota: 20 });
		const early = person();
		const first = await ctx().caller().registration.submit({ ...early, streetId: await streetId(db, 'S36'), categoryIds: [xiangqi.id] });
		const unconfirmed = await ctx().caller().registration.athlete.erase({ referenceCode: first.referenceCode, residentId: early.residentId }).catch((e: unknown) => e);
		expect(codes(unconfirmed)).toEqual(['privacy.erase.confirm_required']);
		expect(await ctx().caller().registration.athlete.erase({ referenceCode: first.referenceCode, residentId: early.residentId, confirm: true })).toEqual({ kept: false });
		expect(await db.athlete.count({ where: { referenceCode: first.referenceCode } })).toBe(0);

		const late = { ...person(), guardianName: '王芳', guardianPhone: '13600007777', guardianRelation: '母亲' };
		const second = await ctx().caller().registration.submit({ ...late, streetId: await streetId(db, 'S36'), categoryIds: [darts.id] });
		await db.category.update({ where: { id: darts.id }, data: { status: 'published' } });
		expect(await ctx().caller().registration.athlete.erase({ referenceCode: second.referenceCode, residentId: late.residentId, confirm: true })).toEqual({ kept: true });
		const kept = await db.athlete.findUniqueOrThrow({ where: { referenceCode: second.referenceCode }, include: { entries: true } });
		expect(kept).toMatchObject({ name: late.name, residentIdEnc: '', certificateNoEnc: '', phoneEnc: '', guardianPhoneEnc: '', guardianName: '', guardianRelation: '' });
		expect(kept.erasedAt).not.toBeNull();
		expect(kept.entries).toHaveLength(1);
		// the numbers no longer open anything
		await expect(ctx().caller().registration.athlete.status({ referenceCode: second.referenceCode, residentId: late.residentId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
	});

	it('erases an edition past its retention once, however many processes run the job, keeps results, and says in a dry run what it would do', async () => {
		const { db } = ctx().database;
		const { xiangqi } = await setupProgramme(db, { quota: 20 });
		const p = person();
		const { referenceCode } = await ctx().caller().registration.submit({ ...p, streetId: await streetId(db, 'S37'), categoryIds: [xiangqi.id] });
		const edition = await db.edition.findFirstOrThrow({ where: { current: true } });
		const alive = await db.athlete.count({ where: { editionId: edition.id, erasedAt: null } });
		expect(alive).toBeGreaterThan(0);

		const beforeEnd = new Date(Date.parse(`${edition.endsOn}T12:00:00+08:00`) + 89 * 86_400_000);
		expect((await runRetention(db, { now: beforeEnd, dryRun: true })).editions).toEqual([]);
		const afterRetention = new Date(Date.parse(`${edition.endsOn}T12:00:00+08:00`) + 92 * 86_400_000);
		const dry = await runRetention(db, { now: afterRetention, dryRun: true });
		expect(dry.editions).toEqual([expect.objectContaining({ id: edition.id, athletes: alive })]);
		expect(await db.athlete.count({ where: { editionId: edition.id, erasedAt: null } })).toBe(alive);

		const runs = await Promise.all([1, 2, 3].map((i) => runRetention(db, { now: afterRetention, holder: `process-${i}` })));
		expect(runs.reduce((n, r) => n + r.editions.reduce((m, e) => m + e.athletes, 0), 0)).toBe(alive);
		expect(await db.athlete.count({ where: { editionId: edition.id, erasedAt: null } })).toBe(0);
		const again = await runRetention(db, { now: new Date(afterRetention.getTime() + 3_600_000), holder: 'process-4' });
		expect(again.editions).toEqual([]);
		const kept = await db.athlete.findUniqueOrThrow({ where: { referenceCode }, include: { entries: true } });
		expect(kept).toMatchObject({ name: p.name, residentIdEnc: '', phoneEnc: '' });
		expect(kept.entries).toHaveLength(1);
		expect(await db.auditLog.count({ where: { action: 'retention.erase', entityId: edition.id } })).toBe(1);
		// the next tests get a fresh edition state
		await db.edition.update({ where: { id: edition.id }, data: { personalDataErasedAt: null } });
	});

	it('rotates the key: every value re-encrypted under the new key, look-ups unchanged, and a wrong key is refused at start', async () => {
		const { db } = ctx().database;
		const { xiangqi } = await setupProgramme(db, { quota: 20 });
		const p = person();
		const { referenceCode } = await ctx().caller().registration.submit({ ...p, streetId: await streetId(db, 'S38'), categoryIds: [xiangqi.id] });
		const old = dataKeys();
		const entry = newKeyEntry();
		const rotated = parseKeyring(`${entry},${formatKeyring(old)}`);
		await verifyKeyring(db, rotated);
		installKeyring(rotated);
		try {
			expect(await reencryptAll(db, rotated)).toBeGreaterThan(0);
			const rows = await db.athlete.findMany({ where: { erasedAt: null }, select: { residentIdEnc: true, phoneEnc: true } });
			expect(rows.every((r) => keyIdOf(r.residentIdEnc) === rotated.current)).toBe(true);
			expect(await reencryptAll(db, rotated)).toBe(0);
			const status = await ctx().caller().registration.athlete.status({ referenceCode, residentId: p.residentId });
			expect(status.name).toBe(p.name);
			// the database now needs the new key: the old keyring alone is refused, and so is a wrong one
			await expect(verifyKeyring(db, old)).rejects.toThrow(/lacks the key/);
			const wrong = parseKeyring(`${rotated.current}:${Buffer.alloc(32, 9).toString('base64')},${formatKeyring(old)}`);
			await expect(verifyKeyring(db, wrong)).rejects.toThrow(/does not match/);
		} finally {
			// back to the test key for the other tests (the new key still readable, the root unchanged)
			const [first, ...rest] = formatKeyring(old).split(',');
			await reencryptAll(db, parseKeyring([first, entry, ...rest].join(',')));
			installKeyring(old);
		}
	});
});
