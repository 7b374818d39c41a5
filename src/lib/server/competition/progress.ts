/**
 * What happens in the competition when a match ends: the winner moves to the next knockout
 * match (and a semi-final loser to the third-place match), a finished group stage sends its
 * qualifiers on into a knockout draw, a complete Swiss round allows the next, and a finished
 * category gets its final placings. Called by the scoring service inside the transaction that
 * records the match's last event (and by the draw corrections after a walkover). Returns the
 * ids of the other matches it changed or created, so the caller can broadcast them after commit.
 */
import { groupStandings, type GroupMatch } from '$lib/domain/standings/groupStandings';
import { knockoutPlacings, placingsFromRanking, type KnockoutResult, type Placing } from '$lib/domain/draws/placings';
import { swissStandings } from '$lib/domain/standings/swissStandings';
import { rankTotals } from '$lib/domain/scoring/dartsTotal';
import { groupStagePlacings } from '$lib/domain/draws/stagePlacings';
import type { GroupQualifiers } from '$lib/domain/draws/knockout';
import { categorySettings, createKnockoutFromGroups, swissField, swissHistory, type DrawData } from './draws';
import { groupLabel, isDone, walkoverSummary, type Tx } from './matches';

export type { Tx };

/** Places at least 1-8 are written; more when the format decides them. */
const PLACES = 8;

export async function onMatchFinished(tx: Tx, matchId: string): Promise<string[]> {
	const match = await tx.match.findUnique({ where: { id: matchId } });
	if (!match || !isDone(match.status)) return [];
	const changed: string[] = [];
	if ((match.stage === 'knockout' || match.stage === 'thirdPlace') && match.winnerEntryId) {
		const loser =
			match.winnerEntryId === match.entryAId ? match.entryBId : match.winnerEntryId === match.entryBId ? match.entryAId : null;
		if (match.nextMatchId && match.nextSide) {
			changed.push(...(await fillSide(tx, match.nextMatchId, match.nextSide, match.winnerEntryId)));
		}
		if (match.loserMatchId && match.loserSide && loser) {
			changed.push(...(await fillSide(tx, match.loserMatchId, match.loserSide, loser)));
		}
	}
	changed.push(...(await advanceCategory(tx, match.categoryId)));
	return [...new Set(changed)].filter((id) => id !== matchId);
}

/**
 * Puts a player into a side of a later match. If the opponent there has withdrawn, that match
 * becomes a walkover at once and the player moves on again.
 */
async function fillSide(tx: Tx, targetId: string, side: string, entryId: string): Promise<string[]> {
	const target = await tx.match.update({
		where: { id: targetId },
		data: side === 'A' ? { entryAId: entryId } : { entryBId: entryId }
	});
	const changed = [targetId];
	const opponent = side === 'A' ? target.entryBId : target.entryAId;
	if (opponent && target.status === 'scheduled') {
		const entry = await tx.entry.findUnique({ where: { id: opponent }, select: { status: true } });
		if (entry?.status === 'withdrawn') {
			await recordWalkover(tx, targetId, opponent === target.entryAId ? 'A' : 'B');
			changed.push(...(await onMatchFinished(tx, targetId)));
		}
	}
	return changed;
}

/**
 * Turns an open match into a walkover against `absent` (the side that does not play; 'both'
 * is a double forfeit, xiangqi only: no winner), with the engine's walkover event appended to
 * the log so a replay gives the same summary.
 */
export async function recordWalkover(tx: Tx, matchId: string, absent: 'A' | 'B' | 'both', actorId: string | null = null): Promise<void> {
	const match = await tx.match.findUniqueOrThrow({ where: { id: matchId } });
	const winner = absent === 'both' ? null : absent === 'A' ? match.entryBId : match.entryAId;
	const result = walkoverSummary(match.format, absent);
	const version = match.version + (result ? 1 : 0);
	if (result) {
		await tx.matchEvent.create({
			data: {
				matchId,
				seq: version,
				opId: `walkover:${matchId}:${version}`,
				event: JSON.stringify(result.event),
				actorId
			}
		});
	}
	await tx.match.update({
		where: { id: matchId },
		data: {
			status: 'walkover',
			winnerEntryId: winner,
			finishedAt: new Date(),
			version,
			...(result ? { summary: result.summary } : {})
		}
	});
}

