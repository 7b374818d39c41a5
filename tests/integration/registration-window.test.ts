/**
 * Closing and reopening registration through tRPC (the organizer's "close now" and its undo):
 * who may, what closing stops, what reopening refuses and allows, the audit trail, idempotency.
 */
import { expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { describeWithDatabase } from '../support/setup';
import { opId, person, setupProgramme, streetId } from '../support/registration';
import { formatError } from '../../src/lib/server/trpc/format';
import { RegistrationRefused } from '../../src/lib/server/registration/common';

const DAY = 86_400_000;
const refused = async (promise: Promise<unknown>) => {
	const error = await promise.then(() => null, (e: unknown) => e);
	expect(error).toBeInstanceOf(TRPCError);
	return error as TRPCError;
};
const codes = (error: TRPCError) => (error.cause instanceof RegistrationRefused ? error.cause.problems.map((p) => p.code) : [error.message]);
/** An instant as the organizer's form sends it: Beijing time with its offset. */
const beijing = (date: Date) => new Date(date.getTime() + 8 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, '+08:00');

describeWithDatabase('closing and reopening registration', (ctx) => {
	it('lets only organizers close or reopen, and a refused caller changes nothing', async () => {
		const { db } = ctx().database;
		const { edition } = await setupProgramme(db);
		const before = await db.edition.findUniqueOrThrow({ where: { id: edition.id } });
		const others = [null, await ctx().createUser('coordinator', { streetCode: 'S30' }), await ctx().createUser('referee'), await ctx().createUser('juror')];
		for (const who of others) {
			const close = await refused(ctx().caller(who).registration.entries.close({ opId: opId() }));
			const reopen = await refused(ctx().caller(who).registration.entries.reopen({ opId: opId(), closesAt: beijing(new Date(Date.now() + 5 * DAY)) }));
			for (const error of [close, reopen]) expect(error.code).toBe(who ? 'FORBIDDEN' : 'UNAUTHORIZED');
		}
		const after = await db.edition.findUniqueOrThrow({ where: { id: edition.id } });
		expect(after.registrationClosesAt).toEqual(before.registrationClosesAt);
		expect(await db.auditLog.count({ where: { action: { in: ['registration.close', 'registration.reopen'] } } })).toBe(0);
	});

	it('closes now: athletes and coordinators are refused with a reason, once per operation id, audited with the old and new closing time', async () => {
		const { db } = ctx().database;
		const { edition, xiangqi } = await setupProgramme(db, { quota: null });
		const organizer = await ctx().createUser('organizer');
		const S31 = await streetId(db, 'S31');
		const coordinator = await ctx().createUser('coordinator', { streetCode: 'S31' });
		await ctx().caller().registration.submit({ ...person(), streetId: S31, categoryIds: [xiangqi.id] });
		const entry = await db.entry.findFirstOrThrow({ where: { categoryId: xiangqi.id, athlete: { streetId: S31 } } });
		const plannedClose = (await db.edition.findUniqueOrThrow({ where: { id: edition.id } })).registrationClosesAt;

		const op = opId();
		const closed = await ctx().caller(organizer).registration.entries.close({ opId: op });
		expect(await ctx().caller(organizer).registration.entries.close({ opId: op })).toEqual(closed);
		expect(new Date(closed.closesAt).getTime()).toBeLessThanOrEqual(Date.now());
		expect((await ctx().caller().registration.form()).edition.open).toBe(false);
		expect((await ctx().caller(organizer).registration.entries.overview()).edition.open).toBe(false);

		const late = await refused(ctx().caller(null, { locale: 'en' }).registration.submit({ ...person(), streetId: S31, categoryIds: [xiangqi.id] }));
		expect(codes(late)).toContain('window.closed');
		const approve = await refused(ctx().caller(coordinator, { locale: 'en' }).registration.street.approve({ entryId: entry.id, opId: opId() }));
		expect(approve.code).toBe('CONFLICT');
		expect(formatError(approve, 'en').message).toMatch(/ask the organizers/);
		expect((await db.entry.findUniqueOrThrow({ where: { id: entry.id } })).status).toBe('pending');

		const logs = await db.auditLog.findMany({ where: { action: 'registration.close' } });
		expect(logs).toHaveLength(1);
		expect(logs[0]).toMatchObject({ entity: 'Edition', entityId: edition.id, opId: op, actorId: organizer.id });
		expect(JSON.parse(logs[0]!.before ?? '{}')).toEqual({ closesAt: plannedClose?.toISOString() });
		expect(JSON.parse(logs[0]!.after ?? '{}')).toEqual({ closesAt: closed.closesAt });
	});

	it('reopens until a new time in the future: a past time, one before the opening, or no time is refused and changes nothing', async () => {
		const { db } = ctx().database;
		const { edition, xiangqi } = await setupProgramme(db, { quota: null });
		const organizer = await ctx().createUser('organizer');
		const S32 = await streetId(db, 'S32');
		const coordinator = await ctx().createUser('coordinator', { streetCode: 'S32' });
		const closed = await ctx().caller(organizer).registration.entries.close({ opId: opId() });
		const reopen = (closesAt: string, op = opId()) => ctx().caller(organizer, { locale: 'en' }).registration.entries.reopen({ opId: op, closesAt });

		const past = await refused(reopen(beijing(new Date(Date.now() - DAY))));
		expect(codes(past)).toEqual(['registration.admin.reopen_past']);
		expect(formatError(past, 'en').message).toMatch(/future/);
		const opensAt = (await db.edition.findUniqueOrThrow({ where: { id: edition.id } })).registrationOpensAt!;
		await db.edition.update({ where: { id: edition.id }, data: { registrationOpensAt: new Date(Date.now() + 3 * DAY) } });
		expect(codes(await refused(reopen(beijing(new Date(Date.now() + 2 * DAY)))))).toEqual(['registration.programme.window_order']);
		await db.edition.update({ where: { id: edition.id }, data: { registrationOpensAt: opensAt } });
		expect((await refused(reopen('next Tuesday'))).code).toBe('BAD_REQUEST');
		expect((await db.edition.findUniqueOrThrow({ where: { id: edition.id } })).registrationClosesAt?.toISOString()).toBe(closed.closesAt);
		expect(await db.auditLog.count({ where: { action: 'registration.reopen' } })).toBe(0);

		const until = new Date(Math.floor((Date.now() + 5 * DAY) / 1000) * 1000);
		const op = opId();
		const reopened = await reopen(beijing(until), op);
		expect(await reopen(beijing(until), op)).toEqual(reopened);
		expect(reopened.closesAt).toBe(until.toISOString());
		expect((await ctx().caller().registration.form()).edition.open).toBe(true);

		// open again for everyone: an athlete registers, the coordinator approves
		await ctx().caller().registration.submit({ ...person(), streetId: S32, categoryIds: [xiangqi.id] });
		const entry = await db.entry.findFirstOrThrow({ where: { categoryId: xiangqi.id, athlete: { streetId: S32 } } });
		await ctx().caller(coordinator).registration.street.approve({ entryId: entry.id, opId: opId() });
		expect((await db.entry.findUniqueOrThrow({ where: { id: entry.id } })).status).toBe('approved');

		const logs = await db.auditLog.findMany({ where: { action: 'registration.reopen' } });
		expect(logs).toHaveLength(1);
		expect(logs[0]).toMatchObject({ entity: 'Edition', entityId: edition.id, opId: op });
		expect(JSON.parse(logs[0]!.before ?? '{}')).toEqual({ closesAt: closed.closesAt });
		expect(JSON.parse(logs[0]!.after ?? '{}')).toEqual({ closesAt: until.toISOString() });
	});
});
