/**
 * Sealed tokens: small JSON values encrypted and authenticated (AES-256-GCM) by the server,
 * for state that must travel through the browser without JavaScript — the draft of the
 * multi-step registration form (hidden field), the athlete's "signed in with reference code"
 * cookie, and an import preview waiting for confirmation. The browser can neither read the
 * personal numbers inside nor change them.
 *
 * The key comes from REGISTRATION_SECRET (any text; hashed to 32 bytes) so that several app
 * processes accept each other's tokens; without it each process makes a random key at start
 * (tokens then expire with the process, which only costs a half-filled form).
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { loadEnv } from '../env';

/** Longest token accepted (an import preview of 2,000 rows stays well below). */
export const MAX_TOKEN_LENGTH = 4_000_000;

const KEY = Symbol.for('district-games.registration-seal-key');
type Holder = { [KEY]?: Buffer };

function key(): Buffer {
	const holder = globalThis as Holder;
	if (!holder[KEY]) {
		const secret = loadEnv().REGISTRATION_SECRET;
		holder[KEY] = secret ? createHash('sha256').update(`registration:${secret}`).digest() : randomBytes(32);
	}
	return holder[KEY];
}

/** Encrypts `value` for `purpose` (a token of one purpose is refused for another) until `ttlMs` from now. */
export function seal(purpose: string, value: unknown, ttlMs: number): string {
	const iv = randomBytes(12);
	const cipher = createCipheriv('aes-256-gcm', key(), iv);
	cipher.setAAD(Buffer.from(purpose));
	const plain = deflateRawSync(Buffer.from(JSON.stringify({ v: value, exp: Date.now() + ttlMs }), 'utf8'));
	const body = Buffer.concat([cipher.update(plain), cipher.final()]);
	return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** The value of a token sealed for `purpose`, or null when it is forged, altered, of another purpose or expired. */
export function unseal<T>(purpose: string, token: string | null | undefined): T | null {
	if (!token || token.length > MAX_TOKEN_LENGTH) return null;
	try {
		const raw = Buffer.from(token, 'base64url');
		const decipher = createDecipheriv('aes-256-gcm', key(), raw.subarray(0, 12));
		decipher.setAAD(Buffer.from(purpose));
		decipher.setAuthTag(raw.subarray(12, 28));
		const text = inflateRawSync(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()])).toString('utf8');
		const parsed = JSON.parse(text) as { v: T; exp: number };
		return parsed.exp > Date.now() ? parsed.v : null;
	} catch {
		return null;
	}
}
