import { expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { describeWithDatabase } from '../support/setup';
import { createSession, validateSession } from '../../src/lib/server/auth/session';

/** A session control that records what a browser's cookie jar would hold. */
function cookieJar(token?: string) {
	const jar = {
		token,
		set(next: string) {
			jar.token = next;
		},
		clear() {
			jar.token = undefined;
		}
	};
	return jar;
}

describeWithDatabase('logging in and out', (ctx) => {
	it('logs a staff member in with the right password and sets a session cookie that identifies them', async () => {
		const user = await ctx().createUser('referee', { username: 'ref-alice', password: 'a long passphrase' });
		const jar = cookieJar();
		const me = await ctx().caller(null, { session: jar }).auth.login({ username: 'Ref-Alice ', password: 'a long passphrase' });
		expect(me.id).toBe(user.id);
		expect(jar.token).toMatch(/^[\w-]{40,}$/);
		expect((await validateSession(ctx().database.db, jar.token))?.username).toBe('ref-alice');
	});

	it('refuses a wrong password with a message in the caller language and records nothing', async () => {
		await ctx().createUser('juror', { username: 'juror-bob', password: 'a long passphrase' });
		const sessionsBefore = await ctx().database.db.session.count();
		const attempt = ctx().caller(null, { locale: 'en', address: '10.0.0.9' }).auth.login({ username: 'juror-bob', password: 'wrong password' });
		await expect(attempt).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: 'auth.invalid_credentials' });
		expect(await ctx().database.db.session.count()).toBe(sessionsBefore);
	});

	it('slows down password guessing: the sixth wrong attempt for one username is refused even with the right password', async () => {
		await ctx().createUser('coordinator', { username: 'coord-guess', password: 'the right password', streetCode: 'S01' });
		const caller = ctx().caller(null, { address: '10.0.0.10' });
		for (let i = 0; i < 5; i++) {
			await expect(caller.auth.login({ username: 'coord-guess', password: `guess ${i}` })).rejects.toBeInstanceOf(TRPCError);
		}
		await expect(caller.auth.login({ username: 'coord-guess', password: 'the right password' })).rejects.toMatchObject({
			code: 'TOO_MANY_REQUESTS'
		});
	});

	it('starts a new session at login and ends the one the browser had before (no session fixation)', async () => {
		await ctx().createUser('referee', { username: 'ref-rotate', password: 'a long passphrase' });
		const first = cookieJar();
		await ctx().caller(null, { session: first }).auth.login({ username: 'ref-rotate', password: 'a long passphrase' });
		const planted = first.token;
		await ctx().caller(null, { session: first }).auth.login({ username: 'ref-rotate', password: 'a long passphrase' });
		expect(first.token).not.toBe(planted);
		expect(await validateSession(ctx().database.db, planted)).toBeNull();
		expect(await validateSession(ctx().database.db, first.token)).not.toBeNull();
	});

	it('logs out everywhere: every session of the person ends', async () => {
		await ctx().createUser('referee', { username: 'ref-many', password: 'a long passphrase' });
		const phone = cookieJar();
		const tablet = cookieJar();
		const me = await ctx().caller(null, { session: phone }).auth.login({ username: 'ref-many', password: 'a long passphrase' });
		await ctx().caller(null, { session: tablet }).auth.login({ username: 'ref-many', password: 'a long passphrase' });
		await ctx().caller(me, { session: phone }).auth.logout({ everywhere: true });
		expect(phone.token).toBeUndefined();
		expect(await validateSession(ctx().database.db, tablet.token)).toBeNull();
	});

	it('refuses text with NUL characters before any procedure sees it (PostgreSQL cannot store them)', async () => {
		await expect(ctx().caller(null).auth.login({ username: 'ad\u0000min', password: 'x' })).rejects.toMatchObject({
			code: 'BAD_REQUEST',
			message: 'errors.invalid_characters'
		});
	});

	it('does not accept an expired session', async () => {
		const user = await ctx().createUser('juror');
		await ctx().database.db.session.create({ data: { id: 'expired-hash', userId: user.id, expiresAt: new Date(Date.now() - 1000) } });
		expect(await validateSession(ctx().database.db, 'expired')).toBeNull();
	});

	it('does not accept a valid session of an account that was switched off', async () => {
		const user = await ctx().createUser('referee');
		const { token } = await createSession(ctx().database.db, user.id, 1);
		expect(await validateSession(ctx().database.db, token)).toMatchObject({ id: user.id, role: 'referee' });
		await ctx().database.db.user.update({ where: { id: user.id }, data: { active: false } });
		expect(await validateSession(ctx().database.db, token)).toBeNull();
	});

	it('keeps a person with a one-time password out of role procedures until they change it', async () => {
		const organizer = await ctx().createUser('organizer', { password: 'one time password', mustChangePassword: true });
		await expect(ctx().caller(organizer).admin.dashboard()).rejects.toMatchObject({ code: 'FORBIDDEN', message: 'auth.must_change_password' });
		const jar = cookieJar();
		await ctx().caller(organizer, { session: jar }).auth.changePassword({ current: 'one time password', next: 'my own new password' });
		const refreshed = await validateSession(ctx().database.db, jar.token);
		expect(refreshed?.mustChangePassword).toBe(false);
		await expect(ctx().caller(refreshed).admin.dashboard()).resolves.toHaveProperty('counts');
	});

	it('refuses a new password shorter than 10 characters and keeps the old one', async () => {
		const user = await ctx().createUser('referee', { password: 'the old password' });
		await expect(ctx().caller(user).auth.changePassword({ current: 'the old password', next: 'short' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
		await expect(ctx().caller(null).auth.login({ username: user.username, password: 'the old password' })).resolves.toHaveProperty('id', user.id);
	});
});
