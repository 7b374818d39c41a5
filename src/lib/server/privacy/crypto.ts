/**
 * Field-level encryption of personal numbers (resident ID, disability certificate, phones):
 * AES-256-GCM with a random 96-bit nonce per value, the key id stored in front of each value
 * so keys can be rotated while the app runs, and a keyed HMAC-SHA256 "blind index" for
 * uniqueness and look-ups that never needs the plain number in the database.
 *
 * Key material (`DATA_KEY`, or the file ./data/data-key): comma-separated `<id>:<base64 of 32
 * bytes>` entries. The FIRST entry encrypts new values; every entry decrypts. The blind index
 * key is derived (HKDF-SHA256) from the LAST entry, the root, which rotation never removes, so
 * indexes stay valid across rotations. Stored value: `<id>:<base64url(nonce ‖ ciphertext ‖ tag)>`;
 * "" stays "" (nothing to hide, and erased values are "").
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const NONCE = 12;
const TAG = 16;

/** The parsed keys: `current` encrypts, `keys` decrypt by id, `index` keys the blind indexes. */
export interface Keyring {
	current: string;
	keys: ReadonlyMap<string, Buffer>;
	/** Ids in the order given (current first, root last). */
	order: readonly string[];
	index: Buffer;
	backup: Buffer;
}

/** Raised for a malformed key, an unknown key id, or a value that fails authentication. */
export class DataKeyError extends Error {
	constructor(
		readonly code: 'key_format' | 'unknown_key' | 'tampered' | 'wrong_key',
		message: string
	) {
		super(message);
		this.name = 'DataKeyError';
	}
}

/** Parses DATA_KEY text into a keyring; throws DataKeyError naming what is wrong (never the key). */
export function parseKeyring(text: string): Keyring {
	const entries = text
		.split(/[,\s]+/)
		.map((s) => s.trim())
		.filter(Boolean);
	if (entries.length === 0) throw new DataKeyError('key_format', 'DATA_KEY is empty');
	const keys = new Map<string, Buffer>();
	const order: string[] = [];
	for (const entry of entries) {
		const at = entry.indexOf(':');
		const id = at > 0 ? entry.slice(0, at) : '';
		const key = Buffer.from(at > 0 ? entry.slice(at + 1) : '', 'base64');
		if (!KEY_ID.test(id) || key.length !== 32) {
			throw new DataKeyError('key_format', 'DATA_KEY must be "<id>:<base64 of 32 random bytes>" entries separated by commas (npm run keys:rotate -- --print makes one)');
		}
		if (id === 'plain' || id === 'erased' || id === 'index') throw new DataKeyError('key_format', `"${id}" is reserved and cannot name a key`);
		if (keys.has(id)) throw new DataKeyError('key_format', `DATA_KEY names the key id "${id}" twice`);
		keys.set(id, key);
		order.push(id);
	}
	const root = keys.get(order[order.length - 1] as string) as Buffer;
	return {
		current: order[0] as string,
		keys,
		order,
		index: Buffer.from(hkdfSync('sha256', root, Buffer.alloc(0), 'district-games blind index v1', 32)),
		backup: Buffer.from(hkdfSync('sha256', root, Buffer.alloc(0), 'district-games backup v1', 32))
	};
}

/** A new key entry `<id>:<base64>`; the id is the UTC date and time plus random letters (sortable, unique). */
export function newKeyEntry(now = new Date()): string {
	const id = `k${now.toISOString().replace(/[-:TZ.]/g, '').slice(0, 14)}${randomBytes(2).toString('hex')}`;
	return `${id}:${randomBytes(32).toString('base64')}`;
}

/** The keyring as DATA_KEY text (for the key file and keys:rotate). */
export function formatKeyring(ring: Keyring): string {
	return ring.order.map((id) => `${id}:${(ring.keys.get(id) as Buffer).toString('base64')}`).join(',');
}

/** Encrypts one field value with the current key; "" stays "". */
export function encryptField(ring: Keyring, plain: string): string {
	if (plain === '') return '';
	const key = ring.keys.get(ring.current) as Buffer;
	const nonce = randomBytes(NONCE);
	const cipher = createCipheriv('aes-256-gcm', key, nonce);
	// The key id is authenticated too: a value cannot be relabelled to another key.
	cipher.setAAD(Buffer.from(ring.current));
	const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
	return `${ring.current}:${Buffer.concat([nonce, body, cipher.getAuthTag()]).toString('base64url')}`;
}

/** The key id a stored value was encrypted with ("" for an empty value). */
export function keyIdOf(stored: string): string {
	const at = stored.indexOf(':');
	return at > 0 ? stored.slice(0, at) : '';
}

