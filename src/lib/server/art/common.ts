/**
 * Small shared pieces of the art services: the current edition, the audit actor, the panel's
 * criteria (JSON text in the database) and which entries a judging round covers.
 */
import { z } from 'zod';
import { text as freeText } from '$lib/schemas/text';
import type { Db } from '../db';
import type { Prisma } from '../db/generated/sqlite/client';
import { userError } from '../trpc/errors';
import type { Actor } from '../audit';
import { storedOperation, storeOperation } from '../operations';

export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];
export type Client = Db | Tx;

export const criterionSchema = z.object({
	key: z.string().trim().regex(/^[a-z][a-zA-Z0-9_-]{0,30}$/, 'art.criterion_key'),
	nameZh: freeText().min(1, 'art.name_required').max(40),
	nameEn: freeText().min(1, 'art.name_required').max(60),
	weight: z.number().positive('art.weight_positive').max(1000)
});
export type Criterion = z.infer<typeof criterionSchema>;

/** The criteria stored on a panel (JSON text); an unreadable value counts as none. */
export function parseCriteria(text: string): Criterion[] {
	try {
		const parsed = z.array(criterionSchema).safeParse(JSON.parse(text));
		return parsed.success ? parsed.data : [];
	} catch {
		return [];
	}
}

/** The current edition, or a NOT_FOUND the organizer can act on. */
export async function currentEdition(db: Client) {
	const edition = await db.edition.findFirst({ where: { current: true } });
	if (!edition) throw userError('NOT_FOUND', 'art.no_edition');
	return edition;
}

export const actorOf = (user: { id: string; username: string }): Actor => ({ id: user.id, label: `user:${user.username}` });

/** The shortlist of a round (entry ids), or null when the round covers every entry. */
export function parseShortlist(text: string | null): string[] | null {
	if (text === null) return null;
	try {
		const parsed = z.array(z.string()).safeParse(JSON.parse(text));
		return parsed.success ? parsed.data : [];
	} catch {
		return [];
	}
}

/**
 * The entries a round covers: the category's submitted (not withdrawn) entries, limited to the
 * shortlist for later rounds, and — for a juror — never those of the juror's own street.
 */
export function roundEntryWhere(
	round: { shortlist: string | null; panel: { artCategoryId: string } },
	jurorStreetId?: string | null
): Prisma.ArtEntryWhereInput {
	const shortlist = parseShortlist(round.shortlist);
	return {
		artCategoryId: round.panel.artCategoryId,
		status: 'submitted',
		...(shortlist ? { id: { in: shortlist } } : {}),
		...(jurorStreetId ? { streetId: { not: jurorStreetId } } : {})
	};
}

/**
 * Replays a stored operation's response, or null when `opId` is new (or absent). Scoped to the
 * person and the kind of write (operations.ts): another person's id is refused.
 */
export async function replayed<T>(db: Client, opId: string | undefined, actorId: string, kind: string): Promise<T | null> {
	if (!opId) return null;
	return (await storedOperation<T>(db, { opId, actorId, kind }))?.response ?? null;
}

/** Records an operation's response in the same transaction as its change. */
export async function remember(tx: Tx, opId: string | undefined, actorId: string, kind: string, response: unknown): Promise<void> {
	if (!opId) return;
	await storeOperation(tx, { opId, actorId, kind }, response);
}
