/**
 * Shared pieces of the registration services: the transaction type, actors, idempotent
 * operations, the refusal error that carries every problem, and translation of problems
 * into per-field messages in the reader's language.
 */
import { providerOfClient, type Db } from '../db';
import type { Actor } from '../audit';
import { replayOrRun } from '../operations';
import { RuleViolation } from '$lib/domain/errors';
import { translate, type Locale } from '$lib/i18n';
import { zonedDate } from '$lib/i18n/time';

/** A Prisma transaction client (what `$transaction(async (tx) => …)` hands over). */
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

/** A staff member as the audit log names them. */
export const staffActor = (user: { id: string; username: string }): Actor => ({ id: user.id, label: `user:${user.username}` });
/** An athlete (or family member) acting with their reference code. */
export const athleteActor = (referenceCode: string): Actor => ({ id: null, label: `athlete:${referenceCode}` });

/**
 * A registration refused by the rules, with every problem (field + code + params). It is a
 * RuleViolation, so tRPC answers 422 with the first problem's message in the caller's
 * language; form actions that call in-process read `problems` to show each next to its field.
 */
/** A problem with the form field it belongs to (see FieldProblem in the domain; fields here may also be 'streetId'). */
export interface Refusal {
	field: string;
	code: string;
	params: Record<string, string | number>;
	categoryId?: string;
}

export class RegistrationRefused extends RuleViolation {
	readonly problems: Refusal[];
	constructor(problems: Refusal[]) {
		const first = problems[0] ?? { code: 'errors.bad_request', params: {}, field: '_form' };
		super(first.code, `registration refused: ${problems.map((p) => p.code).join(', ')}`, first.params);
		this.name = 'RegistrationRefused';
		this.problems = problems;
	}
}

/** Problems as the forms show them: field → messages in `locale` (no personal data in params). */
export function fieldMessages(problems: Array<{ field: string; code: string; params: Record<string, string | number> }>, locale: Locale): Record<string, string[]> {
	const out: Record<string, string[]> = {};
	for (const p of problems) (out[p.field] ??= []).push(translate(locale, p.code, p.params));
	return out;
}

/**
 * Runs `write` once per client operation id: a replay returns the stored response and
 * writes nothing. The operation row is written in the same transaction as the change, so a
 * crash leaves either both or neither; a concurrent replay hits the primary key and gets
 * the stored response too.
 */
/**
 * Runs `fn` as a registration write that no other registration write interleaves with: two
 * registrations racing for a street's last place cannot both pass the quota check. Retries
 * (up to 8 times) when the database still reports a conflict or deadlock.
 */
export async function serializable<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
	// On PostgreSQL every registration write first queues on one advisory lock, so they run one
	// after another and each sees all earlier commits (READ COMMITTED takes a fresh snapshot per
	// statement, i.e. after the lock). Relying on SERIALIZABLE alone, a burst of 200 at once
	// failed each other until the retries ran out (16 of 200 lost). SQLite runs one writer at a
	// time anyway.
	const queue = providerOfClient(db) === 'postgresql';
	for (let attempt = 1; ; attempt++) {
		try {
			return await db.$transaction(
				async (tx) => {
					if (queue) await tx.$executeRawUnsafe('SELECT pg_advisory_xact_lock(72010001)');
					return fn(tx);
				},
				{
					// `Db` is typed as the SQLite client, which knows only Serializable; PostgreSQL's
					// client accepts ReadCommitted.
					isolationLevel: (queue ? 'ReadCommitted' : 'Serializable') as 'Serializable',
					maxWait: 30_000,
					timeout: 30_000
				}
			);
		} catch (error) {
			const e = error as { code?: unknown; message?: unknown; cause?: { kind?: unknown; originalCode?: unknown } };
			const text = `${String(e.message ?? '')} ${String(e.cause?.kind ?? '')} ${String(e.cause?.originalCode ?? '')}`;
			const conflict = e.code === 'P2034' || /TransactionWriteConflict|could not serialize|serialization failure|40001|40P01|deadlock/i.test(text);
			if (!conflict || attempt >= 8) throw error;
			await new Promise((r) => setTimeout(r, 10 * attempt + Math.random() * 20));
		}
	}
}

/**
 * A coordinator's or organizer's write, idempotent by operation id (scoped to the person and
 * the kind of write: see operations.ts), in a serializable transaction.
 */
export function once<T>(db: Db, opId: string, kind: string, actorId: string | null, write: (tx: Tx) => Promise<T>): Promise<T> {
	return replayOrRun(db, { opId, kind, actorId }, write, serializable);
}

/** Today as 'YYYY-MM-DD' on the edition's clock (`editionTimeZone`), the local date of the games:
 *  ages and the guardian's consent (under 14) are counted on it, whatever the server's `TZ`. */
export function todayIn(timeZone: string, now = Date.now()): string {
	return zonedDate(new Date(now), timeZone);
}
