import { expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { describeWithDatabase } from '../support/setup';
import { formatError } from '../../src/lib/server/trpc/format';
import { editionTimeZone, forgetTimeZone } from '../../src/lib/server/clock';

describeWithDatabase('the edition’s clock', (ctx) => {
	const db = () => ctx().database.db;

	async function refusal(promise: Promise<unknown>) {
		const error = await promise.then(
			() => null,
			(e: unknown) => e
		);
		if (!(error instanceof TRPCError)) throw new Error(`expected a refusal, got ${String(error)}`);
		return { code: error.code, zh: formatError(error, 'zh-CN'), en: formatError(error, 'en') };
	}

	it('starts on Beijing time, and the organizer sets another IANA zone, audited, that every time is then written in', async () => {
		forgetTimeZone();
		expect(await editionTimeZone(db())).toBe('Asia/Shanghai');
		const organizer = ctx().caller(await ctx().createUser('organizer'));
		expect((await organizer.registration.programme.get()).edition.timeZone).toBe('Asia/Shanghai');

		expect(await organizer.registration.programme.updateTimeZone({ timeZone: 'Europe/Berlin' })).toEqual({ timeZone: 'Europe/Berlin' });
		expect((await organizer.registration.programme.get()).edition.timeZone).toBe('Europe/Berlin');
		// the server's clock follows at once (the cache is dropped), so pages and exports use it
		expect(await editionTimeZone(db())).toBe('Europe/Berlin');
		const record = await db().auditLog.findFirstOrThrow({ where: { action: 'edition.time_zone' } });
		expect(JSON.parse(record.before!)).toEqual({ timeZone: 'Asia/Shanghai' });
		expect(JSON.parse(record.after!)).toEqual({ timeZone: 'Europe/Berlin' });
		// saving the same zone again records nothing new
		await organizer.registration.programme.updateTimeZone({ timeZone: 'Europe/Berlin' });
		expect(await db().auditLog.count({ where: { action: 'edition.time_zone' } })).toBe(1);

		await organizer.registration.programme.updateTimeZone({ timeZone: 'Asia/Shanghai' });
		expect(await editionTimeZone(db())).toBe('Asia/Shanghai');
	});

	it('refuses a name that is not a time zone, or an offset instead of a place, saying what to choose, and changes nothing', async () => {
		const organizer = ctx().caller(await ctx().createUser('organizer'));
		for (const timeZone of ['Mars/Olympus', '+08:00', '', 'Asia/Shanghai; DROP TABLE']) {
			const refused = await refusal(organizer.registration.programme.updateTimeZone({ timeZone }));
			expect(refused.code).toBe('BAD_REQUEST');
			expect(refused.zh.fieldErrors?.timeZone?.join('')).toContain('Asia/Shanghai');
			expect(refused.en.fieldErrors?.timeZone?.join('')).toContain('Choose a time zone');
		}
		expect((await db().edition.findFirstOrThrow({ where: { current: true } })).timeZone).toBe('Asia/Shanghai');
	});

	it('lets only organizers change the time zone', async () => {
		for (const role of ['coordinator', 'referee', 'juror'] as const) {
			const other = ctx().caller(await ctx().createUser(role, role === 'coordinator' ? { streetCode: 'S01' } : {}));
			expect((await refusal(other.registration.programme.updateTimeZone({ timeZone: 'UTC' }))).code).toBe('FORBIDDEN');
		}
		expect((await refusal(ctx().caller(null).registration.programme.updateTimeZone({ timeZone: 'UTC' }))).code).toBe('UNAUTHORIZED');
		expect((await db().edition.findFirstOrThrow({ where: { current: true } })).timeZone).toBe('Asia/Shanghai');
	});
});
