import { expect, it } from 'vitest';
import { describeWithDatabase } from '../support/setup';
import { formatError } from '../../src/lib/server/trpc/format';
import { TRPCError } from '@trpc/server';

describeWithDatabase('organizer manages staff accounts', (ctx) => {
	it('creates a coordinator bound to a street with a one-time password, and audits it', async () => {
		const organizer = await ctx().createUser('organizer');
		const street = await ctx().database.db.street.findUniqueOrThrow({ where: { code: 'S05' } });
		const { user, oneTimePassword } = await ctx().caller(organizer).admin.users.create({
			username: 'Coord.S05',
			displayName: '八里庄协调员',
			role: 'coordinator',
			streetId: street.id
		});
		expect(user).toMatchObject({ username: 'coord.s05', role: 'coordinator', street: { id: street.id } });
		expect(user).not.toHaveProperty('passwordHash');
		const me = await ctx().caller(null).auth.login({ username: 'coord.s05', password: oneTimePassword });
		expect(me).toMatchObject({ mustChangePassword: true, streetId: street.id });
		const record = await ctx().database.db.auditLog.findFirst({ where: { action: 'user.create', entityId: user.id } });
		expect(record?.actorLabel).toBe(`user:${organizer.username}`);
	});

	it('refuses a coordinator without a street with a field message, writing nothing', async () => {
		const organizer = await ctx().createUser('organizer');
		const before = await ctx().database.db.user.count();
		const error = await ctx()
			.caller(organizer)
			.admin.users.create({ username: 'nostreet', displayName: 'x', role: 'coordinator' })
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(TRPCError);
		const formatted = formatError(error as TRPCError, 'zh-CN');
		expect(formatted.fieldErrors?.streetId).toEqual(['街道协调员必须选择所属街道。']);
		expect(formatError(error as TRPCError, 'en').fieldErrors?.streetId).toEqual(['Street coordinators need a street.']);
		expect(await ctx().database.db.user.count()).toBe(before);
	});

	it('refuses a username that is taken with a conflict, writing nothing', async () => {
		const organizer = await ctx().createUser('organizer');
		await ctx().caller(organizer).admin.users.create({ username: 'dup-name', displayName: 'A', role: 'referee' });
		const before = await ctx().database.db.user.count();
		await expect(
			ctx().caller(organizer).admin.users.create({ username: 'DUP-name', displayName: 'B', role: 'referee' })
		).rejects.toMatchObject({ code: 'CONFLICT' });
		expect(await ctx().database.db.user.count()).toBe(before);
	});

	it('lets only organizers see or manage accounts', async () => {
		const coordinator = await ctx().createUser('coordinator', { streetCode: 'S01' });
		const referee = await ctx().createUser('referee');
		for (const person of [null, coordinator, referee]) {
			await expect(ctx().caller(person).admin.users.list()).rejects.toMatchObject({
				code: person ? 'FORBIDDEN' : 'UNAUTHORIZED'
			});
		}
	});

	it('deactivating an account ends its sessions and blocks the next login', async () => {
		const organizer = await ctx().createUser('organizer');
		const referee = await ctx().createUser('referee', { password: 'a long passphrase' });
		await ctx().caller(null).auth.login({ username: referee.username, password: 'a long passphrase' });
		await ctx().caller(organizer).admin.users.setActive({ userId: referee.id, active: false });
		expect(await ctx().database.db.session.count({ where: { userId: referee.id } })).toBe(0);
		await expect(ctx().caller(null).auth.login({ username: referee.username, password: 'a long passphrase' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
	});
});