/** Decrypts one stored value; throws DataKeyError when the key is unknown or the value was altered. */
export function decryptField(ring: Keyring, stored: string): string {
	if (stored === '') return '';
	const id = keyIdOf(stored);
	const key = ring.keys.get(id);
	if (!key) throw new DataKeyError('unknown_key', `a value is encrypted with key "${id}", which DATA_KEY does not contain`);
	const raw = Buffer.from(stored.slice(id.length + 1), 'base64url');
	if (raw.length < NONCE + TAG) throw new DataKeyError('tampered', 'an encrypted value is damaged');
	try {
		const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, NONCE));
		decipher.setAAD(Buffer.from(id));
		decipher.setAuthTag(raw.subarray(raw.length - TAG));
		return Buffer.concat([decipher.update(raw.subarray(NONCE, raw.length - TAG)), decipher.final()]).toString('utf8');
	} catch {
		throw new DataKeyError('tampered', 'an encrypted value failed authentication (altered, or encrypted with another key of the same id)');
	}
}

/**
 * The blind index of a value for one purpose (e.g. 'residentId'): HMAC-SHA256 under the
 * index key, base64url. Equal inputs give equal indexes, so a unique index and look-ups work,
 * while the table alone does not allow a dictionary attack on the 18-digit numbers.
 */
export function blindIndex(ring: Keyring, purpose: string, value: string): string {
	return createHmac('sha256', ring.index).update(`${purpose}\u0000${value}`).digest('base64url');
}

const CHECK_TEXT = 'district-games data key check';

/** A check value for one key: stored in the database so a start with a wrong key is refused. */
export function keyCheck(ring: Keyring, id: string): string {
	if (id === 'index') return blindIndex(ring, 'check', CHECK_TEXT);
	return encryptField({ ...ring, current: id }, CHECK_TEXT);
}

/** Whether `check` (from keyCheck) was made with this keyring's key `id`. */
export function verifyKeyCheck(ring: Keyring, id: string, check: string): boolean {
	if (id === 'index') {
		const mine = Buffer.from(blindIndex(ring, 'check', CHECK_TEXT));
		const theirs = Buffer.from(check);
		return mine.length === theirs.length && timingSafeEqual(mine, theirs);
	}
	try {
		return decryptField(ring, check) === CHECK_TEXT;
	} catch {
		return false;
	}
}

const BACKUP_CHECK_TEXT = 'district-games backup key check';

/**
 * A public fingerprint of the backup key (HMAC of a fixed text under it), written in a backup's
 * manifest so a restore tells a wrong key at once, before decrypting anything.
 */
export function backupKeyCheck(ring: Keyring): string {
	return createHmac('sha256', ring.backup).update(BACKUP_CHECK_TEXT).digest('base64url');
}

/** Whether `check` is this keyring's backup key fingerprint. */
export function verifyBackupKeyCheck(ring: Keyring, check: string): boolean {
	const mine = Buffer.from(backupKeyCheck(ring));
	const theirs = Buffer.from(String(check ?? ''));
	return mine.length === theirs.length && timingSafeEqual(mine, theirs);
}

const SEALED_MAGIC = Buffer.from('DGSEALED');
const SEALED_VERSION = 1;
const SEALED_HEADER = SEALED_MAGIC.length + 1 + NONCE;

/**
 * Encrypts a whole file's bytes (backups): `DGSEALED`, a version byte, a random nonce, the
 * AES-256-GCM ciphertext and its tag. `context` (e.g. the file's name in the backup) is
 * authenticated with it, so a sealed file cannot be swapped for another of the same backup.
 */
export function sealBytes(key: Buffer, plain: Buffer, context: string): Buffer {
	const nonce = randomBytes(NONCE);
	const header = Buffer.concat([SEALED_MAGIC, Buffer.from([SEALED_VERSION]), nonce]);
	const cipher = createCipheriv('aes-256-gcm', key, nonce);
	cipher.setAAD(Buffer.concat([header, Buffer.from(context, 'utf8')]));
	return Buffer.concat([header, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
}

/** Whether `bytes` start like a file of sealBytes. */
export function isSealed(bytes: Buffer): boolean {
	return bytes.length >= SEALED_HEADER + TAG && bytes.subarray(0, SEALED_MAGIC.length).equals(SEALED_MAGIC);
}

/** Decrypts sealBytes' output; throws DataKeyError ('tampered') when the key, the context or a byte differs. */
export function openSealedBytes(key: Buffer, sealed: Buffer, context: string): Buffer {
	if (!isSealed(sealed) || sealed[SEALED_MAGIC.length] !== SEALED_VERSION) throw new DataKeyError('tampered', 'not an encrypted backup file of this app (or a damaged one)');
	const header = sealed.subarray(0, SEALED_HEADER);
	try {
		const decipher = createDecipheriv('aes-256-gcm', key, header.subarray(SEALED_MAGIC.length + 1));
		decipher.setAAD(Buffer.concat([header, Buffer.from(context, 'utf8')]));
		decipher.setAuthTag(sealed.subarray(sealed.length - TAG));
		return Buffer.concat([decipher.update(sealed.subarray(SEALED_HEADER, sealed.length - TAG)), decipher.final()]);
	} catch {
		throw new DataKeyError('wrong_key', 'the encrypted file does not open with this key (another key, or altered)');
	}
}
