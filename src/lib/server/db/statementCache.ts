/**
 * A cache of compiled SQLite statements for the Prisma better-sqlite3 adapter.
 *
 * The adapter compiles every query afresh (`client.prepare(sql).bind(args)` per query): about
 * a twentieth of the server's busy time in `bench:live` went to compiling the same ten
 * statements again. This keeps the compiled statements of the most recently used SQL texts.
 * better-sqlite3 allows `bind` only once per statement, so a cached statement's `bind(args)`
 * returns a bound view that passes the arguments at each call instead of binding the shared
 * statement.
 *
 * What the adapter (7.x) calls on a prepared statement, and so what the view offers:
 * `prepare(sql).run()` (BEGIN), `prepare(sql).bind(args)` then `.reader`, `.columns()`,
 * `.raw().all()` and `.run()`. Calls are synchronous, so a statement is never used by two
 * queries at once.
 */
import type Database from 'better-sqlite3';

type Statement = Database.Statement<unknown[]>;

/** A statement with arguments, as `Statement#bind` would give, without binding the shared one. */
function boundView(statement: Statement, args: unknown[]) {
	return {
		get reader() {
			return statement.reader;
		},
		columns: () => statement.columns(),
		run: () => statement.run(args),
		all: () => statement.all(args),
		get: () => statement.get(args),
		raw(toggle = true) {
			statement.raw(toggle);
			return this;
		}
	};
}

/** Makes `db.prepare` reuse the compiled statements of the last `size` distinct SQL texts. */
export function cacheStatements(db: Database.Database, size = 200): void {
	const prepare = db.prepare.bind(db);
	const cache = new Map<string, Statement>();
	db.prepare = ((sql: string) => {
		let statement = cache.get(sql);
		if (statement) {
			// least recently used goes first: move this one to the end
			cache.delete(sql);
			cache.set(sql, statement);
			return statement;
		}
		statement = prepare(sql) as Statement;
		const shared = statement;
		Object.defineProperty(shared, 'bind', {
			value: (...params: unknown[]) => boundView(shared, params.length === 1 && Array.isArray(params[0]) ? params[0] : params)
		});
		cache.set(sql, shared);
		if (cache.size > size) cache.delete(cache.keys().next().value as string);
		return shared;
	}) as typeof db.prepare;
}

/** The better-sqlite3 connection inside a connected Prisma adapter, if it has one. */
export function sqliteClientOf(adapter: unknown): Database.Database | null {
	const client = (adapter as { client?: unknown } | null)?.client as Database.Database | undefined;
	return client && typeof client.prepare === 'function' ? client : null;
}
