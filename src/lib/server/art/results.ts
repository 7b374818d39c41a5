/**
 * Results of a judging round: every covered entry's counted scores (declared conflicts and
 * blanks left out, see countedScores), the ranking by the domain core, the organizer's
 * breakdown, juror progress and outliers. Also the ranking the gallery and the selections use:
 * the latest closed round of the category's panel.
 */
import type { Client } from './common';
import { roundEntryWhere } from './common';
import { countedScores } from '$lib/domain/art/entries';
import { outliers, rank, type RankedEntry } from '$lib/domain/art/jury';
import { combineRoundRankings } from '$lib/domain/art/rounds';

export interface RoundResults {
	ranking: RankedEntry[];
	scoresByEntry: Map<string, Array<{ jurorId: string; score: number | null; conflict: boolean; criteria: string }>>;
	entryIds: string[];
}

/** The ranking and raw scores of one round. */
export async function roundResults(db: Client, roundId: string): Promise<RoundResults> {
	const round = await db.judgingRound.findUniqueOrThrow({
		where: { id: roundId },
		select: { id: true, shortlist: true, panel: { select: { artCategoryId: true, scaleMax: true } } }
	});
	const entries = await db.artEntry.findMany({ where: roundEntryWhere(round), select: { id: true } });
	const scores = await db.juryScore.findMany({
		where: { roundId, entryId: { in: entries.map((e) => e.id) } },
		select: { entryId: true, jurorId: true, score: true, conflict: true, criteria: true }
	});
	const scoresByEntry = new Map<string, RoundResults['scoresByEntry'] extends Map<string, infer V> ? V : never>();
	for (const e of entries) scoresByEntry.set(e.id, []);
	for (const s of scores) scoresByEntry.get(s.entryId)?.push(s);
	const scored = entries
		.map((e) => ({ id: e.id, scores: countedScores(scoresByEntry.get(e.id) ?? []) }))
		.filter((e) => e.scores.length > 0);
	return {
		ranking: scored.length ? rank(scored, { topScore: round.panel.scaleMax }) : [],
		scoresByEntry,
		entryIds: entries.map((e) => e.id)
	};
}

/** Outlier jurors of a round (a hint for the organizer, never an exclusion). */
export function roundOutliers(results: RoundResults, minSpread: number) {
	const panelScores = [...results.scoresByEntry.entries()].flatMap(([entryId, list]) =>
		list.filter((s) => !s.conflict && s.score !== null).map((s) => ({ entryId, jurorId: s.jurorId, score: s.score as number }))
	);
	return outliers(panelScores, 2, { minSpread });
}

/**
 * The final ranking of a category from its panel's closed rounds: the latest closed round
 * orders the entries it judged (a shortlist round its shortlist), the others follow in the
 * order of the earlier rounds (see combineRoundRankings). Empty before any round closed.
 */
export async function categoryRanking(db: Client, artCategoryId: string): Promise<RankedEntry[]> {
	const rounds = await db.judgingRound.findMany({
		where: { status: 'closed', panel: { artCategoryId } },
		orderBy: [{ number: 'desc' }],
		select: { id: true }
	});
	const rankings: RankedEntry[][] = [];
	for (const round of rounds) rankings.push((await roundResults(db, round.id)).ranking);
	return combineRoundRankings(rankings).map(({ round: _round, ...entry }) => entry);
}
