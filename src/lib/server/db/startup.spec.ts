import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DatabaseStartupError, openDatabase } from './index';
import { startApp } from '../app';
import Database from 'better-sqlite3';

const dir = mkdtempSync(path.join(tmpdir(), 'dg-startup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('opening the embedded SQLite database', () => {
	it('creates the folder and the database file, migrated, on first start', async () => {
		const { db, close } = await openDatabase(`file:${path.join(dir, 'new', 'app.db')}`);
		expect(await db.street.count()).toBe(0);
		await close();
	});

	it('refuses a file that is not a database with a message that says what to do', async () => {
		const file = path.join(dir, 'corrupt.db');
		writeFileSync(file, 'this is not a database, just some text that happens to be here'.repeat(100));
		const attempt = openDatabase(`file:${file}`);
		await expect(attempt).rejects.toBeInstanceOf(DatabaseStartupError);
		await expect(attempt).rejects.toThrow(/DATABASE_URL: .*not a valid SQLite database .*Restore it from a backup/);
	});

	it('refuses a path whose folder cannot be created, naming DATABASE_URL', async () => {
		const blocker = path.join(dir, 'a-file');
		writeFileSync(blocker, 'x');
		await expect(openDatabase(`file:${path.join(blocker, 'app.db')}`)).rejects.toThrow(
			/DATABASE_URL: cannot create the folder/
		);
	});

	it('opens a migrated database that another process holds open (npm run keys:rotate or retention beside the app)', async () => {
		const url = `file:${path.join(dir, 'shared.db')}`;
		const app = await openDatabase(url);
		await app.db.street.count();
		try {
			const tool = await openDatabase(url);
			expect(await tool.db.street.count()).toBe(0);
			await tool.close();
		} finally {
			await app.close();
		}
	}, 30_000);

	it('answers migrations blocked by another process with one line that says what to do, never a WASM stack trace', async () => {
		const file = path.join(dir, 'held-open.db');
		const other = new Database(file);
		other.pragma('journal_mode = WAL');
		other.exec('CREATE TABLE kept_open (id INTEGER)');
		try {
			const error = await openDatabase(`file:${file}`).then(
				async (opened) => {
					await opened.close();
					return null;
				},
				(e: unknown) => e
			);
			expect(error).toBeInstanceOf(DatabaseStartupError);
			const message = (error as Error).message;
			expect(message).toMatch(/^DATABASE_URL: the SQLite database .*held-open\.db is locked by another process.*PostgreSQL/);
			expect(message).not.toMatch(/\n|wasm|SocketTimeout/);
		} finally {
			other.close();
		}
	}, 30_000);

	it('refuses to start a second app process on the SQLite file a running one uses, in one line', async () => {
		const file = path.join(dir, 'held.db');
		// A live process (here: this test's parent) has marked the file as in use, as every app process does.
		const { mkdirSync } = await import('node:fs');
		mkdirSync(`${file}.running`, { recursive: true });
		writeFileSync(path.join(`${file}.running`, String(process.ppid)), 'now');
		const attempt = startApp({ DATABASE_URL: `file:${file}`, SEED: 'none', DATA_KEY_FILE: path.join(dir, 'held-key') });
		await expect(attempt).rejects.toBeInstanceOf(DatabaseStartupError);
		await expect(attempt).rejects.toThrow(new RegExp(`^DATABASE_URL: another app process \\(pid ${process.ppid}\\) is already using the SQLite database .*held\\.db\\. .*stop it before starting this one; to run several processes, use PostgreSQL`));
	});
});
