/**
 * Password hashing with argon2id (OWASP's first choice). Used by login, account creation and
 * the seed. The parameters follow OWASP's minimum for argon2id (19 MiB, 2 passes).
 */
import { hash, verify } from '@node-rs/argon2';

const options = { algorithm: 2 /* Argon2id */, memoryCost: 19456, timeCost: 2, parallelism: 1 };

/** Hashes a new password into a self-describing PHC string. */
export function hashPassword(password: string): Promise<string> {
	return hash(password, options);
}

/** Checks a password against a stored hash; a malformed hash counts as a mismatch. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
	try {
		return await verify(stored, password);
	} catch {
		return false;
	}
}

/** A hash to verify against when the user does not exist, so timing does not reveal usernames. */
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
	dummy ??= hashPassword('not-a-real-password-' + Math.random());
	return dummy;
}

/** A readable random password for one-time and demo accounts (no 0/O, 1/l confusion). */
export function generatePassword(length = 14): string {
	const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
	const bytes = crypto.getRandomValues(new Uint8Array(length));
	return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}
