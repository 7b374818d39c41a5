/**
 * Logging in and out, and changing a password. Called by the login form action and by the
 * tRPC `auth` router, so both paths share the same checks, limits and audit records.
 */
import type { Db } from '../db';
import { audit } from '../audit';
import { dummyHash, hashPassword, verifyPassword } from './password';
import { RateLimiter } from './rateLimit';
import { createSession, deleteSession, deleteUserSessions, validateSession } from './session';
import type { SessionUser } from '$lib/roles';

/** 5 failed attempts per username and 20 per address within 15 minutes. */
export const loginLimits = {
	perUser: new RateLimiter(5, 15 * 60_000),
	perAddress: new RateLimiter(20, 15 * 60_000)
};

export type LoginResult =
	| { ok: true; user: SessionUser; token: string; expiresAt: Date }
	| { ok: false; code: 'auth.invalid_credentials' }
	| { ok: false; code: 'auth.rate_limited'; retryAfterSeconds: number };

/**
 * Checks the credentials and starts a new session. The previous session token (if any) is
 * ended, so a token planted before login is worthless after it (session fixation).
 */
export async function login(
	db: Db,
	input: { username: string; password: string; address: string; previousToken?: string },
	sessionHours: number
): Promise<LoginResult> {
	const username = input.username.trim().toLowerCase();
	const userKey = `u:${username}`;
	const addressKey = `a:${input.address}`;
	const wait = Math.max(
		loginLimits.perUser.retryAfter(userKey),
		loginLimits.perAddress.retryAfter(addressKey)
	);
	if (wait > 0) return { ok: false, code: 'auth.rate_limited', retryAfterSeconds: Math.ceil(wait / 1000) };

	const user = await db.user.findUnique({
		where: { username },
		select: { id: true, passwordHash: true, active: true }
	});
	const valid = user
		? await verifyPassword(user.passwordHash, input.password)
		: (await verifyPassword(await dummyHash(), input.password), false);
	if (!user || !valid || !user.active) {
		loginLimits.perUser.hit(userKey);
		loginLimits.perAddress.hit(addressKey);
		return { ok: false, code: 'auth.invalid_credentials' };
	}
	loginLimits.perUser.reset(userKey);
	await deleteSession(db, input.previousToken);
	const { token, expiresAt } = await createSession(db, user.id, sessionHours);
	await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
	const sessionUser = await validateSession(db, token);
	if (!sessionUser) throw new Error('a session just created could not be read back');
	await audit(db, { id: user.id, label: `user:${username}` }, { action: 'user.login', entity: 'User', entityId: user.id });
	return { ok: true, user: sessionUser, token, expiresAt };
}

/** Ends the current session, or all of the user's sessions with `everywhere`. */
export async function logout(db: Db, token: string | undefined, user: SessionUser | null, everywhere = false) {
	if (everywhere && user) await deleteUserSessions(db, user.id);
	else await deleteSession(db, token);
	if (user) await audit(db, { id: user.id, label: `user:${user.username}` }, { action: everywhere ? 'user.logout_everywhere' : 'user.logout', entity: 'User', entityId: user.id });
}

/**
 * Changes the user's password after checking the current one; ends all other sessions and
 * returns a fresh session token for this device.
 */
export async function changePassword(
	db: Db,
	user: SessionUser,
	input: { current: string; next: string },
	sessionHours: number
): Promise<{ ok: true; token: string; expiresAt: Date } | { ok: false; code: 'auth.wrong_current_password' | 'auth.password_reused' }> {
	const row = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
	if (!(await verifyPassword(row.passwordHash, input.current))) return { ok: false, code: 'auth.wrong_current_password' };
	if (input.current === input.next) return { ok: false, code: 'auth.password_reused' };
	await db.user.update({
		where: { id: user.id },
		data: { passwordHash: await hashPassword(input.next), mustChangePassword: false }
	});
	await deleteUserSessions(db, user.id);
	const session = await createSession(db, user.id, sessionHours);
	await audit(db, { id: user.id, label: `user:${user.username}` }, { action: 'user.password_change', entity: 'User', entityId: user.id });
	return { ok: true, ...session };
}
