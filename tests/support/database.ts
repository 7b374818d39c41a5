/**
 * A database of its own for each test file: a temporary SQLite file, or a fresh PostgreSQL
 * schema. Which one is chosen by the vitest project (TEST_DB=sqlite|postgresql); PostgreSQL
 * needs TEST_DATABASE_URL (set by .ci/run), and its tests are skipped with a message without it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Db, type OpenedDatabase, type Provider } from '../../src/lib/server/db';
import { useTestKeys } from './keys';

export const testProvider: Provider = process.env.TEST_DB === 'postgresql' ? 'postgresql' : 'sqlite';
const postgresUrl = process.env.TEST_DATABASE_URL;

/** Why this file's database tests cannot run here, or null when they can. */
export function unavailableReason(): string | null {
	if (testProvider === 'postgresql' && !postgresUrl) {
		return 'PostgreSQL integration tests skipped: set TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test to run them';
	}
	return null;
}

export interface TestDatabase {
	db: Db;
	provider: Provider;
	url: string;
	schema?: string;
	close(): Promise<void>;
}

/**
 * Opens a database (new or existing; migrated unless `migrate: false`) with the tests' data key
 * installed in this process and recorded in the database — as the app processes the tests start
 * see it (startAppProcess gives them TEST_DATA_KEY) — so fixtures seal personal numbers like the app.
 */
export async function openWithTestKeys(url: string, options: Parameters<typeof openDatabase>[1] = {}): Promise<OpenedDatabase> {
	const opened = await openDatabase(url, options);
	await useTestKeys(opened.db);
	return opened;
}

/** Creates, migrates and returns an empty database for one test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
	if (testProvider === 'postgresql') {
		if (!postgresUrl) throw new Error(unavailableReason() ?? '');
		const schema = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
		const opened = await openWithTestKeys(postgresUrl, { schema });
		return {
			...opened,
			url: postgresUrl,
			schema,
			async close() {
				await opened.close();
				const client = new pg.Client({ connectionString: postgresUrl });
				await client.connect();
				await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
				await client.end();
			}
		};
	}
	const dir = mkdtempSync(path.join(tmpdir(), 'dg-test-'));
	const url = `file:${path.join(dir, 'test.db')}`;
	const opened = await openWithTestKeys(url);
	return {
		...opened,
		url,
		async close() {
			await opened.close();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}
