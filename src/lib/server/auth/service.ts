/**
 * Logging in and out, and changing a password. Called by the login form action and by the
 * tRPC `auth` router, so both paths share the same checks, limits and audit records.
 */
import type { Db } from '../db';
import { audit } from '../audit';
import { dummyHash, hashPassword, verifyPassword } from './password';
import { guessableWords } from './strength';
import { LIMITS, blockSeconds, limits, type LimitName, type LimitSet } from './limits';
import { createSession, deleteSession, deleteUserSessions, validateSession } from './session';
import type { SessionUser } from '$lib/roles';

export type LoginResult =
	| { ok: true; user: SessionUser; token: string; expiresAt: Date }
	| { ok: false; code: 'auth.invalid_credentials' }
	| { ok: false; code: 'auth.rate_limited'; retryAfterSeconds: number; scope: LoginRefusal };

/**
 * What holds a login back, so the message can say what to do: `account` (this username from
 * this address failed too often: wait, or ask an organizer to unlock), `network` (many
 * usernames failed from this address: wait, or ask an organizer to unlock), `busy` (the
 * username is under attack from elsewhere: try again in a moment).
 */
export type LoginRefusal = 'account' | 'network' | 'busy';

/** The key of a username+address pair; an organizer's unlock moves the user to a new generation. */
async function pairKey(set: LimitSet, username: string, address: string): Promise<string> {
	const generation = await set.get('loginGeneration').used(username);
	return `${username}#${generation}@${address}`;
}

/** The key that marks a username as having signed in from an address. */
const knownKey = (username: string, address: string) => `${username}@${address}`;

const refused = (retryAfterSeconds: number, scope: LoginRefusal): LoginResult => ({ ok: false, code: 'auth.rate_limited', retryAfterSeconds, scope });

/**
 * Checks the credentials and starts a new session. The previous session token (if any) is
 * ended, so a token planted before login is worthless after it (session fixation).
 *
 * Limits (see auth/limits.ts), each point taken *before* the password is checked, so a batch
 * or a burst of parallel guesses gets no more checks than a patient attacker — the layers of
 * a real login system, none of which locks the rightful person out for good:
 * - per username+address, 5 consecutive failures, then a block of 15 minutes that doubles
 *   with each further block within a day (up to a day): this stops the guesser, while the
 *   same person from another address (the referee at the venue) still gets in;
 * - per address, 100 failures in 15 minutes across usernames (password spraying); it does not
 *   hold a username that signed in from that address in the last two weeks, nor one an
 *   organizer unlocked today, so colleagues behind the same NAT (a street office, the venue's
 *   Wi-Fi) are not locked out by someone else's failures;
 * - per username, at most two password checks at the same moment (across processes), and once
 *   it has failed 30 times in 15 minutes from all addresses, one check per 5 seconds from
 *   addresses it never signed in from: a guesser with many addresses gets a few hundred
 *   checks an hour instead of thousands a second, while the person on a known address is not
 *   paced.
 * A successful login gives its points back, forgets the pair's failures and marks the address
 * as known for that username.
 */
