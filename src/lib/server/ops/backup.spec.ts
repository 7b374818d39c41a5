import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { backupSqlite, restoreSqlite } from './backup';

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
		expect(() => restoreSqlite({ backupDir: backup, databaseFile: file, uploadDir: path.join(dir, 'none') })).toThrow();
		const still = new Database(file, { readonly: true });
		expect(still.prepare('SELECT n FROM t').get()).toEqual({ n: 7 });
		still.close();
	});
});
