/**
 * The standing adversarial suite for data exposure and business rules (issue #12): each test
 * attacks the app as someone who sees one role's screens would, through the real tRPC router
 * on a real database, and failed on the code before its fix.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithDatabase } from '../support/setup';
import { opId, person, setupProgramme, streetId } from '../support/registration';
import { candidates, merge, readShown, type Shown } from '../support/reidentify';
import { createCategory } from '../support/competition';
import { collect, startRealtime, type ClientSocket, type RealtimeServer } from '../support/live';
import { redact } from '../../src/lib/server/log';
import { broadcastMatch } from '../../src/lib/server/realtime/broadcast';
import type { RoomCatchUp, SubscribeResult } from '../../src/lib/realtime/events';
import { formatError } from '../../src/lib/server/trpc/format';
import { TRPCError } from '@trpc/server';
import { artWorld, submitWork, useTempUploads, makeImage } from '../support/art';
import { writeImport } from '../../src/lib/server/registration/excel';

/** Fewer candidates than this left after reading a view means the mask can be undone. */
const HANDFUL = 10;

describeWithDatabase('personal numbers cannot be rebuilt from what staff see', (ctx) => {
	it('leaves dozens of candidates for every athlete in the coordinator console, the organizer list, the masked export, the audit log, check-in and the logs', async () => {
		const { db } = ctx().database;
		const { edition, xiangqi } = await setupProgramme(db, { quota: null });
		const S05 = await streetId(db, 'S05');
		const coordinator = await ctx().createUser('coordinator', { streetCode: 'S05' });
		const organizer = await ctx().createUser('organizer');
		const people = Array.from({ length: 12 }, (_, i) => ({ ...person({ gender: i % 2 ? 'female' : 'male' }), name: `掩码${i}` }));
		const codes = new Map<string, string>();
		for (const p of people) {
			const { referenceCode } = await ctx().caller().registration.submit({ ...p, streetId: S05, categoryIds: [xiangqi.id] });
			codes.set(p.name, referenceCode);
		}
		const entries = await db.entry.findMany({ where: { categoryId: xiangqi.id, athlete: { streetId: S05 } }, select: { id: true } });
		for (const e of entries) await ctx().caller(coordinator).registration.street.approve({ entryId: e.id, opId: opId() });

		const console_ = await ctx().caller(coordinator).registration.street.athletes({});
		const list = await ctx().caller(organizer).registration.entries.list({ categoryId: xiangqi.id });
		const exported = await ctx().caller(organizer).registration.entries.export({ full: false });
		const ExcelJS = (await import('exceljs')).default;
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(Buffer.from(exported.base64, 'base64') as unknown as ArrayBuffer);
		const sheet = wb.getWorksheet(xiangqi.code)!;
		const header = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
		const rows = new Map<string, Record<string, unknown>>();
		sheet.eachRow((row, n) => {
			if (n === 1) return;
			const cells = row.values as unknown[];
			const labelled = Object.fromEntries(header.map((h, i) => [h, cells[i] instanceof Date ? (cells[i] as Date).toISOString().slice(0, 10) : cells[i]]).filter(([h]) => h));
			rows.set(String(cells[2]), labelled);
		});

		for (const p of people) {
			const athlete = await db.athlete.findFirstOrThrow({ where: { name: p.name, streetId: S05 }, select: { id: true } });
			const views: Record<string, Shown> = {
				coordinator: readShown(console_.find((a) => a.name === p.name)),
				'coordinator (one athlete)': readShown(await ctx().caller(coordinator).registration.street.athlete({ athleteId: athlete.id })),
				'organizer list': readShown(list.athletes.find((a) => a.name === p.name)),
				'masked export': readShown(rows.get(p.name)),
				audit: readShown(await db.auditLog.findMany({ where: { entityId: athlete.id }, select: { before: true, after: true } })),
				'check-in': readShown(await ctx().caller(organizer).registration.checkin.lookup({ code: codes.get(p.name)! })),
				log: readShown(redact(JSON.stringify({ residentId: p.residentId, certificateNo: p.certificateNo })).match(/[0-9X*]{18,20}/g) ?? [])
			};
			views['everything together'] = merge(...Object.values(views));
			expect(views['coordinator']!.masks.length, 'the coordinator sees a masked number').toBeGreaterThan(0);
			for (const [surface, shown] of Object.entries(views)) {
				const found = candidates(shown, { region: p.residentId.slice(0, 6), referenceDate: edition.startsOn });
				if (found === null) continue;
				expect(found, `${surface} of ${p.name}: the true number is among the candidates`).toContain(p.residentId);
				expect(found.length, `${surface} of ${p.name} narrows the ID number to ${found.length} candidates`).toBeGreaterThanOrEqual(HANDFUL);
			}
		}
	});
});

