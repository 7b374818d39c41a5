/**
 * Standing adversarial suite, faults and scale (issue #12): each test reproduces a finding —
 * a failing component, an upload bomb, a big street, a restore under a running app — and
 * failed before its fix. The process-level Redis test is in faults-redis.test.ts.
 */
import { expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { describeWithDatabase } from '../support/setup';
import { artWorld, submitWork, useTempUploads } from '../support/art';
import { pngBomb, xlsxBombEntries, zipBomb } from '../support/bombs';
import { openDatabase } from '../../src/lib/server/db';
import { readiness } from '../../src/lib/server/ops/health';
import { formatError } from '../../src/lib/server/trpc/format';
import { person, setupProgramme, streetId } from '../support/registration';
import type { Db } from '../../src/lib/server/db';

useTempUploads();

const messageOf = (error: unknown, locale: 'zh-CN' | 'en' = 'zh-CN') => formatError(error as TRPCError, locale).message;

/** Runs `work` and returns its error and how far the process's resident memory rose meanwhile. */
async function measured(work: () => Promise<unknown>): Promise<{ error: unknown; growthMb: number }> {
	const before = process.memoryUsage().rss;
	let peak = before;
	const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 2);
	const error = await work().then(
		() => null,
		(e: unknown) => e
	);
	clearInterval(sampler);
	peak = Math.max(peak, process.memoryUsage().rss);
	return { error, growthMb: (peak - before) / (1024 * 1024) };
}

