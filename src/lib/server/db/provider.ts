/**
 * Which database a URL points at, and the driver adapter for it. Shared by the app's client
 * factory, the migrate step and the scripts, so that "SQLite unless DATABASE_URL says
 * PostgreSQL" is decided in one place.
 */
import path from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { Provider } from './schemaEngine';
import { cacheStatements, sqliteClientOf } from './statementCache';

export const DEFAULT_SQLITE_URL = 'file:./data/district-games.db';

/** The provider a database URL selects: `postgres://`/`postgresql://` or a SQLite `file:` URL. */
export function providerOf(url: string): Provider {
	if (/^postgres(ql)?:\/\//.test(url)) return 'postgresql';
	if (url.startsWith('file:')) return 'sqlite';
	throw new Error(`unsupported database URL scheme: ${url.split(':')[0]}`);
}

/** The filesystem path of a SQLite `file:` URL, resolved against the working directory. */
export function sqlitePath(url: string): string {
	const file = url.slice('file:'.length).split('?')[0] ?? '';
	return file === ':memory:' ? file : path.resolve(file);
}

/**
 * A driver adapter factory for the URL. For PostgreSQL an optional `schema` (a PostgreSQL
 * namespace) isolates a test file's tables; `search_path` makes the migrations land there too.
 */
export function adapterFor(url: string, schema?: string): SqlMigrationAwareDriverAdapterFactory {
	if (providerOf(url) === 'postgresql') {
		const options = schema ? `-c search_path="${schema}"` : undefined;
		return new PrismaPg({ connectionString: url, options, max: 10 }, schema ? { schema } : {});
	}
	const factory = new PrismaBetterSqlite3({ url: sqlitePath(url) }, { timestampFormat: 'iso8601' });
	// Compiled statements are reused (see statementCache.ts).
	const connect = factory.connect.bind(factory);
	factory.connect = async () => {
		const adapter = await connect();
		const client = sqliteClientOf(adapter);
		if (client) cacheStatements(client);
		return adapter;
	};
	return factory;
}

/** The folder of a provider's migrations. */
export function migrationsDir(provider: Provider, root = process.cwd()): string {
	return path.join(root, 'prisma', 'migrations', provider);
}
