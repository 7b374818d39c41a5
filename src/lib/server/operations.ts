/**
 * Idempotent writes by client operation id, for every writer (registration, art, scoring).
 * An operation id is scoped by the person who sent it and the kind of write: a replay by the
 * same person for the same kind gets the stored response back (a retry after a lost answer,
 * an offline queue replaying); the same id from anyone else, or for another kind of write, is
 * refused with `errors.op_reused` — it never returns someone else's stored response and never
 * runs as a second write. Ids are client-generated random strings, so a collision between
 * honest clients does not happen; a reused id is a bug or an attempt to read another's answer.
 */
import type { Db } from './db';
import { userError } from './trpc/errors';

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];
type Client = Db | Tx;

/** Who sent an operation and what kind of write it is; `actorId` null for an anonymous writer. */
export interface OperationScope {
	opId: string;
	actorId: string | null;
	kind: string;
	/** The message key of the refusal (a writer may name its own, e.g. the scoring console's). */
	reusedKey?: string;
}

/**
 * The stored response of `scope`'s operation, `{ response }`, or null when the id is new.
 * Throws CONFLICT when the id was used by another person or for another kind of write.
 */
export async function storedOperation<T>(db: Client, scope: OperationScope): Promise<{ response: T } | null> {
	const stored = await db.operation.findUnique({ where: { id: scope.opId }, select: { response: true, actorId: true, kind: true } });
	if (!stored) return null;
	if (stored.kind !== scope.kind || stored.actorId !== scope.actorId) {
		throw userError('CONFLICT', scope.reusedKey ?? 'errors.op_reused');
	}
	return { response: JSON.parse(stored.response) as T };
}

/** Stores an operation's response in the same transaction as its change. */
export async function storeOperation(tx: Tx, scope: OperationScope, response: unknown): Promise<void> {
	await tx.operation.create({
		data: { id: scope.opId, actorId: scope.actorId, kind: scope.kind, response: JSON.stringify(response ?? null) },
		select: { id: true }
	});
}

/** True for the unique-constraint error of a second insert of the same operation id. */
export function isDuplicateOperation(error: unknown): boolean {
	return (error as { code?: unknown } | null)?.code === 'P2002';
}

/**
 * Replays `scope`'s operation, or runs `write` in a transaction (`transaction`, default
 * `db.$transaction`) that also stores its response. When two requests with the same id race,
 * the loser's insert fails on the unique id and it answers with the winner's stored response
 * (after the same person-and-kind check).
 */
export async function replayOrRun<T>(
	db: Db,
	scope: OperationScope,
	write: (tx: Tx) => Promise<T>,
	transaction: (db: Db, work: (tx: Tx) => Promise<T>) => Promise<T> = (d, work) => d.$transaction(work)
): Promise<T> {
	const stored = await storedOperation<T>(db, scope);
	if (stored) return stored.response;
	try {
		return await transaction(db, async (tx) => {
			const response = await write(tx);
			await storeOperation(tx, scope, response);
			return response;
		});
	} catch (error) {
		if (isDuplicateOperation(error)) {
			const again = await storedOperation<T>(db, scope);
			if (again) return again.response;
		}
		throw error;
	}
}
