/**
 * Login sessions. The cookie holds a random 256-bit token; the database holds only its SHA-256,
 * so reading the sessions table gives nobody a way in. Sessions expire after SESSION_HOURS;
 * logging in always starts a new session (rotation) and "log out everywhere" ends them all.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db';
import { ROLES, type Role, type SessionUser } from '$lib/roles';

export const SESSION_COOKIE = 'dg_session';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Starts a session for the user and returns the token to put into the cookie. */
export async function createSession(
	db: Db,
	userId: string,
	hours: number
): Promise<{ token: string; expiresAt: Date }> {
	const token = randomBytes(32).toString('base64url');
	const expiresAt = new Date(Date.now() + hours * 3600_000);
	await db.session.create({ data: { id: hashToken(token), userId, expiresAt } });
	return { token, expiresAt };
}

/**
 * The user of a valid, unexpired session token, or null. One query (the user whose session it
 * is, active, with the session unexpired): it runs before every signed-in request, so a
 * referee's scoring operation pays for it each time.
 */
export async function validateSession(db: Db, token: string | undefined): Promise<SessionUser | null> {
	if (!token || token.length > 100) return null;
	const user = await db.user.findFirst({
		where: { active: true, sessions: { some: { id: hashToken(token), expiresAt: { gt: new Date() } } } },
		select: { id: true, username: true, displayName: true, role: true, streetId: true, mustChangePassword: true }
	});
	if (!user || !(ROLES as readonly string[]).includes(user.role)) return null;
	return { ...user, role: user.role as Role };
}

/** Ends one session (logout). */
export async function deleteSession(db: Db, token: string | undefined): Promise<void> {
	if (!token) return;
	await db.session.deleteMany({ where: { id: hashToken(token) } });
}

/** Ends every session of a user (logout everywhere, password change, deactivation). */
export async function deleteUserSessions(db: Db, userId: string): Promise<void> {
	await db.session.deleteMany({ where: { userId } });
}
