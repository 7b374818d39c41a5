/**
 * Logging in and out, and changing a password. Called by the login form action and by the
 * tRPC `auth` router, so both paths share the same checks, limits and audit records.
 */
import type { Db } from '../db';
import { audit } from '../audit';
import { dummyHash, hashPassword, verifyPassword } from './password';
import { LIMITS, blockSeconds, limits, type LimitSet } from './limits';
import { createSession, deleteSession, deleteUserSessions, validateSession } from './session';
import type { SessionUser } from '$lib/roles';

export type LoginResult =
	| { ok: true; user: SessionUser; token: string; expiresAt: Date }
	| { ok: false; code: 'auth.invalid_credentials' }
	| { ok: false; code: 'auth.rate_limited'; retryAfterSeconds: number };

/** How long an attempt waits once a username has failed from many addresses (slows, never refuses). */
export const USERNAME_SLOWDOWN_MS = 1_000;

/** The key of a username+address pair; an organizer's unlock moves the user to a new generation. */
async function pairKey(set: LimitSet, username: string, address: string): Promise<string> {
	const generation = await set.get('loginGeneration').used(username);
	return `${username}#${generation}@${address}`;
}

/**
 * Checks the credentials and starts a new session. The previous session token (if any) is
 * ended, so a token planted before login is worthless after it (session fixation).
 *
 * Limits (see auth/limits.ts), each point taken *before* the password is checked, so a batch
 * or a burst of parallel guesses gets no more checks than a patient attacker:
 * - per username+address, 5 consecutive failures, then a block of 15 minutes that doubles
 *   with each further block within a day (up to a day): this stops the guesser, while the
 *   same person from another address (the referee at the venue) still gets in;
 * - per address, 50 failures in 15 minutes, whatever the usernames;
 * - per username from all addresses, 30 failures in 15 minutes, beyond which every attempt
 *   waits a second: it slows a guesser with many addresses without locking the victim out.
 * A successful login gives its points back and forgets the pair's failures.
 */
export async function login(
	db: Db,
	input: { username: string; password: string; address: string; previousToken?: string },
	sessionHours: number,
	set: LimitSet = limits()
): Promise<LoginResult> {
	const username = input.username.trim().toLowerCase();
	const pair = await pairKey(set, username, input.address);
	const byAddress = await set.get('loginAddress').take(input.address);
	if (!byAddress.ok) return { ok: false, code: 'auth.rate_limited', retryAfterSeconds: byAddress.retryAfterSeconds };
	const byPair = await set.get('loginUserAddress').take(pair);
	if (!byPair.ok) {
		if (byPair.consumed === LIMITS.loginUserAddress.points + 1) {
			// The first refusal of this run of failures: block the pair, longer each time.
			const strike = await set.get('loginStrikes').take(pair);
			const seconds = blockSeconds(strike.consumed);
			await set.get('loginUserAddress').block(pair, seconds);
			return { ok: false, code: 'auth.rate_limited', retryAfterSeconds: seconds };
		}
		return { ok: false, code: 'auth.rate_limited', retryAfterSeconds: byPair.retryAfterSeconds };
	}
	const byUser = await set.get('loginUser').take(username);
	if (!byUser.ok) await new Promise((resolve) => setTimeout(resolve, USERNAME_SLOWDOWN_MS));

	const user = await db.user.findUnique({
		where: { username },
		select: { id: true, passwordHash: true, active: true }
	});
	const valid = user
		? await verifyPassword(user.passwordHash, input.password)
		: (await verifyPassword(await dummyHash(), input.password), false);
	if (!user || !valid || !user.active) return { ok: false, code: 'auth.invalid_credentials' };
	await Promise.all([
		set.get('loginAddress').give(input.address),
		set.get('loginUser').give(username),
		set.get('loginUserAddress').clear(pair),
		set.get('loginStrikes').clear(pair)
	]);
	await deleteSession(db, input.previousToken);
	const { token, expiresAt } = await createSession(db, user.id, sessionHours);
	await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
	const sessionUser = await validateSession(db, token);
	if (!sessionUser) throw new Error('a session just created could not be read back');
	await audit(db, { id: user.id, label: `user:${username}` }, { action: 'user.login', entity: 'User', entityId: user.id });
	return { ok: true, user: sessionUser, token, expiresAt };
}

/**
 * Lets a user sign in again at once from every address: ends every username+address block
 * (by moving the user to a new generation of keys) and the username's slowdown. Called by the
 * organizer's unlock on the staff accounts page.
 */
export async function unlockLogin(username: string, set: LimitSet = limits()): Promise<void> {
	await set.get('loginGeneration').take(username);
	await set.get('loginUser').clear(username);
}

/** Failed logins of a username from all addresses in the current window (staff accounts page). */
export function failedLogins(username: string, set: LimitSet = limits()): Promise<number> {
	return set.get('loginUser').used(username);
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
