import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DatabaseStartupError, openDatabase } from './index';

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
});