describeWithDatabase('adversarial: faults and scale', (ctx) => {
	it('reports the database as failing (degraded, named) when it cannot be reached', async () => {
		const unreachable = await openDatabase('postgresql://postgres@127.0.0.1:1/nowhere', { migrate: false });
		try {
			const result = await readiness({ db: unreachable.db, provider: 'postgresql', redis: async () => 'off' });
			expect(result).toMatchObject({ status: 'degraded', database: 'down', failing: ['database'] });
		} finally {
			await unreachable.close().catch(() => {});
		}
	});

	it('is ready when the database answers and every migration is applied, and names pending migrations', async () => {
		const { db, provider } = ctx().database;
		expect(await readiness({ db, provider, redis: async () => 'off' })).toEqual({
			status: 'ok',
			database: 'up',
			redis: 'off',
			migrations: 'current',
			limits: 'process',
			failing: []
		});
		const [last] = await db.$queryRawUnsafe<Array<{ id: string }>>('SELECT id FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1');
		await db.$executeRawUnsafe(`UPDATE _prisma_migrations SET rolled_back_at = finished_at WHERE id = '${last!.id}'`);
		try {
			expect(await readiness({ db, provider, redis: async () => 'down' })).toMatchObject({
				status: 'degraded',
				migrations: 'pending',
				limits: 'process',
				failing: ['redis', 'migrations']
			});
		} finally {
			await db.$executeRawUnsafe(`UPDATE _prisma_migrations SET rolled_back_at = NULL WHERE id = '${last!.id}'`);
		}
	});

	it('refuses an .xlsx holding hundreds of MB of sheet XML before inflating it, in both languages, with little memory', async () => {
		const coordinator = await ctx().createUser('coordinator', { streetCode: 'S01' });
		// About 300 MB of rows, deflated to well under the 10 MB upload limit.
		const bomb = await zipBomb(xlsxBombEntries(34_000));
		expect(bomb.length).toBeLessThan(5 * 1024 * 1024);
		const fileBase64 = bomb.toString('base64');
		const rows = await ctx().database.db.athlete.count();
		const { error, growthMb } = await measured(() => ctx().caller(coordinator).registration.street.importPreview({ fileBase64 }));
		expect(error).toBeInstanceOf(TRPCError);
		expect((error as TRPCError).code).toBe('BAD_REQUEST');
		expect(messageOf(error)).toContain('解压后太大');
		expect(messageOf(error, 'en')).toContain('too large once unpacked');
		expect(growthMb).toBeLessThan(100);
		expect(await ctx().database.db.athlete.count()).toBe(rows);
	});

	it('stops inflating the moment an entry exceeds the size its header declares (a lying bomb)', async () => {
		const coordinator = await ctx().createUser('coordinator', { streetCode: 'S02' });
		const bomb = await zipBomb(xlsxBombEntries(34_000, 1_000));
		const { error, growthMb } = await measured(() =>
			ctx().caller(coordinator).registration.street.importPreview({ fileBase64: bomb.toString('base64') })
		);
		expect(error).toBeInstanceOf(TRPCError);
		expect(messageOf(error)).toContain('无法读取这个文件');
		expect(growthMb).toBeLessThan(100);
	});

	it('refuses a tiny .xlsx whose data validation covers a whole sheet before a library expands it cell by cell', async () => {
		const coordinator = await ctx().createUser('coordinator', { streetCode: 'S03' });
		const sheet = Buffer.from(
			'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>' +
				'<dataValidations count="1"><dataValidation type="whole" sqref="A1:XFD1048576"><formula1>1</formula1></dataValidation></dataValidations></worksheet>'
		);
		const file = await zipBomb([
			{ name: '[Content_Types].xml', chunk: Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>') },
			{ name: 'xl/workbook.xml', chunk: Buffer.from('<?xml version="1.0"?><workbook/>') },
			{ name: 'xl/worksheets/sheet1.xml', chunk: sheet }
		]);
		expect(file.length).toBeLessThan(4096);
		const { error, growthMb } = await measured(() => ctx().caller(coordinator).registration.street.importPreview({ fileBase64: file.toString('base64') }));
		expect(error).toBeInstanceOf(TRPCError);
		expect(messageOf(error, 'en')).toContain('too large once unpacked');
		expect(growthMb).toBeLessThan(100);
	});

	it('refuses an .xlsx of a million small cells that fits the byte bound', async () => {
		const coordinator = await ctx().createUser('coordinator', { streetCode: 'S04' });
		const row = Buffer.from(`<row>${'<c><v>1</v></c>'.repeat(1300)}</row>`);
		const file = await zipBomb([
			{ name: '[Content_Types].xml', chunk: Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>') },
			{ name: 'xl/workbook.xml', chunk: Buffer.from('<?xml version="1.0"?><workbook/>') },
			{ name: 'xl/worksheets/sheet1.xml', chunk: row, times: 1000 }
		]);
		const { error, growthMb } = await measured(() => ctx().caller(coordinator).registration.street.importPreview({ fileBase64: file.toString('base64') }));
		expect(error).toBeInstanceOf(TRPCError);
		expect(messageOf(error, 'en')).toContain('too large once unpacked');
		expect(growthMb).toBeLessThan(100);
	});

	it('refuses an art image whose header declares a huge canvas before decoding it', async () => {
		const world = await artWorld(ctx());
		const coordinator = await ctx().createUser('coordinator', { streetCode: 'S03' });
		const png = new Uint8Array(pngBomb(16_000)); // 256 megapixels, a 1 GB decode, tens of KB on the wire
		const { error, growthMb } = await measured(() =>
			submitWork(ctx(), coordinator, world.categoryId, { images: [{ data: png, altText: 'A black square' }] })
		);
		expect(error).toBeInstanceOf(TRPCError);
		expect(messageOf(error)).toContain('像素太多');
		expect(messageOf(error, 'en')).toContain('too many pixels');
		expect(growthMb).toBeLessThan(100);
		expect(await ctx().database.db.artEntry.count({ where: { artCategoryId: world.categoryId } })).toBe(0);
	});

	it('answers the coordinator and organizer views of a street of 5,000 athletes in an edition of 10,000', async () => {
		const { db } = ctx().database;
		const { menTT, xiangqi } = await setupProgramme(db, { quota: null });
		const S07 = await streetId(db, 'S07');
		const S08 = await streetId(db, 'S08');
		// One athlete through the real registration, then copies of its row (its encrypted numbers
		// stay valid), 5,000 in S07 and 5,000 in S08, each entered in table tennis.
		const { referenceCode } = await ctx().caller().registration.submit({ ...person(), streetId: S07, categoryIds: [menTT.id] });
		const model = await db.athlete.findUniqueOrThrow({ where: { referenceCode } });
		await copyAthletes(db, model, S07, 4_999, menTT.id, 'a');
		await copyAthletes(db, model, S08, 5_000, menTT.id, 'b');
		await db.entry.create({ data: { athleteId: model.id, categoryId: xiangqi.id } });
		const coordinator = await ctx().createUser('coordinator', { streetCode: 'S07' });
		const organizer = await ctx().createUser('organizer');

		const street = ctx().caller(coordinator).registration.street;
		const first = await street.athletePage({ status: 'pending' });
		expect(first.total).toBe(5_000);
		expect(first.athletes).toHaveLength(first.pageSize);
		const last = await street.athletePage({ status: 'pending', page: first.pages });
		expect(last.athletes.length).toBe(5_000 - first.pageSize * (first.pages - 1));
		expect(last.athletes.every((a) => a.entries.length >= 1)).toBe(true);
		expect((await street.athletes({ status: 'pending' })).length).toBe(5_000);
		const dashboard = await street.dashboard();
		expect(dashboard.categories.find((c) => c.id === menTT.id)?.pending).toBe(5_000);

		const entries = await ctx().caller(organizer).registration.entries.list({ categoryId: menTT.id });
		expect(entries.athletes).toHaveLength(10_000);
		const overview = await ctx().caller(organizer).registration.entries.overview();
		expect(overview.streets.find((s) => s.id === S07)?.pending).toBe(5_001);
	}, 120_000);
});

/**
 * Inserts `count` copies of `model` in `street` with one SQL statement (a recursive counter),
 * each with one pending entry in `categoryId`: seconds, not minutes, on both databases.
 */
async function copyAthletes(db: Db, model: Awaited<ReturnType<Db['athlete']['findUniqueOrThrow']>>, street: string, count: number, categoryId: string, tag: string) {
	const prefix = `scale-${tag}-`;
	const override: Record<string, string> = {
		id: `'${prefix}' || n.i`,
		streetId: `'${street}'`,
		referenceCode: `'DG-SCALE-${tag}-' || n.i`,
		residentIdIndex: `'${prefix}' || n.i`,
		name: `'测试${tag}' || n.i`
	};
	const columns = Object.keys(model);
	await db.$executeRawUnsafe(
		`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${count})
		INSERT INTO "Athlete" (${columns.map((c) => `"${c}"`).join(', ')})
		SELECT ${columns.map((c) => override[c] ?? `a."${c}"`).join(', ')} FROM "Athlete" a, n WHERE a."id" = '${model.id}'`
	);
	await db.$executeRawUnsafe(
		`INSERT INTO "Entry" ("id", "athleteId", "categoryId", "status", "returnReason", "createdAt", "updatedAt", "version")
		SELECT 'scale-e-' || a."id", a."id", '${categoryId}', 'pending', '', a."createdAt", a."createdAt", 0 FROM "Athlete" a WHERE a."id" LIKE '${prefix}%'`
	);
}
