/**
 * Reading a list that grows with the data (a street's athletes, a category's entries) in pages.
 * A nested `select` of a relation makes Prisma load it with one `IN (…)` list of every parent
 * id; on SQLite a few thousand parents exceed the bound-parameter limit and the query fails.
 * Fetching the parents in pages of BATCH_SIZE keeps each list bounded whatever the data.
 */

/** Parents per query: each relation load then binds at most this many ids. */
export const BATCH_SIZE = 500;

/**
 * Calls `fetch` page after page (`skip`/`take`, in the caller's stable order — end the
 * `orderBy` with a unique column) until a short page, and returns every row in order.
 */
export async function findAllInBatches<T>(fetch: (page: { skip: number; take: number }) => Promise<T[]>, size = BATCH_SIZE): Promise<T[]> {
	const rows: T[] = [];
	for (let skip = 0; ; skip += size) {
		const page = await fetch({ skip, take: size });
		rows.push(...page);
		if (page.length < size) return rows;
	}
}

/** Splits a list (of ids for an `IN (…)`) into pieces of at most `size`, for writes such as
 *  `updateMany` that bind one parameter per id. */
export function chunked<T>(items: readonly T[], size = BATCH_SIZE): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
	return out;
}
