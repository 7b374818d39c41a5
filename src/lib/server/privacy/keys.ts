/**
 * Where the data key comes from and how the running process holds it.
 *
 * - `DATA_KEY` set (production): that keyring, never written anywhere.
 * - unset: the key file (`DATA_KEY_FILE`, default ./data/data-key), created on the first start
 *   with mode 600, and the start says so. The file is re-read when it changes, so
 *   `npm run keys:rotate` can add a key while the app runs (no downtime).
 *
 * At start-up the keyring is checked against the `DataKey` table (one check value per key
 * id): a wrong key stops the start with a clear message instead of garbling data.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DataKeyError, keyCheck, keyIdOf, newKeyEntry, parseKeyring, verifyKeyCheck, type Keyring } from './crypto';
import type { Db } from '../db';

export const DEFAULT_KEY_FILE = './data/data-key';

interface Holder {
	ring: Keyring;
	file: string | null;
	mtimeMs: number;
	checkedAt: number;
}
const KEY = Symbol.for('district-games.dataKeys');
type Global = { [KEY]?: Holder };

/** Where the keyring came from, for the start-up message. */
export type KeySource = { kind: 'env' } | { kind: 'file'; file: string; created: boolean };

/** Raised when the start must stop because of the data key; the message says what to do. */
export class DataKeyStartupError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'DataKeyStartupError';
	}
}

/**
 * Reads the keyring from DATA_KEY or the key file; on a fresh machine creates the file (mode 600)
 * unless `create: false` (backup and restore: a key made up there could never open anything).
 */
export function resolveKeyring(options: { dataKey?: string | undefined; keyFile?: string | undefined; create?: boolean }): { ring: Keyring; source: KeySource } {
	if (options.dataKey) {
		try {
			return { ring: parseKeyring(options.dataKey), source: { kind: 'env' } };
		} catch (error) {
			throw new DataKeyStartupError(`DATA_KEY: ${(error as Error).message}`);
		}
	}
	const file = path.resolve(options.keyFile || DEFAULT_KEY_FILE);
	let created = false;
	if (!existsSync(file)) {
		if (options.create === false) throw new DataKeyStartupError(`no data key: DATA_KEY is not set and there is no key file at ${file}. Set DATA_KEY, or put the installation's key file back there.`);
		mkdirSync(path.dirname(file), { recursive: true });
		writeFileSync(file, `${newKeyEntry()}\n`, { mode: 0o600, flag: 'wx' });
		created = true;
	}
	chmodSync(file, 0o600);
	try {
		return { ring: parseKeyring(readFileSync(file, 'utf8')), source: { kind: 'file', file, created } };
	} catch (error) {
		throw new DataKeyStartupError(`the data key file ${file}: ${(error as Error).message}`);
	}
}

/** Makes `ring` the process's keyring; with `file`, later changes of that file are picked up. */
export function installKeyring(ring: Keyring, file: string | null = null): void {
	(globalThis as Global)[KEY] = { ring, file, mtimeMs: file ? statSync(file).mtimeMs : 0, checkedAt: Date.now() };
}

/**
 * The process's keyring, for every encryption, decryption and blind index. A key file is
 * looked at again at most every 2 seconds and re-read when it changed (keys:rotate).
 */
export function dataKeys(): Keyring {
	const holder = (globalThis as Global)[KEY];
	if (!holder) throw new Error('the data key is not loaded (startPrivacy / installKeyring)');
	if (holder.file && Date.now() - holder.checkedAt > 2000) {
		holder.checkedAt = Date.now();
		try {
			const mtimeMs = statSync(holder.file).mtimeMs;
			if (mtimeMs !== holder.mtimeMs) {
				holder.ring = parseKeyring(readFileSync(holder.file, 'utf8'));
				holder.mtimeMs = mtimeMs;
			}
		} catch {
			// keep the keys we have: a half-written file is read again on the next call
		}
	}
	return holder.ring;
}

/** The stored key checks (DataKey rows) this keyring fails: a key id it has with other key material, or another index root. */
export function mismatchedKeys(stored: ReadonlyArray<{ id: string; check: string }>, ring: Keyring): string[] {
	return stored.filter(({ id, check }) => (id === 'index' || ring.keys.has(id)) && !verifyKeyCheck(ring, id, check)).map(({ id }) => id);
}

/** The stored key ids (not the index root) the keyring lacks. */
export function missingKeys(stored: ReadonlyArray<{ id: string }>, ring: Keyring): string[] {
	return stored.map(({ id }) => id).filter((id) => id !== 'index' && !ring.keys.has(id));
}

/** The names of mismatched key ids, for messages ('index root', 'key "k1"'). */
export function keyNames(ids: string[]): string {
	return ids.map((id) => (id === 'index' ? 'index root' : `key "${id}"`)).join(', ');
}

/** The columns that hold values encrypted with a key id ("<id>:…"). */
export const SEALED_COLUMNS = ['residentIdEnc', 'certificateNoEnc', 'phoneEnc', 'guardianPhoneEnc'] as const;

/**
 * Checks the keyring against the database and records new keys. Throws DataKeyStartupError
 * when a key id known to the database has different key material (a wrong DATA_KEY), when
 * the index root differs, or when stored values use a key the keyring lacks.
 */
export async function verifyKeyring(db: Db, ring: Keyring): Promise<{ added: string[] }> {
	const stored = await db.dataKey.findMany({ select: { id: true, check: true } });
	const known = new Map(stored.map((k) => [k.id, k.check]));
	const wrong = mismatchedKeys(stored, ring);
	if (wrong.length > 0) {
		throw new DataKeyStartupError(
			`DATA_KEY does not match the key this database was encrypted with (${keyNames(wrong)}). ` +
				'Start with the DATA_KEY (or the ./data/data-key file) that belongs to this database; nothing was changed.'
		);
	}
	for (const id of missingKeys(stored, ring)) {
		const used = await db.athlete.count({
			where: { OR: SEALED_COLUMNS.map((f) => ({ [f]: { startsWith: `${id}:` } })) }
		});
		if (used > 0) {
			throw new DataKeyStartupError(`DATA_KEY lacks the key "${id}", which ${used} athlete records are still encrypted with. Add it back (after the current key) and start again.`);
		}
	}
	const added: string[] = [];
	for (const id of ['index', ...ring.order]) {
		if (known.has(id)) continue;
		await db.dataKey.upsert({ where: { id }, create: { id, check: keyCheck(ring, id) }, update: {} });
		added.push(id);
	}
	return { added };
}

/**
 * Loads the keyring at start-up (app, scripts), checks it against the database and installs
 * it. Returns the lines to print (a generated key file is announced, with where to keep it).
 */
export async function startPrivacy(db: Db, options: { dataKey?: string | undefined; keyFile?: string | undefined }): Promise<{ ring: Keyring; messages: string[] }> {
	const { ring, source } = resolveKeyring(options);
	await verifyKeyring(db, ring);
	installKeyring(ring, source.kind === 'file' ? source.file : null);
	const messages =
		source.kind === 'file' && source.created
			? [
					`Generated a new data key in ${source.file} (mode 600): it encrypts the personal numbers in the database and the backups.`,
					'  Keep a copy somewhere safe (without it the numbers cannot be read back); in production set DATA_KEY instead.'
				]
			: [];
	return { ring, messages };
}

export { DataKeyError, keyIdOf };
