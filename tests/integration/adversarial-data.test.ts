/**
 * The standing adversarial suite for data exposure and business rules (issue #12): each test
 * attacks the app as someone who sees one role's screens would, through the real tRPC router
 * on a real database, and failed on the code before its fix.
 */
import { expect, it } from 'vitest';
import { describeWithDatabase } from '../support/setup';
import { opId, person, setupProgramme, streetId } from '../support/registration';
import { candidates, merge, readShown, type Shown } from '../support/reidentify';
import { redact } from '../../src/lib/server/log';

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