function subscribe(socket: ClientSocket, room: string): Promise<SubscribeResult> {
	return new Promise<SubscribeResult>((resolve) => socket.emit('subscribe', { rooms: [{ room }] }, resolve));
}
const snapshotOf = (result: SubscribeResult): unknown => {
	const room: RoomCatchUp | undefined = result.ok ? result.rooms[0] : undefined;
	return room?.ok && room.mode === 'snapshot' ? room.snapshot : null;
};

describeWithDatabase('nothing of an unpublished draw reaches the public', (ctx) => {
	let server: RealtimeServer;
	beforeAll(async () => {
		server = await startRealtime(ctx().database.db);
	});
	afterAll(async () => {
		await server?.close();
	});

	it('hides the pairings from live queries, the category page, street pages, room snapshots and broadcasts until the draw is published', async () => {
		const { db } = ctx().database;
		const organizer = await ctx().createUser('organizer');
		const { categoryId, entryIds } = await createCategory(db, { format: 'knockout', entries: 8, streets: 4 });
		await ctx().caller(organizer).competition.draws.generate({ categoryId, seedString: 'secret' });
		const drawn = await db.match.findMany({ where: { categoryId, entryAId: { not: null }, entryBId: { not: null } }, select: { id: true } });
		expect(drawn.length).toBeGreaterThan(0);
		const streetCode = (await db.entry.findUniqueOrThrow({ where: { id: entryIds[0]! }, select: { athlete: { select: { street: { select: { code: true } } } } } })).athlete.street.code;
		const names = (await db.entry.findMany({ where: { id: { in: entryIds } }, select: { athlete: { select: { name: true } } } })).map((e) => e.athlete.name);
		const spectator = ctx().caller();
		const showsPairings = (value: unknown) => {
			const text = JSON.stringify(value);
			return drawn.some((m) => text.includes(m.id)) || names.some((n) => text.includes(`"name":"${n}"`));
		};

		// tRPC queries the live pages, the category page and /live/streets/<code> load from
		expect((await spectator.live.category({ id: categoryId })).data.matches).toEqual([]);
		expect(showsPairings((await spectator.live.street({ code: streetCode })).data.entries.map((e) => e.matches))).toBe(false);
		expect(showsPairings(await spectator.live.nowPlaying())).toBe(false);
		await expect(spectator.live.match({ id: drawn[0]!.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
		const page = await spectator.competition.category({ id: categoryId });
		expect(page.matches).toEqual([]);
		expect(page.bracket).toBeNull();
		// the organizer still sees the preview
		expect((await ctx().caller(organizer).competition.draws.preview({ categoryId })).matches.length).toBeGreaterThan(0);

		// Socket.IO: the category room's snapshot holds no pairing; a match room of the draw cannot be joined
		const socket = await server.client();
		const category = await subscribe(socket, `category:${categoryId}`);
		expect(category.ok).toBe(true);
		expect(showsPairings(snapshotOf(category))).toBe(false);
		const match = await subscribe(socket, `match:${drawn[0]!.id}`);
		expect(match.ok && match.rooms[0]?.ok).toBe(false);

		// broadcasts: a change to an unpublished match reaches no public room
		const live = await server.client();
		await subscribe(live, 'live');
		const heard = collect(socket, 'update');
		const heardLive = collect(live, 'update');
		for (const m of drawn) expect(await broadcastMatch(db, m.id)).toBeNull();
		await new Promise((r) => setTimeout(r, 800));
		expect(heard.length + heardLive.length).toBe(0);

		// once published, the same paths show the draw
		await ctx().caller(organizer).competition.draws.publish({ categoryId });
		expect((await spectator.live.category({ id: categoryId })).data.matches.length).toBeGreaterThan(0);
		expect((await spectator.competition.category({ id: categoryId })).bracket).not.toBeNull();
		const start = Date.now();
		while (heard.length === 0 && Date.now() - start < 3000) await new Promise((r) => setTimeout(r, 50));
		expect(showsPairings(heard)).toBe(true);
		const again = await subscribe(await server.client(), `category:${categoryId}`);
		expect(again.ok).toBe(true);
	});
});

const refusal = async (promise: Promise<unknown>) => {
	const error = await promise.then(() => null, (e: unknown) => e);
	expect(error).toBeInstanceOf(TRPCError);
	return error as TRPCError;
};

describeWithDatabase('coordinator writes follow the category state', (ctx) => {
	it('refuses approve, return and withdraw after registration closes, saying to ask the organizer, and changes nothing', async () => {
		const { db } = ctx().database;
		const { xiangqi } = await setupProgramme(db, { quota: null });
		const S07 = await streetId(db, 'S07');
		const coordinator = await ctx().createUser('coordinator', { streetCode: 'S07' });
		const organizer = await ctx().createUser('organizer');
		for (const p of [person(), person()]) await ctx().caller().registration.submit({ ...p, streetId: S07, categoryIds: [xiangqi.id] });
		const [first, second] = await db.entry.findMany({ where: { categoryId: xiangqi.id, athlete: { streetId: S07 } }, orderBy: { createdAt: 'asc' }, select: { id: true } });
		await ctx().caller(coordinator).registration.street.approve({ entryId: first!.id, opId: opId() });

		await ctx().caller(organizer).registration.entries.close({ opId: opId() });
		const street = (locale: 'zh-CN' | 'en') => ctx().caller(coordinator, { locale }).registration.street;
		const writes = [
			() => street('zh-CN').approve({ entryId: second!.id, opId: opId() }),
			() => street('zh-CN').return({ entryId: first!.id, opId: opId(), reason: '证件不清楚' }),
			() => street('zh-CN').withdraw({ entryId: first!.id, opId: opId() })
		];
		for (const write of writes) {
			const error = await refusal(write());
			expect(error.code).toBe('CONFLICT');
			expect(formatError(error, 'zh-CN').message).toContain('组委会');
		}
		const english = await refusal(street('en').withdraw({ entryId: first!.id, opId: opId() }));
		expect(formatError(english, 'en').message).toMatch(/ask the organizers/);
		const after = await db.entry.findMany({ where: { id: { in: [first!.id, second!.id] } }, orderBy: { createdAt: 'asc' }, select: { status: true } });
		expect(after.map((e) => e.status)).toEqual(['approved', 'pending']);
	});

	it("refuses the athlete's own withdrawal once the category is closed or drawn, saying to ask the organizers", async () => {
		const { db } = ctx().database;
		const { xiangqi } = await setupProgramme(db, { quota: null });
		const p = person();
		const { referenceCode } = await ctx().caller().registration.submit({ ...p, streetId: await streetId(db, 'S11'), categoryIds: [xiangqi.id] });
		const entry = await db.entry.findFirstOrThrow({ where: { categoryId: xiangqi.id, athlete: { referenceCode } }, select: { id: true, status: true } });
		for (const status of ['closed', 'published']) {
			// the window is still open (reopened after a draw, say): the category's state decides
			await db.category.update({ where: { id: xiangqi.id }, data: { status } });
			const error = await refusal(ctx().caller(null, { locale: 'en' }).registration.athlete.withdraw({ referenceCode, residentId: p.residentId, entryId: entry.id }));
			expect(error.code).toBe('CONFLICT');
			expect(formatError(error, 'en').message).toMatch(/ask the organizers/);
			expect((await db.entry.findUniqueOrThrow({ where: { id: entry.id } })).status).toBe(entry.status);
		}
	});

	it('refuses a coordinator withdrawal from a published draw; the organizer withdrawal makes the walkover', async () => {
		const { db } = ctx().database;
		const organizer = await ctx().createUser('organizer');
		const { categoryId, entryIds } = await createCategory(db, { format: 'knockout', entries: 4, streets: 4 });
		await ctx().caller(organizer).competition.draws.generate({ categoryId, seedString: 'walkover' });
		await ctx().caller(organizer).competition.draws.publish({ categoryId });
		const target = entryIds[0]!;
		const code = (await db.entry.findUniqueOrThrow({ where: { id: target }, select: { athlete: { select: { street: { select: { code: true } } } } } })).athlete.street.code;
		const coordinator = await ctx().createUser('coordinator', { streetCode: code });

		const error = await refusal(ctx().caller(coordinator, { locale: 'en' }).registration.street.withdraw({ entryId: target, opId: opId() }));
		expect(error.code).toBe('CONFLICT');
		expect(formatError(error, 'en').message).toMatch(/draw .* has been made.*ask the organizers/);
		expect((await db.entry.findUniqueOrThrow({ where: { id: target } })).status).toBe('approved');
		const match = await db.match.findFirstOrThrow({ where: { categoryId, OR: [{ entryAId: target }, { entryBId: target }] } });
		expect(match.status).toBe('scheduled');

		await ctx().caller(organizer).competition.draws.withdraw({ categoryId, entryId: target, reason: '伤病' });
		expect((await db.entry.findUniqueOrThrow({ where: { id: target } })).status).toBe('withdrawn');
		const walkover = await db.match.findUniqueOrThrow({ where: { id: match.id } });
		expect(walkover.status).toBe('walkover');
		expect(walkover.winnerEntryId).not.toBe(target);
	});
});

const RLO = '\u202E';
const INVISIBLE = /[\u202A-\u202E\u2066-\u2069\u200B-\u200F\uFEFF\u00AD]/;

describeWithDatabase('invisible format characters never reach the database', (ctx) => {
	beforeAll(() => {
		useTempUploads();
	});

	it('strips U+202E and its kin from every free text field of the public, coordinator, organizer and art inputs', async () => {
		const { db } = ctx().database;
		const { xiangqi, edition } = await setupProgramme(db, { quota: null });
		const S09 = await streetId(db, 'S09');
		const coordinator = await ctx().createUser('coordinator', { streetCode: 'S09' });
		const organizer = await ctx().createUser('organizer');
		const spoof = (text: string) => `${RLO}${text}\u200B\u2066\uFEFF`;

		// public form: name and guardian (a minor needs one)
		const minor = person({ birthDate: `${Number(edition.startsOn.slice(0, 4)) - 15}-03-04` });
		const { referenceCode } = await ctx().caller().registration.submit({ ...minor, name: spoof('王·小明'), guardianName: spoof('王大明'), guardianPhone: '13912345678', guardianRelation: spoof('父亲'), streetId: S09, categoryIds: [xiangqi.id] });
		// the athlete amends the guardian
		await ctx().caller().registration.athlete.amend({ referenceCode, residentId: minor.residentId, guardianName: spoof('王二明'), guardianPhone: '13912345678', guardianRelation: spoof('母亲'), phone: '13912345678' });
		// coordinator: register on behalf, return with a reason, import from Excel
		await ctx().caller(coordinator).registration.street.register({ ...person(), name: spoof('代报'), categoryIds: [xiangqi.id], opId: opId() });
		const entry = await db.entry.findFirstOrThrow({ where: { athlete: { referenceCode } } });
		await ctx().caller(coordinator).registration.street.return({ entryId: entry.id, opId: opId(), reason: spoof('证件照片不清楚') });
		const imported = person();
		const file = await writeImport([{ name: spoof('导入'), residentId: imported.residentId, certificateNo: imported.certificateNo, sportClass: '', phone: '13912345678', events: xiangqi.code }]);
		const preview = await ctx().caller(coordinator).registration.street.importPreview({ fileBase64: file.toString('base64') });
		expect(preview.valid).toBe(1);
		await ctx().caller(coordinator).registration.street.importConfirm({ token: preview.token!, opId: opId() });
		// organizer: programme, venue, staff account
		await ctx().caller(organizer).registration.programme.saveCategory({ sportKey: 'darts', code: `dt-${Date.now() % 100000}`, nameZh: spoof('飞镖'), nameEn: spoof('Darts'), format: 'dartsTotal', formatConfig: { totalRounds: 8 }, rule: {}, streetQuota: 4 });
		await ctx().caller(organizer).registration.programme.addVenue({ nameZh: spoof('体育馆'), nameEn: spoof('Gym'), addressZh: spoof('朝阳路 1 号'), addressEn: '' });
		await ctx().caller(organizer).admin.users.create({ username: `spoof${Date.now() % 100000}`, displayName: spoof('裁判员'), role: 'referee' });
		// art: title, author, statement and alt text
		const world = await artWorld(ctx());
		await submitWork(ctx(), coordinator, world.categoryId, { title: spoof('春江'), authorName: spoof('张三'), statement: spoof('第一行\n第二行'), images: [{ data: await makeImage(), altText: spoof('山水画') }] });

		const stored = JSON.stringify([
			await db.athlete.findMany({ where: { streetId: S09 }, select: { name: true, guardianName: true, guardianRelation: true } }),
			await db.entry.findMany({ select: { returnReason: true } }),
			await db.category.findMany({ select: { nameZh: true, nameEn: true } }),
			await db.venue.findMany({ select: { nameZh: true, nameEn: true, addressZh: true } }),
			await db.user.findMany({ select: { displayName: true } }),
			await db.artEntry.findMany({ select: { title: true, authorName: true, statement: true, images: { select: { altText: true } } } })
		]);
		expect(stored).toContain('王·小明');
		expect(stored).toContain('导入');
		expect(stored).toContain('第一行\\n第二行');
		expect(INVISIBLE.test(stored)).toBe(false);
	});

	it('refuses a name made only of invisible characters as empty', async () => {
		const { db } = ctx().database;
		const { xiangqi } = await setupProgramme(db, { quota: null });
		const before = await db.athlete.count();
		const error = await refusal(ctx().caller(null, { locale: 'en' }).registration.submit({ ...person(), name: `${RLO}\u200B\u2066`, streetId: await streetId(db, 'S10'), categoryIds: [xiangqi.id] }));
		expect(formatError(error, 'en').message).toBeTruthy();
		expect(await db.athlete.count()).toBe(before);
	});
});
