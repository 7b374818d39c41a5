import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { backupSqlite, databaseHolders, holdDatabase, restoreSqlite, RestoreRefused } from './backup';
import { openDatabase } from '../db';

const dir = mkdtempSync(path.join(tmpdir(), 'dg-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('backup and restore of the embedded database and uploads', () => {
	it('takes a consistent copy while the database is open for writing, and restores it', async () => {
		const file = path.join(dir, 'app.db');
		const uploads = path.join(dir, 'uploads');
		mkdirSync(path.join(uploads, 'art'), { recursive: true });
		writeFileSync(path.join(uploads, 'art', 'work.jpg'), 'image bytes');
		const live = new Database(file);
		live.pragma('journal_mode = WAL');
		live.exec('CREATE TABLE points (n INTEGER)');
		live.prepare('INSERT INTO points VALUES (?)').run(1);
		live.prepare('INSERT INTO points VALUES (?)').run(2);

		const backup = await backupSqlite({ databaseFile: file, uploadDir: uploads, outDir: path.join(dir, 'backups') });
		const manifest = JSON.parse(readFileSync(path.join(backup, 'manifest.json'), 'utf8'));
		expect(manifest.tables).toEqual({ points: 2 });

		live.prepare('INSERT INTO points VALUES (?)').run(3);
		live.close();
		rmSync(path.join(uploads, 'art', 'work.jpg'));

		restoreSqlite({ backupDir: backup, databaseFile: file, uploadDir: uploads });
		const restored = new Database(file, { readonly: true });
		expect(restored.prepare('SELECT COUNT(*) AS n FROM points').get()).toEqual({ n: 2 });
		restored.close();
		expect(readFileSync(path.join(uploads, 'art', 'work.jpg'), 'utf8')).toBe('image bytes');
		expect(existsSync(`${file}.before-restore`)).toBe(false);
	});

	it('refuses to restore a damaged backup and leaves the current database untouched', async () => {
		const file = path.join(dir, 'keep.db');
		const db = new Database(file);
		db.exec('CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (7);');
		db.close();
		const backup = path.join(dir, 'damaged');
		mkdirSync(backup);
		writeFileSync(path.join(backup, 'database.db'), 'garbage '.repeat(1000));
		writeFileSync(path.join(backup, 'manifest.json'), JSON.stringify({ createdAt: '', database: 'sqlite', uploads: false, tables: {} }));
		expect(() => restoreSqlite({ backupDir: backup, databaseFile: file, uploadDir: path.join(dir, 'none') })).toThrow(RestoreRefused);
		expect(() => restoreSqlite({ backupDir: backup, databaseFile: file, uploadDir: path.join(dir, 'none') })).toThrow(/not a usable SQLite database/);
		const still = new Database(file, { readonly: true });
		expect(still.prepare('SELECT n FROM t').get()).toEqual({ n: 7 });
		still.close();
	});

	it('refuses to restore while a process holds the database, and ignores the mark of a process that is gone', async () => {
		const file = path.join(dir, 'held.db');
		const db = new Database(file);
		db.exec('CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (1);');
		db.close();
		const backup = await backupSqlite({ databaseFile: file, uploadDir: path.join(dir, 'no-uploads'), outDir: path.join(dir, 'held-backups') });
		mkdirSync(`${file}.running`, { recursive: true });
		writeFileSync(path.join(`${file}.running`, '999999999'), 'a crashed process');
		expect(databaseHolders(file)).toEqual([]);
		holdDatabase(file);
		expect(databaseHolders(file)).toEqual([process.pid]);
		expect(() => restoreSqlite({ backupDir: backup, databaseFile: file, uploadDir: path.join(dir, 'no-uploads') })).toThrow(/the app is running/);
		rmSync(path.join(`${file}.running`, String(process.pid)));
		expect(restoreSqlite({ backupDir: backup, databaseFile: file, uploadDir: path.join(dir, 'no-uploads') }).tables).toEqual({ t: 1 });
	});

	it('creates the data folder 0700 and the database, its -wal/-shm and backups 0600', async () => {
		const data = path.join(dir, 'fresh', 'data');
		const file = path.join(data, 'games.db');
		const opened = await openDatabase(`file:${file}`);
		await opened.db.street.count();
		const mode = (p: string) => statSync(p).mode & 0o777;
		expect(mode(data)).toBe(0o700);
		for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(mode(f), f).toBe(0o600);
		const backup = await backupSqlite({ databaseFile: file, uploadDir: path.join(data, 'uploads'), outDir: path.join(dir, 'fresh', 'backups') });
		await opened.close();
		expect(mode(path.join(dir, 'fresh', 'backups'))).toBe(0o700);
		expect(mode(backup)).toBe(0o700);
		expect(mode(path.join(backup, 'database.db'))).toBe(0o600);
		expect(mode(path.join(backup, 'manifest.json'))).toBe(0o600);
	}, 60_000);
});
