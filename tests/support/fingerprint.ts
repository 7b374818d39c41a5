/**
 * A fingerprint of the whole database — row counts of every table and the newest `updatedAt`
 * where a table has one — to prove that a refused request changed nothing.
 */
import type { Db, Provider } from '../../src/lib/server/db';

/** Prepares the fingerprint query once; the returned function runs it (one query). */
export async function fingerprinter(db: Db, provider: Provider): Promise<() => Promise<string>> {
	const tables =
		provider === 'sqlite'
			? await db.$queryRawUnsafe<Array<{ name: string }>>(
					"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name"
				)
			: await db.$queryRawUnsafe<Array<{ name: string }>>(
					"SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name <> '_prisma_migrations' ORDER BY table_name"
				);
	const columns =
		provider === 'sqlite'
			? null
			: await db.$queryRawUnsafe<Array<{ table_name: string }>>(
					"SELECT table_name FROM information_schema.columns WHERE table_schema = current_schema() AND column_name = 'updatedAt'"
				);
	const parts: string[] = [];
	for (const { name } of tables) {
		const hasUpdatedAt =
			provider === 'sqlite'
				? (await db.$queryRawUnsafe<Array<{ name: string }>>(`SELECT name FROM pragma_table_info('${name}') WHERE name = 'updatedAt'`)).length > 0
				: Boolean(columns?.some((c) => c.table_name === name));
		parts.push(`(SELECT COUNT(*) FROM "${name}")`);
		if (hasUpdatedAt) parts.push(`(SELECT MAX("updatedAt") FROM "${name}")`);
	}
	const sql = `SELECT ${parts.map((p, i) => `${p} AS c${i}`).join(', ')}`;
	return async () => {
		const [row] = await db.$queryRawUnsafe<Array<Record<string, unknown>>>(sql);
		return JSON.stringify(Object.values(row ?? {}), (_key, value: unknown) =>
			typeof value === 'bigint' ? Number(value) : value instanceof Date ? value.toISOString() : value
		);
	};
}
