/**
 * Prisma's own schema engine, built to WebAssembly, driven through a driver adapter.
 *
 * Why: the Prisma CLI's `migrate` needs a native schema-engine binary that these machines
 * cannot download (and with a fake binary it silently does nothing). The WASM engine applies
 * the same migration folders and records them in the same `_prisma_migrations` table that
 * `prisma migrate deploy` uses, so a user with internet access can still use the normal CLI.
 * Called at start-up (`db/index.ts`), by the tests' database factory and by `scripts/db.ts`.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type {
	SqlDriverAdapter,
	SqlMigrationAwareDriverAdapterFactory
} from '@prisma/driver-adapter-utils';
import * as bg from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { MigrationList, SchemaEngine } from '@prisma/schema-engine-wasm';

export type Provider = 'sqlite' | 'postgresql';

let wasmReady: Promise<void> | undefined;

/** Instantiates the engine's WASM module once per process. */
function loadWasm(): Promise<void> {
	wasmReady ??= (async () => {
		const require = createRequire(import.meta.url);
		const dir = path.dirname(require.resolve('@prisma/schema-engine-wasm'));
		const bytes = await readFile(path.join(dir, 'schema_engine_bg.wasm'));
		const { instance } = await WebAssembly.instantiate(bytes, {
			'./schema_engine_bg.js': bg as unknown as WebAssembly.ModuleImports
		});
		const exports = instance.exports as unknown as { __wbindgen_start(): void };
		bg.__wbg_set_wasm(instance.exports);
		exports.__wbindgen_start();
	})();
	return wasmReady;
}

const noFilter = { externalTables: [], externalEnums: [] };

/**
 * Runs `work` with an engine over the adapter, then frees the engine and closes every
 * connection it opened (a SQLite connection left open would keep the file locked).
 */
async function withEngine<T>(
	adapterFactory: SqlMigrationAwareDriverAdapterFactory,
	work: (engine: SchemaEngine) => Promise<T>
): Promise<T> {
	await loadWasm();
	const opened: SqlDriverAdapter[] = [];
	const tracked: SqlMigrationAwareDriverAdapterFactory = {
		provider: adapterFactory.provider,
		adapterName: adapterFactory.adapterName,
		connect: async () => {
			const adapter = await adapterFactory.connect();
			opened.push(adapter);
			return adapter;
		},
		connectToShadowDb: async () => {
			const adapter = await adapterFactory.connectToShadowDb();
			opened.push(adapter);
			return adapter;
		}
	};
	const engine = (await bg.SchemaEngine.new(
		{ datamodels: undefined },
		() => {},
		bindMigrationAwareSqlAdapterFactory(tracked)
	)) as unknown as SchemaEngine;
	try {
		return await work(engine);
	} finally {
		engine.free();
		await Promise.all(opened.map((adapter) => adapter.dispose()));
	}
}

/** Reads a provider's migration folder in the shape the engine expects. */
export async function readMigrations(baseDir: string): Promise<MigrationList> {
	const names = (await readdir(baseDir)).sort();
	const migrationDirectories = [];
	for (const name of names) {
		if (!(await stat(path.join(baseDir, name))).isDirectory()) continue;
		const value = await readFile(path.join(baseDir, name, 'migration.sql'), 'utf8');
		migrationDirectories.push({
			path: name,
			migrationFile: { path: 'migration.sql', content: { tag: 'ok' as const, value } }
		});
	}
	const lockPath = path.join(baseDir, 'migration_lock.toml');
	const lockContent = await readFile(lockPath, 'utf8').catch(() => null);
	return {
		baseDir,
		lockfile: { path: 'migration_lock.toml', content: lockContent },
		shadowDbInitScript: '',
		migrationDirectories
	};
}

/** Applies every migration not yet applied; returns the names it applied (idempotent). */
export async function applyMigrations(
	adapterFactory: SqlMigrationAwareDriverAdapterFactory,
	migrationsDir: string
): Promise<string[]> {
	const migrationsList = await readMigrations(migrationsDir);
	const result = await withEngine(adapterFactory, (engine) =>
		engine.applyMigrations({ migrationsList, filters: noFilter })
	);
	return result.appliedMigrationNames;
}

/**
 * The SQL that takes a database from one datamodel to another (`from: null` = empty database).
 * Used by `npm run db:migration` to write new migrations and by the test that checks the
 * migrations match the schema.
 */
export async function diffDatamodels(
	adapterFactory: SqlMigrationAwareDriverAdapterFactory,
	from: string | null,
	to: string
): Promise<string> {
	const target = (text: string) => ({
		tag: 'schemaDatamodel' as const,
		files: [{ path: 'schema.prisma', content: text }]
	});
	const result = await withEngine(adapterFactory, (engine) =>
		engine.diff({
			from: from === null ? { tag: 'empty' } : target(from),
			to: target(to),
			script: true,
			exitCode: null,
			filters: noFilter
		})
	);
	return result.stdout ?? '';
}
