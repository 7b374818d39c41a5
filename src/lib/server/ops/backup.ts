/**
 * Backups of the embedded deployment: the SQLite database through SQLite's online backup API
 * (consistent while the app keeps running and writing) plus the uploaded art images. Used by
 * `npm run backup` / `npm run restore` (scripts/backup.ts). PostgreSQL deployments use
 * pg_dump/pg_restore instead (README, "Backups").
 */
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export interface BackupManifest {
	createdAt: string;
	database: string;
	uploads: boolean;
	tables: Record<string, number>;
}

function tableCounts(file: string): Record<string, number> {
	const db = new Database(file, { readonly: true });
	try {
		const tables = db
			.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
			.all() as Array<{ name: string }>;
		return Object.fromEntries(
			tables.map(({ name }) => [name, (db.prepare(`SELECT COUNT(*) AS n FROM "${name}"`).get() as { n: number }).n])
		);
	} finally {
		db.close();
	}
}

/** Writes `<outDir>/<timestamp>/` with database.db, uploads/ and manifest.json; returns the folder. */
export async function backupSqlite(options: { databaseFile: string; uploadDir: string; outDir: string; now?: Date }): Promise<string> {
	if (!existsSync(options.databaseFile)) throw new Error(`no database at ${options.databaseFile}`);
	const stamp = (options.now ?? new Date()).toISOString().replace(/[:.]/g, '-');
	const target = path.join(options.outDir, stamp);
	// A backup holds personal data: folders 0700, files 0600, whatever the umask.
	if (!existsSync(options.outDir)) mkdirSync(options.outDir, { recursive: true, mode: 0o700 });
	mkdirSync(target, { mode: 0o700 });
	chmodSync(target, 0o700);
	const source = new Database(options.databaseFile, { readonly: true, fileMustExist: true });
	try {
		await source.backup(path.join(target, 'database.db'));
	} finally {
		source.close();
	}
	// A backup is one self-contained file: no WAL beside it.
	const copy = new Database(path.join(target, 'database.db'));
	copy.pragma('journal_mode = DELETE');
	copy.close();
	chmodSync(path.join(target, 'database.db'), 0o600);
	const uploads = existsSync(options.uploadDir);
	if (uploads) cpSync(options.uploadDir, path.join(target, 'uploads'), { recursive: true });
	const manifest: BackupManifest = {
		createdAt: new Date().toISOString(),
		database: 'sqlite',
		uploads,
		tables: tableCounts(path.join(target, 'database.db'))
	};
	writeFileSync(path.join(target, 'manifest.json'), JSON.stringify(manifest, null, 2), { mode: 0o600 });
	return target;
}

/** A restore that cannot be done; the message is one line a person can act on. */
export class RestoreRefused extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'RestoreRefused';
	}
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
 * process holds the database (a write it acknowledged afterwards would be lost). Atomic: the
 * backup is copied beside the database (0600), the copy is integrity-checked, then renamed over
 * the database in one step; the uploads are swapped the same way. A damaged backup changes
 * nothing and is answered with one line (RestoreRefused).
 */
export function restoreSqlite(options: { backupDir: string; databaseFile: string; uploadDir: string }): BackupManifest {
	const holders = databaseHolders(options.databaseFile);
	if (holders.length) {
		throw new RestoreRefused(`the app is running on ${options.databaseFile} (process ${holders.join(', ')}): stop it, then restore; nothing was changed.`);
	}
	const manifest = readManifest(options.backupDir);
	const backupDb = path.join(options.backupDir, 'database.db');
	if (!existsSync(backupDb)) throw new RestoreRefused(`the backup has no database.db; nothing was changed.`);
	assertSoundDatabase(backupDb, 'the backup database');

	const dir = path.dirname(options.databaseFile);
	if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
	const temp = `${options.databaseFile}.restore-${process.pid}`;
	try {
		cpSync(backupDb, temp);
		chmodSync(temp, 0o600);
		assertSoundDatabase(temp, 'the copied backup');
		let uploadsTemp: string | null = null;
		if (manifest.uploads) {
			uploadsTemp = `${options.uploadDir}.restore-${process.pid}`;
			rmSync(uploadsTemp, { recursive: true, force: true });
			cpSync(path.join(options.backupDir, 'uploads'), uploadsTemp, { recursive: true });
		}
		// The old database's -wal/-shm must not be read against the restored file.
		for (const suffix of ['-wal', '-shm']) rmSync(options.databaseFile + suffix, { force: true });
		renameSync(temp, options.databaseFile);
		if (uploadsTemp) {
			const aside = `${options.uploadDir}.before-restore`;
			rmSync(aside, { recursive: true, force: true });
			if (existsSync(options.uploadDir)) renameSync(options.uploadDir, aside);
			renameSync(uploadsTemp, options.uploadDir);
			rmSync(aside, { recursive: true, force: true });
		}
	} finally {
		rmSync(temp, { force: true });
	}
	return manifest;
}
