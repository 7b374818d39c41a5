/**
 * Backups of the embedded deployment: the SQLite database plus the uploaded art images, every
 * file encrypted with the backup key (derived from the data key's root, so key rotation keeps
 * old backups readable). A backup copied off the server reveals nothing: not the numbers (they
 * are encrypted inside the database anyway), not names, phones' existence, or art. Used by
 * `npm run backup` / `npm run restore` (scripts/backup.ts). PostgreSQL deployments use
 * pg_dump/pg_restore instead (README, "Backups").
 *
 * Decision: the database is read with `serialize()` (one read transaction, WAL included, so it
 * is consistent while the app keeps writing) into memory and encrypted there: no plain copy
 * ever touches the disk. A district's database is tens of megabytes.
 */
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { backupKeyCheck, sealBytes, verifyBackupKeyCheck, type Keyring } from '../privacy/crypto';
import { keyNames, mismatchedKeys, missingKeys, SEALED_COLUMNS } from '../privacy/keys';
import { RestoreRefused } from './restoreRefused';
import { backupUploads, openBackupFile, prepareUploads, swapUploads, writePrivate } from './backupFiles';

export { RestoreRefused };

export interface BackupManifest {
	createdAt: string;
	database: string;
	uploads: boolean;
	tables: Record<string, number>;
	/** Format 2: every file of the backup is encrypted (AES-256-GCM) with the backup key. Absent: an older, plain backup. */
	format?: 2;
	encryption?: { algorithm: 'aes-256-gcm'; key: 'data key root'; keyCheck: string };
	/** The database's key checks (DataKey rows): a restore compares them with its keyring first. */
	dataKeys?: Array<{ id: string; check: string }>;
	/** The uploads' paths relative to the uploads folder (each stored as `uploads/<path>.enc`). */
	files?: string[];
}

/** The encrypted database file of a backup, and the text its encryption authenticates with it. */
const DATABASE_FILE = 'database.db.enc';
const databaseContext = (keys: BackupManifest['dataKeys']) => `database.db\u0000${JSON.stringify(keys ?? [])}`;

function tableCounts(db: Database.Database): Record<string, number> {
	const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{ name: string }>;
	return Object.fromEntries(tables.map(({ name }) => [name, (db.prepare(`SELECT COUNT(*) AS n FROM "${name}"`).get() as { n: number }).n]));
}

