/**
 * Audited corrections after a draw is published: a withdrawal turns the player's open matches
 * into walkovers (and later knockout matches become walkovers as the opponent arrives), a late
 * replacement puts an approved entry that was not drawn into a withdrawn player's place before
 * that player has played. Both return the ids of changed matches for broadcasting.
 */
import { audit, type Actor } from '../audit';
import { userError } from '../trpc/errors';
import { isDone, type Tx } from './matches';
import { onMatchFinished, recordWalkover } from './progress';

const OPEN = ['scheduled', 'called'];

/** Withdraws an entry from a drawn category: every open match of it becomes a walkover. */
export async function withdrawEntry(
	tx: Tx,
	actor: Actor,
	input: { categoryId: string; entryId: string; reason: string }
): Promise<{ changed: string[] }> {
	const entry = await tx.entry.findFirst({ where: { id: input.entryId, categoryId: input.categoryId } });
	if (!entry) throw userError('NOT_FOUND', 'errors.not_found');
	if (entry.status === 'withdrawn') throw userError('CONFLICT', 'competition.refused.already_withdrawn');
	await tx.entry.update({ where: { id: entry.id }, data: { status: 'withdrawn', version: { increment: 1 } } });
	const open = await tx.match.findMany({
		where: {
			categoryId: input.categoryId,
			status: { in: OPEN },
			stage: { not: 'total' },
			OR: [{ entryAId: entry.id }, { entryBId: entry.id }],
			draw: { publishedAt: { not: null } }
		},
		orderBy: [{ round: 'asc' }, { position: 'asc' }]
	});
	const changed: string[] = [];
	for (const m of open) {
		const opponent = m.entryAId === entry.id ? m.entryBId : m.entryAId;
		if (!opponent) continue; // the opponent is not known yet: decided when they arrive
		await recordWalkover(tx, m.id, m.entryAId === entry.id ? 'A' : 'B', actor.id);
		changed.push(m.id, ...(await onMatchFinished(tx, m.id)));
	}
	await audit(tx, actor, {
		action: 'draw.withdraw',
		entity: 'Entry',
		entityId: entry.id,
		before: { status: entry.status },
		after: { status: 'withdrawn', reason: input.reason, walkovers: changed }
	});
	return { changed: [...new Set(changed)] };
}

/**
 * Replaces a drawn entry by an approved entry of the same category that is not in the draw,
 * while the replaced player has not played yet (no match of theirs started or finished).
 */
export async function replaceEntry(
	tx: Tx,
	actor: Actor,
	input: { categoryId: string; fromEntryId: string; toEntryId: string; reason: string }
): Promise<{ changed: string[] }> {
	const [from, to] = await Promise.all([
		tx.entry.findFirst({ where: { id: input.fromEntryId, categoryId: input.categoryId } }),
		tx.entry.findFirst({ where: { id: input.toEntryId, categoryId: input.categoryId } })
	]);
	if (!from || !to) throw userError('NOT_FOUND', 'errors.not_found');
	if (to.status !== 'approved') throw userError('CONFLICT', 'competition.refused.replacement_not_approved');
	const matches = await tx.match.findMany({
		where: { categoryId: input.categoryId },
		select: { id: true, entryAId: true, entryBId: true, players: true, status: true, stage: true, winnerEntryId: true }
	});
	const inDraw = (id: string) =>
		matches.some((m) => m.entryAId === id || m.entryBId === id || (JSON.parse(m.players) as string[]).includes(id));
	if (inDraw(to.id)) throw userError('CONFLICT', 'competition.refused.replacement_in_draw');
	const mine = matches.filter((m) => m.entryAId === from.id || m.entryBId === from.id);
	if (mine.length === 0) throw userError('CONFLICT', 'competition.refused.not_in_draw');
	if (mine.some((m) => m.status !== 'scheduled' && !(m.status === 'bye'))) {
		throw userError('CONFLICT', 'competition.refused.already_played');
	}
	if (matches.some((m) => m.stage === 'total')) throw userError('CONFLICT', 'competition.refused.replacement_format');
	for (const m of mine) {
		await tx.match.update({
			where: { id: m.id },
			data: {
				...(m.entryAId === from.id ? { entryAId: to.id } : { entryBId: to.id }),
				...(m.winnerEntryId === from.id ? { winnerEntryId: to.id } : {})
			}
		});
	}
	// a Swiss field lists its players in the round-1 draw: keep it in step
	const swissDraws = await tx.draw.findMany({ where: { categoryId: input.categoryId, stage: 'swiss' } });
	for (const d of swissDraws) {
		await tx.draw.update({ where: { id: d.id }, data: { data: d.data.replaceAll(`"${from.id}"`, `"${to.id}"`) } });
	}
	await tx.entry.update({ where: { id: from.id }, data: { status: 'withdrawn', version: { increment: 1 } } });
	await audit(tx, actor, {
		action: 'draw.replace',
		entity: 'Entry',
		entityId: from.id,
		before: { entryId: from.id },
		after: { entryId: to.id, reason: input.reason, matches: mine.map((m) => m.id) }
	});
	return { changed: mine.filter((m) => !isDone(m.status)).map((m) => m.id) };
}
