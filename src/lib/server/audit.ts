/**
 * The audit log: who changed what, when, with the state before and after. Every write by a
 * coordinator, referee or organizer goes through `audit` inside the same transaction as the
 * change itself, so there is never a change without its record.
 */
import type { Db } from './db';

export interface Actor {
	id: string | null;
	label: string;
}

type Client = Pick<Db, 'auditLog'>;

/** Appends one audit record. `before`/`after` must already have personal numbers masked. */
export async function audit(
	db: Client,
	actor: Actor,
	entry: { action: string; entity: string; entityId?: string | null; before?: unknown; after?: unknown; opId?: string }
): Promise<void> {
	await db.auditLog.create({
		data: {
			actorId: actor.id,
			actorLabel: actor.label,
			action: entry.action,
			entity: entry.entity,
			entityId: entry.entityId ?? null,
			before: entry.before === undefined ? null : JSON.stringify(entry.before),
			after: entry.after === undefined ? null : JSON.stringify(entry.after),
			opId: entry.opId ?? null
		},
		// nothing is read back: returning the whole record costs a third more per write
		select: { id: true }
	});
}

export const systemActor: Actor = { id: null, label: 'system' };