export async function login(
	db: Db,
	input: { username: string; password: string; address: string; previousToken?: string },
	sessionHours: number,
	set: LimitSet = limits()
): Promise<LoginResult> {
	const username = input.username.trim().toLowerCase();
	const { address } = input;
	const [pair, known, unlocked] = await Promise.all([
		pairKey(set, username, address),
		set.get('loginKnown').used(knownKey(username, address)),
		set.get('loginUnlocked').used(username)
	]);
	// Points taken so far, given back when a later layer refuses (that attempt checked nothing)
	// or the password is right. Only what was taken is given back: a point given back that was
	// never taken would be credit for the next guesser.
	const taken: Array<[LimitName, string]> = [];
	const giveBack = (except?: LimitName) =>
		Promise.all(taken.filter(([name]) => name !== except).map(([name, key]) => set.get(name).give(key)));

	const byPair = await set.get('loginUserAddress').take(pair);
	if (!byPair.ok) {
		if (byPair.consumed === LIMITS.loginUserAddress.points + 1) {
			// The first refusal of this run of failures: block the pair, longer each time.
			const strike = await set.get('loginStrikes').take(pair);
			const seconds = blockSeconds(strike.consumed);
			await set.get('loginUserAddress').block(pair, seconds);
			return refused(seconds, 'account');
		}
		return refused(byPair.retryAfterSeconds, 'account');
	}
	taken.push(['loginUserAddress', pair]);

	if (known === 0 && unlocked === 0) {
		const byAddress = await set.get('loginAddress').take(address);
		if (!byAddress.ok) {
			await giveBack();
			return refused(byAddress.retryAfterSeconds, 'network');
		}
		taken.push(['loginAddress', address]);
	}

	const byUser = await set.get('loginUser').take(username);
	taken.push(['loginUser', username]);
	if (!byUser.ok && known === 0) {
		const paced = await set.get('loginUserPace').take(username);
		if (!paced.ok) {
			await giveBack();
			return refused(paced.retryAfterSeconds, 'busy');
		}
	}

	const inFlight = await set.get('loginUserInFlight').take(username);
	if (!inFlight.ok) {
		// A refused take still counted itself: undo it, or a burst would hold the places.
		await Promise.all([set.get('loginUserInFlight').give(username), giveBack()]);
		return refused(1, 'busy');
	}
	let user: { id: string; passwordHash: string; active: boolean } | null;
	let valid: boolean;
	try {
		user = await db.user.findUnique({ where: { username }, select: { id: true, passwordHash: true, active: true } });
		valid = user ? await verifyPassword(user.passwordHash, input.password) : (await verifyPassword(await dummyHash(), input.password), false);
	} finally {
		await set.get('loginUserInFlight').give(username);
	}
	if (!user || !valid || !user.active) return { ok: false, code: 'auth.invalid_credentials' };
	await Promise.all([
		giveBack('loginUserAddress'),
		set.get('loginUserAddress').clear(pair),
		set.get('loginStrikes').clear(pair),
		known === 0 ? set.get('loginKnown').take(knownKey(username, address)) : undefined
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
 * Lets a user sign in again at once, from every address, with the right password: ends every
 * username+address block (by moving the user to a new generation of keys), the username's
 * failure count and pacing, and lets the user past the address limit for a day (a NAT whose
 * address is held by other people's failures). Called by the organizer's unlock on the staff
 * accounts page. The per-pair limit still holds, so a guesser gains nothing from it.
 */
export async function unlockLogin(username: string, set: LimitSet = limits()): Promise<void> {
	await set.get('loginGeneration').take(username);
	await Promise.all([
		set.get('loginUnlocked').take(username),
		set.get('loginUser').clear(username),
		set.get('loginUserPace').clear(username),
		set.get('loginUserInFlight').clear(username)
	]);
}

/** Failed logins of a username from all addresses in the current window (staff accounts page). */
export function failedLogins(username: string, set: LimitSet = limits()): Promise<number> {
	return set.get('loginUser').used(username);
}

/**
 * The words a person's new password must not lean on, besides the app's own: their username
 * and name, the current edition's names (English and pinyin) and slug, and their street's name.
 */
export async function passwordContextWords(db: Db, person: { username: string; displayName: string; streetId: string | null }): Promise<string[]> {
	const [edition, street] = await Promise.all([
		db.edition.findFirst({ where: { current: true }, select: { nameZh: true, nameEn: true, slug: true } }),
		person.streetId ? db.street.findUnique({ where: { id: person.streetId }, select: { nameZh: true, nameEn: true } }) : null
	]);
	return guessableWords([person.username, person.displayName, edition?.nameZh, edition?.nameEn, edition?.slug, street?.nameZh, street?.nameEn]);
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
