/**
 * Inserting many rows in few statements, for imports. Prisma's `createMany` compiles a query
 * whose cost grows with the rows (about half a millisecond of CPU a row on this project's
 * machine: the five thousand rows of a 1,000-athlete import — athletes, consents, entries,
 * audit records — took seconds); one parameterised multi-row INSERT per chunk skips that and
 * runs on both SQLite and PostgreSQL (Prisma.sql picks each one's placeholders).
 *
 * No Prisma-side default runs: the caller gives every column without a database default
 * (ids, `updatedAt`, …). Column names come from the rows' keys, which the caller types as the
 * model's CreateManyInput (our own code, never user input); values are always bound parameters.
 */
import { Prisma } from './generated/sqlite/client';

/** Bound parameters per statement: below SQLite's 32,766 and PostgreSQL's 65,535. */
const MAX_PARAMETERS = 30_000;
/** Rows per statement at most, however few their columns. */
const MAX_ROWS = 1_000;

type Executor = { $executeRaw(query: Prisma.Sql): Prisma.PrismaPromise<number> };

/** Inserts `rows` (all with the same keys) into `table`; returns how many were inserted. */
export async function insertRows<T extends Record<string, string | number | boolean | Date | null>>(db: Executor, table: string, rows: readonly T[]): Promise<number> {
	if (rows.length === 0) return 0;
	const columns = Object.keys(rows[0] as T);
	if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(table) || columns.some((c) => !/^[A-Za-z][A-Za-z0-9_]*$/.test(c))) throw new Error(`insertRows: not a table or column name (${table})`);
	const head = Prisma.raw(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES `);
	const size = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMETERS / columns.length)));
	let inserted = 0;
	for (let start = 0; start < rows.length; start += size) {
		const chunk = rows.slice(start, start + size);
		const values = Prisma.join(chunk.map((row) => Prisma.sql`(${Prisma.join(columns.map((c) => row[c] ?? null))})`));
		inserted += await db.$executeRaw(Prisma.sql`${head}${values}`);
	}
	return inserted;
}
