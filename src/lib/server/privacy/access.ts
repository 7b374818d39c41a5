/**
 * The access log of personal data: every view of an athlete's unmasked numbers (full export,
 * reveal for verification) and every copy, correction or erasure, with who, when and why.
 * Organizers read it per athlete; the athlete reads their own from the entry status page.
 */
import type { Db } from '../db';
import type { Actor } from '../audit';

type Client = Pick<Db, 'dataAccess'>;

/** What an access was for. */
export type AccessAction = 'export_full' | 'reveal' | 'data_copy' | 'correction' | 'erasure';

/** Records one access per athlete (one statement however many athletes). */
export async function recordAccess(db: Client, actor: Actor, athleteIds: string[], action: AccessAction, reason = ''): Promise<void> {
	if (athleteIds.length === 0) return;
	await db.dataAccess.createMany({ data: athleteIds.map((athleteId) => ({ athleteId, actorId: actor.id, actorLabel: actor.label, action, reason })) });
}

/** An athlete's access log, newest first (who, when, what, why). */
export async function accessLog(db: Client, athleteId: string, take = 200) {
	const rows = await db.dataAccess.findMany({ where: { athleteId }, orderBy: { at: 'desc' }, take, select: { at: true, actorLabel: true, action: true, reason: true } });
	return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
}
