/**
 * Backups of the embedded deployment: the SQLite database through SQLite's online backup API
 * (consistent while the app keeps running and writing) plus the uploaded art images. Used by
 * `npm run backup` / `npm run restore` (scripts/backup.ts). PostgreSQL deployments use
 * pg_dump/pg_restore instead (README, "Backups").
 */
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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
	mkdirSync(target, { recursive: true });
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
	const uploads = existsSync(options.uploadDir);
	if (uploads) cpSync(options.uploadDir, path.join(target, 'uploads'), { recursive: true });
	const manifest: BackupManifest = {
		createdAt: new Date().toISOString(),
		database: 'sqlite',
		uploads,
		tables: tableCounts(path.join(target, 'database.db'))
	};
	writeFileSync(path.join(target, 'manifest.json'), JSON.stringify(manifest, null, 2));
	return target;
}

/**
 * Restores a backup folder over the database file and the uploads folder. The app must be
 * stopped. The backup is checked (integrity_check) before anything is replaced, and the
 * current files are kept beside it as `*.before-restore` until the restore has succeeded.
 */
export function restoreSqlite(options: { backupDir: string; databaseFile: string; uploadDir: string }): BackupManifest {
	const manifest = JSON.parse(readFileSync(path.join(options.backupDir, 'manifest.json'), 'utf8')) as BackupManifest;
	const backupDb = path.join(options.backupDir, 'database.db');
	const check = new Database(backupDb, { readonly: true, fileMustExist: true });
	try {
		const result = check.pragma('integrity_check', { simple: true });
		if (result !== 'ok') throw new Error(`the backup database is damaged: ${String(result)}`);
	} finally {
		check.close();
	}
	mkdirSync(path.dirname(options.databaseFile), { recursive: true });
	const aside = `${options.databaseFile}.before-restore`;
	if (existsSync(options.databaseFile)) renameSync(options.databaseFile, aside);
	for (const suffix of ['-wal', '-shm']) rmSync(options.databaseFile + suffix, { force: true });
	cpSync(backupDb, options.databaseFile);
	if (manifest.uploads) {
		rmSync(options.uploadDir, { recursive: true, force: true });
		cpSync(path.join(options.backupDir, 'uploads'), options.uploadDir, { recursive: true });
	}
	rmSync(aside, { force: true });
	return manifest;
}