/** Moves the category on when a stage is complete; writes placings when it is over. */
async function advanceCategory(tx: Tx, categoryId: string): Promise<string[]> {
	const category = await tx.category.findUniqueOrThrow({
		where: { id: categoryId },
		select: { id: true, code: true, format: true, formatConfig: true, status: true }
	});
	if (category.status === 'finished') return [];
	const { format, config } = categorySettings(category);
	const matches = await tx.match.findMany({
		where: { categoryId, draw: { publishedAt: { not: null } } },
		select: {
			id: true,
			stage: true,
			round: true,
			position: true,
			groupLabel: true,
			entryAId: true,
			entryBId: true,
			status: true,
			winnerEntryId: true,
			summary: true,
			players: true
		}
	});
	const allDone = (stage: string | string[]) => {
		const list = matches.filter((m) => (Array.isArray(stage) ? stage.includes(m.stage) : m.stage === stage));
		return list.length > 0 && list.every((m) => isDone(m.status));
	};

	if (format === 'groupsKnockout') {
		const hasKnockout = matches.some((m) => m.stage === 'knockout');
		if (!hasKnockout) {
			if (!allDone('group')) return [];
			const draw = await tx.draw.findFirstOrThrow({ where: { categoryId, stage: 'groups' }, select: { data: true, seedString: true } });
			const data = JSON.parse(draw.data) as Extract<DrawData, { kind: 'groups' }>;
			const ranks = groupRanks(data.groups, matches);
			const qualifiers: GroupQualifiers[] = ranks.map((ids, g) => ({
				group: groupLabel(g),
				qualifiers: ids.slice(0, config.qualifiersPerGroup)
			}));
			return createKnockoutFromGroups(tx, categoryId, qualifiers, draw.seedString);
		}
		if (!allDone(['knockout', 'thirdPlace'])) return [];
		const knockout = await knockoutResultPlacings(tx, categoryId, matches, config.thirdPlace);
		const draw = await tx.draw.findFirstOrThrow({ where: { categoryId, stage: 'groups' }, select: { data: true } });
		const data = JSON.parse(draw.data) as Extract<DrawData, { kind: 'groups' }>;
		const rest = groupStagePlacings({
			groupRanks: groupRanks(data.groups, matches),
			qualifiersPerGroup: config.qualifiersPerGroup,
			placed: knockout.length
		});
		await writePlacings(tx, categoryId, [...knockout, ...rest]);
		return [];
	}
	if (format === 'knockout' || format === 'darts501Knockout') {
		if (!allDone(['knockout', 'thirdPlace'])) return [];
		await writePlacings(tx, categoryId, await knockoutResultPlacings(tx, categoryId, matches, config.thirdPlace));
		return [];
	}
	if (format === 'swiss') {
		const history = await swissHistory(tx, categoryId);
		if (history.open > 0 || history.rounds.length < config.swissRounds) return [];
		const players = await swissField(tx, categoryId);
		const standings = swissStandings({ players, history: history.rounds, points: config.points, tieBreaks: config.tieBreaks });
		await writePlacings(tx, categoryId, placingsFromRanking(standings, { limit: PLACES }));
		return [];
	}
	// dartsTotal: every flight finished → one ranking over the field
	if (!allDone('total')) return [];
	const lines: Array<{ id: string; rounds: number[] }> = [];
	for (const m of matches.filter((x) => x.stage === 'total')) {
		const summary = JSON.parse(m.summary) as {
			standings?: Array<{ id: string; rounds: number[]; withdrawn: boolean }>;
		};
		for (const s of summary.standings ?? []) if (!s.withdrawn) lines.push({ id: s.id, rounds: s.rounds });
	}
	// ties across flights share a place (a throw-off is only held within a flight)
	const ranked = rankTotals(lines, []);
	await writePlacings(tx, categoryId, placingsFromRanking(ranked, { limit: PLACES }));
	return [];
}

type MatchLite = {
	stage: string;
	round: number;
	position: number;
	groupLabel: string | null;
	entryAId: string | null;
	entryBId: string | null;
	status: string;
	winnerEntryId: string | null;
	summary: string;
};

/** Each group's players in finishing order, by the ITTF group standings. */
export function groupRanks(groups: string[][], matches: MatchLite[]): string[][] {
	return groups.map((players, g) => {
		const label = groupLabel(g);
		const played: GroupMatch[] = matches
			.filter((m) => m.stage === 'group' && m.groupLabel === label && m.entryAId && m.entryBId && isDone(m.status))
			.map((m) => toGroupMatch(m));
		return groupStandings({ players, matches: played }).sort((x, y) => x.rank - y.rank).map((r) => r.id);
	});
}

/** A finished match as the group standings read it (games from the table tennis summary). */
export function toGroupMatch(m: MatchLite): GroupMatch {
	const summary = JSON.parse(m.summary) as { games?: Array<{ a: number; b: number }> };
	const a = m.entryAId as string;
	const b = m.entryBId as string;
	if (m.status === 'walkover') return { a, b, games: [], walkover: m.winnerEntryId === a ? 'b' : 'a' };
	let games = (summary.games ?? []).filter((g) => g.a !== g.b);
	// a result without game scores (e.g. a retirement recorded as a result) still has a winner
	if (games.length === 0) games = m.winnerEntryId === a ? [{ a: 11, b: 0 }] : [{ a: 0, b: 11 }];
	return { a, b, games };
}

async function knockoutResultPlacings(
	tx: Tx,
	categoryId: string,
	matches: MatchLite[],
	thirdPlace: boolean
): Promise<Placing[]> {
	const draw = await tx.draw.findFirstOrThrow({
		where: { categoryId, stage: 'knockout' },
		orderBy: { createdAt: 'desc' },
		select: { data: true }
	});
	const data = JSON.parse(draw.data) as Extract<DrawData, { kind: 'knockout' }>;
	const results: KnockoutResult[] = matches
		.filter((m) => (m.stage === 'knockout' || m.stage === 'thirdPlace') && m.winnerEntryId)
		.map((m) => ({
			round: m.round,
			index: m.position,
			winner: m.winnerEntryId as string,
			loser: m.winnerEntryId === m.entryAId ? m.entryBId : m.entryAId
		}));
	return knockoutPlacings({ size: data.size, results, thirdPlace: data.thirdPlace && thirdPlace });
}

async function writePlacings(tx: Tx, categoryId: string, placings: Placing[]): Promise<void> {
	await tx.placing.deleteMany({ where: { categoryId } });
	await tx.placing.createMany({ data: placings.map((p) => ({ categoryId, entryId: p.id, place: p.place })) });
	await tx.category.update({ where: { id: categoryId }, data: { status: 'finished' } });
}