function hasTable(db: Database.Database, name: string): boolean {
	return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

/** The DataKey rows of a database (none before field encryption). */
function storedKeyChecks(db: Database.Database): Array<{ id: string; check: string }> {
	return hasTable(db, 'DataKey') ? (db.prepare('SELECT "id", "check" FROM "DataKey" ORDER BY "id"').all() as Array<{ id: string; check: string }>) : [];
}

/**
 * Why `ring` cannot read the database `db`, or null: a key id it has with other key material
 * (or another index root), or a key it lacks that athlete values are still encrypted with.
 */
function keyProblem(db: Database.Database, ring: Keyring): string | null {
	const stored = storedKeyChecks(db);
	const wrong = mismatchedKeys(stored, ring);
	if (wrong.length > 0) return `DATA_KEY does not match the key the backed-up database was encrypted with (${keyNames(wrong)})`;
	if (!hasTable(db, 'Athlete')) return null;
	for (const id of missingKeys(stored, ring)) {
		const where = SEALED_COLUMNS.map((c) => `"${c}" LIKE ? ESCAPE '\\'`).join(' OR ');
		const like = `${id.replace(/[\\%_]/g, (c) => `\\${c}`)}:%`;
		const used = (db.prepare(`SELECT COUNT(*) AS n FROM "Athlete" WHERE ${where}`).get(...SEALED_COLUMNS.map(() => like)) as { n: number }).n;
		if (used > 0) return `DATA_KEY lacks the key "${id}", which ${used} athlete records of the backup are encrypted with (add it back after the current key)`;
	}
	return null;
}

/**
 * Writes `<outDir>/<timestamp>/` with database.db.enc, uploads/…/*.enc and manifest.json (folders
 * 0700, files 0600); returns the folder. Refuses a keyring that does not open the database (its
 * backup could never be restored with it).
 */
export async function backupSqlite(options: { databaseFile: string; uploadDir: string; outDir: string; ring: Keyring; now?: Date }): Promise<string> {
	if (!existsSync(options.databaseFile)) throw new Error(`no database at ${options.databaseFile}`);
	const source = new Database(options.databaseFile, { readonly: true, fileMustExist: true });
	let bytes: Buffer;
	try {
		bytes = source.serialize();
	} finally {
		source.close();
	}
	// A backup is one self-contained file: the WAL is inside the image; mark it a rollback-journal file.
	bytes[18] = 1;
	bytes[19] = 1;
	const image = new Database(bytes);
	let tables: Record<string, number>;
	let dataKeys: Array<{ id: string; check: string }>;
	try {
		const problem = keyProblem(image, options.ring);
		if (problem) throw new RestoreRefused(`${problem}; no backup was written.`);
		tables = tableCounts(image);
		dataKeys = storedKeyChecks(image);
	} finally {
		image.close();
	}

	const stamp = (options.now ?? new Date()).toISOString().replace(/[:.]/g, '-');
	const target = path.join(options.outDir, stamp);
	if (!existsSync(options.outDir)) mkdirSync(options.outDir, { recursive: true, mode: 0o700 });
	mkdirSync(target, { mode: 0o700 });
	chmodSync(target, 0o700);
	writePrivate(path.join(target, DATABASE_FILE), sealBytes(options.ring.backup, bytes, databaseContext(dataKeys)));
	const files = backupUploads(options.uploadDir, target, options.ring);
	const manifest: BackupManifest = {
		createdAt: new Date().toISOString(),
		database: 'sqlite',
		format: 2,
		encryption: { algorithm: 'aes-256-gcm', key: 'data key root', keyCheck: backupKeyCheck(options.ring) },
		dataKeys,
		uploads: existsSync(options.uploadDir),
		files,
		tables
	};
	writeFileSync(path.join(target, 'manifest.json'), JSON.stringify(manifest, null, 2), { mode: 0o600 });
	return target;
}

/** The folder beside the database where each app process using it leaves a file named by its pid. */
function runningDir(databaseFile: string): string {
	return `${databaseFile}.running`;
}

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/**
 * Marks the SQLite database as in use by this process until it exits (called at app start),
 * so that `npm run restore` refuses to replace it under a running app. A process killed hard
 * leaves its file behind; restore ignores files of processes that no longer exist.
 */
export function holdDatabase(databaseFile: string): void {
	const dir = runningDir(databaseFile);
	mkdirSync(dir, { recursive: true, mode: 0o700 });
	const mine = path.join(dir, String(process.pid));
	writeFileSync(mine, new Date().toISOString(), { mode: 0o600 });
	process.once('exit', () => rmSync(mine, { force: true }));
}

/** The pids of the running processes that hold the database (see holdDatabase). */
export function databaseHolders(databaseFile: string): number[] {
	const dir = runningDir(databaseFile);
	if (!existsSync(dir)) return [];
	return readdirSync(dir)
		.map(Number)
		.filter((pid) => Number.isInteger(pid) && pid > 0 && alive(pid));
}

function readManifest(backupDir: string): BackupManifest {
	const file = path.join(backupDir, 'manifest.json');
	if (!existsSync(file)) throw new RestoreRefused(`${backupDir} is not a backup folder (no manifest.json); nothing was changed.`);
	try {
		return JSON.parse(readFileSync(file, 'utf8')) as BackupManifest;
	} catch {
		throw new RestoreRefused(`the backup's manifest.json is damaged; nothing was changed.`);
	}
}

/** Opens `file` and runs SQLite's integrity check; throws RestoreRefused unless it is a sound database. */
function assertSoundDatabase(file: string, what: string): void {
	let result: unknown;
	try {
		const check = new Database(file, { readonly: true, fileMustExist: true });
		try {
			result = check.pragma('integrity_check', { simple: true });
		} finally {
			check.close();
		}
	} catch (error) {
		throw new RestoreRefused(`${what} is not a usable SQLite database (${(error as Error).message}); nothing was changed.`);
	}
	if (result !== 'ok') throw new RestoreRefused(`${what} is damaged (${String(result)}); nothing was changed.`);
}

/**
 * Restores a backup folder over the database file and the uploads folder. Refuses while an app
 * process holds the database (a write it acknowledged afterwards would be lost). Checks the key
 * before anything else: a backup made with another data key (its fingerprint, then the
 * database's own key checks) is refused and the live database is never touched. Atomic: the
 * backup is decrypted beside the database (0600), integrity- and key-checked, then renamed over
 * the database in one step; the uploads are swapped the same way. A damaged backup changes
 * nothing and is answered with one line (RestoreRefused). Older plain backups (no format) are
 * restored with the same key check.
 */
export function restoreSqlite(options: { backupDir: string; databaseFile: string; uploadDir: string; ring: Keyring }): BackupManifest {
	const holders = databaseHolders(options.databaseFile);
	if (holders.length) {
		throw new RestoreRefused(`the app is running on ${options.databaseFile} (process ${holders.join(', ')}): stop it, then restore; nothing was changed.`);
	}
	const manifest = readManifest(options.backupDir);
	const encrypted = manifest.format === 2;
	const anotherKey = 'set DATA_KEY (or the ./data/data-key file) of the installation that made it and restore again; nothing was changed.';
	if (encrypted) {
		if (!manifest.encryption || !verifyBackupKeyCheck(options.ring, manifest.encryption.keyCheck)) throw new RestoreRefused(`the backup was encrypted with another data key: ${anotherKey}`);
		const wrong = mismatchedKeys(manifest.dataKeys ?? [], options.ring);
		if (wrong.length > 0) throw new RestoreRefused(`DATA_KEY does not match the key the backed-up database was encrypted with (${keyNames(wrong)}): ${anotherKey}`);
	}
	const backupDb = path.join(options.backupDir, encrypted ? DATABASE_FILE : 'database.db');
	if (!existsSync(backupDb)) throw new RestoreRefused(`the backup has no ${path.basename(backupDb)}; nothing was changed.`);
	if (!encrypted) assertSoundDatabase(backupDb, 'the backup database');

	const dir = path.dirname(options.databaseFile);
	if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
	const temp = `${options.databaseFile}.restore-${process.pid}`;
	let uploadsTemp: string | null = null;
	try {
		if (encrypted) writePrivate(temp, openBackupFile(options.ring, backupDb, databaseContext(manifest.dataKeys)));
		else {
			cpSync(backupDb, temp);
			chmodSync(temp, 0o600);
		}
		assertSoundDatabase(temp, encrypted ? 'the backup database' : 'the copied backup');
		const check = new Database(temp, { readonly: true, fileMustExist: true });
		try {
			const problem = keyProblem(check, options.ring);
			if (problem) throw new RestoreRefused(`${problem}: ${anotherKey}`);
		} finally {
			check.close();
		}
		if (manifest.uploads) uploadsTemp = prepareUploads(options.backupDir, options.uploadDir, manifest.files ?? [], options.ring, !encrypted);
		// The old database's -wal/-shm must not be read against the restored file.
		for (const suffix of ['-wal', '-shm']) rmSync(options.databaseFile + suffix, { force: true });
		renameSync(temp, options.databaseFile);
		if (uploadsTemp) {
			swapUploads(uploadsTemp, options.uploadDir);
			uploadsTemp = null;
		}
	} finally {
		rmSync(temp, { force: true });
		if (uploadsTemp) rmSync(uploadsTemp, { recursive: true, force: true });
	}
	return manifest;
}
