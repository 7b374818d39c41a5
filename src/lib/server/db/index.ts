/**
 * The only module that hands out a Prisma client. `openDatabase` checks the database is usable,
 * applies pending migrations and returns a client of the right provider; the rest of the code
 * sees one type, `Db`, and does not care whether SQLite or PostgreSQL is behind it.
 */
import { accessSync, chmodSync, closeSync, constants, existsSync, mkdirSync, openSync, readdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { PrismaClient as SqliteClient } from './generated/sqlite/client';
import { PrismaClient as PostgresClient } from './generated/postgresql/client';
import { adapterFor, migrationsDir, providerOf, sqlitePath } from './provider';
import { applyMigrations, type Provider } from './schemaEngine';

/** Both generated clients have the same API; the SQLite one's type stands for both. */
export type Db = InstanceType<typeof SqliteClient>;
export type { Provider };
export * as Models from './generated/sqlite/models';

/** The database cannot be used; the message says what to do about it. */
export class DatabaseStartupError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'DatabaseStartupError';
	}
}

const providers = new WeakMap<object, Provider>();

/** Which database a client talks to (for the few statements that differ, e.g. advisory locks). */
export function providerOfClient(db: object): Provider {
	return providers.get(db) ?? 'sqlite';
}

export interface OpenedDatabase {
	db: Db;
	provider: Provider;
	close(): Promise<void>;
}

/**
 * Whether every migration this build ships is recorded as applied in the SQLite database. Then
 * the schema engine is not started at all: it takes SQLite's exclusive lock, which fails while
 * another process (the running app, for `npm run keys:rotate` or `retention`) has the file open.
 */
function everyMigrationApplied(sqlite: Database.Database): boolean {
	const table = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
	if (!table) return false;
	const rows = sqlite
		.prepare('SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL')
		.all() as Array<{ name: string }>;
	const applied = new Set(rows.map((r) => r.name));
	const shipped = readdirSync(migrationsDir('sqlite'), { withFileTypes: true }).filter((e) => e.isDirectory());
	return shipped.every((e) => applied.has(e.name));
}

/**
 * Makes sure a SQLite file can be created/opened, written and is a database, and switches it
 * to WAL mode (readers never block the writer; a crash loses no committed transaction).
 */
function prepareSqliteFile(url: string): { migrated: boolean } {
	const file = sqlitePath(url);
	const dir = path.dirname(file);
	try {
		// The folder and the file hold personal data: only this user may read them (0700/0600).
		// SQLite gives the -wal and -shm files the database file's permissions.
		if (!existsSync(dir)) {
			mkdirSync(dir, { recursive: true, mode: 0o700 });
			chmodSync(dir, 0o700);
		}
		if (file !== ':memory:' && !existsSync(file)) closeSync(openSync(file, 'a', 0o600));
	} catch (error) {
		throw new DatabaseStartupError(
			`DATABASE_URL: cannot create the folder ${dir} for the SQLite database (${(error as Error).message}). Choose a writable path.`
		);
	}
	if (existsSync(file)) {
		try {
			accessSync(file, constants.R_OK | constants.W_OK);
		} catch {
			throw new DatabaseStartupError(
				`DATABASE_URL: the SQLite database ${file} is read-only. Make it writable for this user or choose another path.`
			);
		}
	}
	let sqlite: Database.Database | undefined;
	try {
		sqlite = new Database(file);
		sqlite.pragma('journal_mode = WAL');
		sqlite.pragma('schema_version');
		sqlite.exec('BEGIN IMMEDIATE; ROLLBACK;');
		return { migrated: everyMigrationApplied(sqlite) };
	} catch (error) {
		const reason = (error as Error).message;
		const hint = /not a database|malformed|corrupt/i.test(reason)
			? 'The file is not a valid SQLite database (corrupt?). Restore it from a backup or move it away to start with an empty database.'
			: /locked|busy/i.test(reason)
				? 'Another process holds it: stop that process and start again; to run several app processes, use PostgreSQL.'
				: 'Check that the path and its folder are writable.';
		throw new DatabaseStartupError(`DATABASE_URL: cannot use ${file}: ${reason}. ${hint}`);
	} finally {
		sqlite?.close();
	}
}

/**
 * One line that says why the migrations could not be applied and what to do. The schema
 * engine's errors carry a WASM stack trace and a span trace; only their first line is kept.
 * SQLite's "busy" (which the driver adapter reports as `SocketTimeout`, and the WASM engine
 * then fails to decode) means another process holds the file.
 */
function migrationFailure(provider: Provider, url: string, error: unknown): string {
	const raw = error instanceof Error ? error.message : JSON.stringify(error);
	if (provider === 'sqlite' && /SocketTimeout|SQLITE_BUSY|database is locked/i.test(raw)) {
		return `DATABASE_URL: the SQLite database ${sqlitePath(url)} is locked by another process (another app process, or a tool holding it open). Stop that process and start again; to run several app processes, use PostgreSQL (DATABASE_URL=postgresql://…) with REDIS_URL.`;
	}
	const firstLine = raw.split('\n').find((line) => line.trim()) ?? raw;
	return `DATABASE_URL: could not apply the migrations in prisma/migrations/${provider}: ${firstLine.trim().slice(0, 500)}`;
}

/**
 * Opens (and by default migrates) the database at `url`. `schema` selects a PostgreSQL schema,
 * which tests use to give each test file a database of its own.
 */
export async function openDatabase(
	url: string,
	options: { schema?: string; migrate?: boolean } = {}
): Promise<OpenedDatabase> {
	const provider = providerOf(url);
	const sqliteMigrated = provider === 'sqlite' && prepareSqliteFile(url).migrated;
	if (provider === 'postgresql' && options.schema) {
		const pg = await import('pg');
		const client = new pg.default.Client({ connectionString: url });
		try {
			await client.connect();
			await client.query(`CREATE SCHEMA IF NOT EXISTS "${options.schema.replace(/"/g, '')}"`);
		} finally {
			await client.end();
		}
	}
	if (options.migrate !== false && !sqliteMigrated) {
		try {
			await applyMigrations(adapterFor(url, options.schema), migrationsDir(provider));
		} catch (error) {
			throw new DatabaseStartupError(migrationFailure(provider, url, error));
		}
	}
	const adapter = adapterFor(url, options.schema);
	const db =
		provider === 'sqlite'
			? new SqliteClient({ adapter })
			: (new PostgresClient({ adapter }) as unknown as Db);
	providers.set(db, provider);
	if (provider === 'sqlite') {
		await db.$queryRawUnsafe('PRAGMA busy_timeout = 5000');
		await db.$queryRawUnsafe('PRAGMA foreign_keys = ON');
	}
	return { db, provider, close: () => db.$disconnect() };
}
