/**
 * The draw service: turns a category's approved entries into a draw and its Match rows, re-draws
 * while unpublished, publishes, pairs the next Swiss round. Every rule (who meets whom, where
 * byes go, separation) comes from `src/lib/domain/draws`; this file loads, orchestrates, writes
 * and audits. Callers run these inside one transaction, so a refusal writes nothing.
 */
import { randomBytes } from 'node:crypto';
import { drawGroups } from '$lib/domain/draws/groups';
import { bracketRounds, drawKnockout, placeGroupQualifiers, type GroupQualifiers } from '$lib/domain/draws/knockout';
import { roundRobinRounds } from '$lib/domain/draws/roundRobin';
import { pairRound, type SwissGame, type SwissPairing, type SwissPlayer } from '$lib/domain/draws/swiss';
import { checkSwissPairing, type SwissWarning } from '$lib/domain/draws/swissCheck';
import { checkRegistrationWindow } from '$lib/domain/registration/quotas';
import { audit, type Actor } from '../audit';
import { userError } from '../trpc/errors';
import {
	isCategoryFormat,
	minEntriesFor,
	parseFormatConfig,
	type CategoryFormat,
	type FormatConfig
} from './formatConfig';
import { bracketLabel, groupLabel, isDone, matchFormatColumns, newId, type Tx } from './matches';

/** What a draw records about each entry it was made from (so anyone can reproduce it). */
export type DrawEntry = { id: string; seed: number | null; street: string };

/** Draw.data, per stage. */
export type DrawData =
	| { kind: 'groups'; checkedInOnly: boolean; entries: DrawEntry[]; groups: string[][]; streetClashes: number }
	| {
			kind: 'knockout';
			checkedInOnly?: boolean;
			entries: DrawEntry[];
			size: number;
			slots: Array<string | null>;
			thirdPlace: boolean;
			fromGroups?: GroupQualifiers[];
	  }
	| {
			kind: 'swiss';
			checkedInOnly?: boolean;
			entries?: DrawEntry[];
			players: SwissPlayer[];
			pairings: SwissPairing[];
			warnings?: SwissWarning[];
	  }
	| { kind: 'total'; checkedInOnly: boolean; entries: DrawEntry[]; flights: string[][] };

type CategoryRow = { id: string; code: string; format: string; formatConfig: string; status: string };

/** A random seed string when the organizer gives none (recorded with the draw). */
export function randomSeedString(): string {
	return randomBytes(6).toString('hex');
}

/** Reads and checks a category's format and settings. */
export function categorySettings(category: Pick<CategoryRow, 'format' | 'formatConfig' | 'code'>): { format: CategoryFormat; config: FormatConfig } {
	if (!isCategoryFormat(category.format)) {
		throw userError('BAD_REQUEST', 'competition.refused.unknown_format', { format: category.format });
	}
	try {
		return { format: category.format, config: parseFormatConfig(category.formatConfig) };
	} catch {
		throw userError('BAD_REQUEST', 'competition.refused.bad_config', { code: category.code });
	}
}

async function loadCategory(tx: Tx, categoryId: string) {
	const category = await tx.category.findUnique({
		where: { id: categoryId },
		select: {
			id: true,
			code: true,
			format: true,
			formatConfig: true,
			status: true,
			sport: { select: { key: true } },
			edition: { select: { registrationOpensAt: true, registrationClosesAt: true } }
		}
	});
	if (!category) throw userError('NOT_FOUND', 'errors.not_found');
	return category;
}

/** Approved (optionally checked-in) entries, ordered by seed then id. */
async function drawEntries(tx: Tx, categoryId: string, checkedInOnly: boolean): Promise<DrawEntry[]> {
	const rows = await tx.entry.findMany({
		where: { categoryId, status: 'approved', ...(checkedInOnly ? { checkedInAt: { not: null } } : {}) },
		select: { id: true, seed: true, athlete: { select: { streetId: true } } },
		orderBy: [{ seed: 'asc' }, { id: 'asc' }]
	});
	return rows.map((r) => ({ id: r.id, seed: r.seed, street: r.athlete.streetId }));
}

/** Deletes the unpublished draws (and their matches) of a category: the re-draw. */
async function discardUnpublished(tx: Tx, categoryId: string): Promise<number> {
	const draws = await tx.draw.findMany({ where: { categoryId, publishedAt: null }, select: { id: true } });
	const ids = draws.map((d) => d.id);
	if (ids.length === 0) return 0;
	await tx.match.deleteMany({ where: { drawId: { in: ids } } });
	await tx.draw.deleteMany({ where: { id: { in: ids } } });
	return ids.length;
}

/**
 * Generates (or re-generates, while unpublished) the first draw of a category. Refused, with
 * the reason and nothing written, when registration is still open, the draw is published
 * already, or there are fewer entries than the format needs.
 */
export async function generateDraw(
	tx: Tx,
	actor: Actor,
	input: { categoryId: string; seedString?: string | undefined; checkedInOnly?: boolean | undefined }
): Promise<{ drawId: string; seedString: string; redraw: boolean }> {
	const category = await loadCategory(tx, input.categoryId);
	// open for registration: status 'open' while the edition's window has not closed
	const stillOpen =
		category.status === 'open' &&
		checkRegistrationWindow({
			opensAt: category.edition.registrationOpensAt?.getTime() ?? null,
			closesAt: category.edition.registrationClosesAt?.getTime() ?? null,
			now: Date.now()
		}) === null;
	if (stillOpen) throw userError('CONFLICT', 'competition.refused.open', { code: category.code });
	if (category.status === 'published' || category.status === 'finished') {
		throw userError('CONFLICT', 'competition.refused.published', { code: category.code });
	}
	const { format, config } = categorySettings(category);
	const checkedInOnly = input.checkedInOnly ?? false;
	const entries = await drawEntries(tx, category.id, checkedInOnly);
	const min = minEntriesFor(format, config);
	if (entries.length < min) {
		throw userError('BAD_REQUEST', 'competition.refused.too_few', { count: entries.length, min });
	}
	const redraw = (await discardUnpublished(tx, category.id)) > 0;
	const seedString = input.seedString?.trim() || randomSeedString();
	const drawId = newId();
	const base = { id: drawId, categoryId: category.id, seedString, createdById: actor.id };

	if (format === 'groupsKnockout') {
		const groupCount = Math.max(2, Math.ceil(entries.length / config.groupSize));
		const result = drawGroups({
			entries: entries.map((e) => ({ id: e.id, street: e.street, ...(e.seed !== null ? { seed: e.seed } : {}) })),
			seed: seedString,
			groupSize: config.groupSize,
			groupCount
		});
		const data: DrawData = {
			kind: 'groups',
			checkedInOnly,
			entries,
			groups: result.groups,
			streetClashes: result.streetClashes.length
		};
		await tx.draw.create({ data: { ...base, stage: 'groups', data: JSON.stringify(data) } });
		await createGroupMatches(tx, category, format, config, drawId, result.groups);
	} else if (format === 'knockout' || format === 'darts501Knockout') {
		const result = drawKnockout({
			entries: entries.map((e) => ({ id: e.id, street: e.street, ...(e.seed !== null ? { seed: e.seed } : {}) })),
			seed: seedString
		});
		const data: DrawData = {
			kind: 'knockout',
			checkedInOnly,
			entries,
			size: result.size,
			slots: result.slots,
			thirdPlace: config.thirdPlace
		};
		await tx.draw.create({ data: { ...base, stage: 'knockout', data: JSON.stringify(data) } });
		await createKnockoutMatches(tx, category, format, config, drawId, result.slots);
	} else if (format === 'swiss') {
		const players = swissPlayers(entries, seedString);
		const pairings = pairRound({ players: await markAbsent(tx, category.id, 1, players), history: [], totalRounds: config.swissRounds, points: config.points });
		const data: DrawData = { kind: 'swiss', checkedInOnly, entries, players, pairings };
		await tx.draw.create({ data: { ...base, stage: 'swiss', round: 1, data: JSON.stringify(data) } });
		await createSwissMatches(tx, category, format, config, drawId, 1, pairings);
	} else {
		const flights =
			config.flightSize === 0 || config.flightSize >= entries.length
				? [entries.map((e) => e.id)]
				: drawGroups({
						entries: entries.map((e) => ({ id: e.id, street: e.street, ...(e.seed !== null ? { seed: e.seed } : {}) })),
						seed: seedString,
						groupSize: config.flightSize
					}).groups;
		const data: DrawData = { kind: 'total', checkedInOnly, entries, flights };
		await tx.draw.create({ data: { ...base, stage: 'total', data: JSON.stringify(data) } });
		await tx.match.createMany({
			data: flights.map((players, i) => ({
				id: newId(),
				categoryId: category.id,
				drawId,
				stage: 'total',
				round: 1,
				position: i,
				groupLabel: groupLabel(i),
				code: `${category.code} ${groupLabel(i)}`,
				players: JSON.stringify(players),
				...matchFormatColumns(format, config, players)
			}))
		});
	}
	await tx.category.update({ where: { id: category.id }, data: { status: 'drawn' } });
	await audit(tx, actor, {
		action: redraw ? 'draw.redraw' : 'draw.generate',
		entity: 'Category',
		entityId: category.id,
		after: { drawId, seedString, checkedInOnly, entries: entries.length }
	});
	return { drawId, seedString, redraw };
}

/** Closes registration for one category (status 'open' → 'closed'), so it can be drawn. Audited. */
export async function closeCategory(tx: Tx, actor: Actor, input: { categoryId: string }): Promise<{ status: string }> {
	const category = await loadCategory(tx, input.categoryId);
	if (category.status !== 'open') throw userError('CONFLICT', 'competition.refused.not_open');
	await tx.category.update({ where: { id: category.id }, data: { status: 'closed' } });
	await audit(tx, actor, {
		action: 'category.close',
		entity: 'Category',
		entityId: category.id,
		before: { status: 'open' },
		after: { status: 'closed' }
	});
	return { status: 'closed' };
}

/** Swiss starting ranks: seeded entries first by seed, the rest in an order drawn by lot. */
function swissPlayers(entries: DrawEntry[], seedString: string): SwissPlayer[] {
	const seeded = entries.filter((e) => e.seed !== null).sort((x, y) => (x.seed as number) - (y.seed as number));
	const unseeded = entries.filter((e) => e.seed === null);
	// a knockout draw of the unseeded gives a reproducible lot order from the seed string
	const lot =
		unseeded.length > 1
			? drawKnockout({ entries: unseeded.map((e) => ({ id: e.id })), seed: `swiss:${seedString}` }).slots.filter(
					(s): s is string => s !== null
				)
			: unseeded.map((e) => e.id);
	return [...seeded.map((e) => e.id), ...lot].map((id, i) => ({ id, seed: i + 1 }));
}

async function createGroupMatches(
	tx: Tx,
	category: CategoryRow,
	format: CategoryFormat,
	config: FormatConfig,
	drawId: string,
	groups: string[][]
): Promise<void> {
	const cols = matchFormatColumns(format, config);
	const rows = groups.flatMap((ids, g) =>
		roundRobinRounds(ids).flatMap((round, r) =>
			round.pairs.map(([a, b], i) => ({
				id: newId(),
				categoryId: category.id,
				drawId,
				stage: 'group',
				round: r + 1,
				groupLabel: groupLabel(g),
				position: i,
				code: `${category.code} ${groupLabel(g)}${r + 1}-${i + 1}`,
				entryAId: a,
				entryBId: b,
				...cols
			}))
		)
	);
	await tx.match.createMany({ data: rows });
}

/**
 * Creates every match of a bracket with its links (winner → next match, semi-final loser →
 * third-place match), and lets byes advance at once. Returns the ids created.
 */
export async function createKnockoutMatches(
	tx: Tx,
	category: CategoryRow,
	format: CategoryFormat,
	config: FormatConfig,
	drawId: string,
	slots: ReadonlyArray<string | null>
): Promise<string[]> {
	const size = slots.length;
	const bracket = bracketRounds(size, { thirdPlace: config.thirdPlace });
	const rounds = bracket.length;
	const ids = new Map<string, string>();
	const key = (round: number, index: number) => `${round}:${index}`;
	for (const round of bracket) for (const m of round) ids.set(key(m.round, m.index), newId());
	const cols = matchFormatColumns(format, config);
	const now = new Date();
	type Row = {
		id: string;
		round: number;
		index: number;
		stage: string;
		entryAId: string | null;
		entryBId: string | null;
		status: string;
		winnerEntryId: string | null;
		nextMatchId: string | null;
		nextSide: string | null;
		loserMatchId: string | null;
		loserSide: string | null;
		finishedAt: Date | null;
		thirdPlace: boolean;
	};
	const rows = new Map<string, Row>();
	for (const round of bracket) {
		for (const m of round) {
			const third = m.stage === 'thirdPlace';
			const last = m.round === rounds;
			const semi = m.round === rounds - 1 && config.thirdPlace && rounds >= 2;
			rows.set(key(m.round, m.index), {
				id: ids.get(key(m.round, m.index)) as string,
				round: m.round,
				index: m.index,
				stage: third ? 'thirdPlace' : 'knockout',
				entryAId: m.a.type === 'slot' ? (slots[m.a.slot] ?? null) : null,
				entryBId: m.b.type === 'slot' ? (slots[m.b.slot] ?? null) : null,
				status: 'scheduled',
				winnerEntryId: null,
				nextMatchId: last ? null : (ids.get(key(m.round + 1, m.index >> 1)) ?? null),
				nextSide: last ? null : m.index % 2 === 0 ? 'A' : 'B',
				loserMatchId: semi ? (ids.get(key(rounds, 1)) ?? null) : null,
				loserSide: semi ? (m.index === 0 ? 'A' : 'B') : null,
				finishedAt: null,
				thirdPlace: third
			});
		}
	}
	// byes: a first-round match with one player advances that player now
	for (const m of bracket[0] ?? []) {
		const row = rows.get(key(1, m.index)) as Row;
		const only = row.entryAId === null ? row.entryBId : row.entryBId === null ? row.entryAId : null;
		if (row.entryAId !== null && row.entryBId !== null) continue;
		row.status = 'bye';
		row.finishedAt = now;
		row.winnerEntryId = only;
		if (only !== null && rounds > 1) {
			const next = rows.get(key(2, m.index >> 1)) as Row;
			if (row.nextSide === 'A') next.entryAId = only;
			else next.entryBId = only;
		}
	}
	await tx.match.createMany({
		data: [...rows.values()].map((r) => ({
			id: r.id,
			categoryId: category.id,
			drawId,
			stage: r.stage,
			round: r.round,
			position: r.index,
			code: `${category.code} ${bracketLabel(rounds, r.round, r.index, r.thirdPlace)}`,
			entryAId: r.entryAId,
			entryBId: r.entryBId,
			status: r.status,
			winnerEntryId: r.winnerEntryId,
			nextMatchId: r.nextMatchId,
			nextSide: r.nextSide,
			loserMatchId: r.loserMatchId,
			loserSide: r.loserSide,
			finishedAt: r.finishedAt,
			...cols
		}))
	});
	return [...rows.values()].map((r) => r.id);
}

async function createSwissMatches(
	tx: Tx,
	category: CategoryRow,
	format: CategoryFormat,
	config: FormatConfig,
	drawId: string,
	round: number,
	pairings: SwissPairing[]
): Promise<void> {
	const cols = matchFormatColumns(format, config);
	const now = new Date();
	await tx.match.createMany({
		data: pairings.map((p, i) => ({
			id: newId(),
			categoryId: category.id,
			drawId,
			stage: 'swiss',
			round,
			position: i,
			code: `${category.code} R${round}-${i + 1}`,
			entryAId: p.red,
			entryBId: p.black,
			...cols,
			...(p.black === null ? { status: 'bye', winnerEntryId: p.red, finishedAt: now } : {})
		}))
	});
}

/**
 * The Swiss history (published rounds, in order) from the match results and the absences
 * announced for those rounds. A walkover is a forfeit (弃权), not a played game: the side that
 * did not come forfeits ('forfeitRed' / 'forfeitBlack', 'forfeitBoth' with no winner).
 */
export async function swissHistory(
	tx: Pick<Tx, 'match' | 'roundAbsence'>,
	categoryId: string
): Promise<{ rounds: SwissGame[][]; open: number; lastRound: number }> {
	const [matches, absences] = await Promise.all([
		tx.match.findMany({
			where: { categoryId, stage: 'swiss', draw: { publishedAt: { not: null } } },
			select: { round: true, position: true, entryAId: true, entryBId: true, status: true, winnerEntryId: true },
			orderBy: [{ round: 'asc' }, { position: 'asc' }]
		}),
		tx.roundAbsence.findMany({ where: { categoryId }, select: { entryId: true, round: true, points: true }, orderBy: [{ round: 'asc' }, { entryId: 'asc' }] })
	]);
	const rounds: SwissGame[][] = [];
	let open = 0;
	let lastRound = 0;
	for (const m of matches) {
		lastRound = Math.max(lastRound, m.round);
		const list = (rounds[m.round - 1] ??= []);
		if (!m.entryAId) continue;
		if (m.entryBId === null) {
			list.push({ red: m.entryAId, black: null, outcome: 'bye' });
			continue;
		}
		if (!isDone(m.status)) {
			open++;
			continue;
		}
		const red = m.winnerEntryId === m.entryAId;
		const black = m.winnerEntryId === m.entryBId;
		const outcome: SwissGame['outcome'] =
			m.status === 'walkover'
				? red
					? 'forfeitBlack'
					: black
						? 'forfeitRed'
						: 'forfeitBoth'
				: red
					? 'red'
					: black
						? 'black'
						: 'draw';
		list.push({ red: m.entryAId, black: m.entryBId, outcome });
	}
	for (let i = 0; i < rounds.length; i++) rounds[i] ??= [];
	// absences of the rounds paired and published so far (later ones only affect pairing)
	for (const a of absences) {
		if (a.round > rounds.length) continue;
		rounds[a.round - 1]!.push({ red: a.entryId, black: null, outcome: a.points === 'half' ? 'halfBye' : 'zeroBye' });
	}
	return { rounds, open, lastRound };
}

/** The Swiss players with their starting ranks (from round 1) and withdrawals now. */
export async function swissField(tx: Pick<Tx, 'draw' | 'entry'>, categoryId: string): Promise<SwissPlayer[]> {
	const first = await tx.draw.findFirst({ where: { categoryId, stage: 'swiss', round: 1 }, select: { data: true } });
	if (!first) return [];
	const data = JSON.parse(first.data) as Extract<DrawData, { kind: 'swiss' }>;
	const withdrawn = new Set(
		(
			await tx.entry.findMany({
				where: { id: { in: data.players.map((p) => p.id) }, status: 'withdrawn' },
				select: { id: true }
			})
		).map((e) => e.id)
	);
	return data.players.map((p) => ({ id: p.id, seed: p.seed, ...(withdrawn.has(p.id) ? { withdrawn: true } : {}) }));
}

/** The field for pairing `round`: players announced absent for that round are marked absent. */
async function markAbsent(tx: Pick<Tx, 'roundAbsence'>, categoryId: string, round: number, players: SwissPlayer[]): Promise<SwissPlayer[]> {
	const absent = new Set(
		(await tx.roundAbsence.findMany({ where: { categoryId, round }, select: { entryId: true } })).map((a) => a.entryId)
	);
	return absent.size === 0 ? players : players.map((p) => (absent.has(p.id) ? { ...p, absent: true } : p));
}

/**
 * Pairs the next Swiss round (unpublished, for the organizer to check and publish). Refused
 * with the reason while the category is not published, a round is still unpublished, or a
 * game of the previous round is unfinished.
 */
export async function pairNextSwissRound(
	tx: Tx,
	actor: Actor,
	input: { categoryId: string }
): Promise<{ drawId: string; round: number; redraw: boolean }> {
	const category = await loadCategory(tx, input.categoryId);
	const { format, config } = categorySettings(category);
	if (format !== 'swiss') throw userError('BAD_REQUEST', 'competition.refused.not_swiss');
	if (category.status !== 'published') {
		throw userError('CONFLICT', category.status === 'finished' ? 'competition.refused.finished' : 'competition.refused.not_published');
	}
	const redraw = (await discardUnpublished(tx, category.id)) > 0;
	const history = await swissHistory(tx, category.id);
	if (history.open > 0) {
		throw userError('CONFLICT', 'competition.refused.round_unfinished', { round: history.lastRound, open: history.open });
	}
	const players = await swissField(tx, category.id);
	const round = history.rounds.length + 1;
	if (round > config.swissRounds) {
		throw userError('CONFLICT', 'competition.refused.rounds_complete', { rounds: config.swissRounds });
	}
	const pairings = pairRound({
		players: await markAbsent(tx, category.id, round, players),
		history: history.rounds,
		totalRounds: config.swissRounds,
		points: config.points
	});
	const seedString = `round-${round}`;
	const drawId = newId();
	const data: DrawData = { kind: 'swiss', players, pairings };
	await tx.draw.create({
		data: { id: drawId, categoryId: category.id, stage: 'swiss', round, seedString, createdById: actor.id, data: JSON.stringify(data) }
	});
	await createSwissMatches(tx, category, format, config, drawId, round, pairings);
	await audit(tx, actor, { action: 'draw.swiss_pair', entity: 'Category', entityId: category.id, after: { drawId, round } });
	return { drawId, round, redraw };
}

/**
 * Swaps two players of an unpublished Swiss round (the chief arbiter's manual change). Returns
 * the rule warnings; with warnings the swap happens only when `confirm` is true. Audited.
 */
export async function swapSwissPlayers(
	tx: Tx,
	actor: Actor,
	input: { categoryId: string; entryX: string; entryY: string; confirm: boolean }
): Promise<{ applied: boolean; warnings: SwissWarning[] }> {
	const draw = await tx.draw.findFirst({
		where: { categoryId: input.categoryId, stage: 'swiss', publishedAt: null },
		orderBy: { round: 'desc' }
	});
	if (!draw) throw userError('CONFLICT', 'competition.refused.no_unpublished_round');
	const data = JSON.parse(draw.data) as Extract<DrawData, { kind: 'swiss' }>;
	const swap = (id: string | null) => (id === input.entryX ? input.entryY : id === input.entryY ? input.entryX : id);
	const inRound = (id: string) => data.pairings.some((p) => p.red === id || p.black === id);
	if (input.entryX === input.entryY || !inRound(input.entryX) || !inRound(input.entryY)) {
		throw userError('BAD_REQUEST', 'competition.refused.swap_players');
	}
	const pairings = data.pairings.map((p) => {
		const red = swap(p.red) as string;
		const black = swap(p.black);
		// a bye always sits on the red side
		return { red, black };
	});
	const history = await swissHistory(tx, input.categoryId);
	const players = await markAbsent(tx, input.categoryId, draw.round, await swissField(tx, input.categoryId));
	const warnings = checkSwissPairing({ players, history: history.rounds, pairings });
	if (warnings.length > 0 && !input.confirm) return { applied: false, warnings };
	const category = await loadCategory(tx, input.categoryId);
	const { format, config } = categorySettings(category);
	await tx.match.deleteMany({ where: { drawId: draw.id } });
	await createSwissMatches(tx, category, format, config, draw.id, draw.round, pairings);
	await tx.draw.update({ where: { id: draw.id }, data: { data: JSON.stringify({ ...data, pairings, warnings }) } });
	await audit(tx, actor, {
		action: 'draw.swiss_swap',
		entity: 'Draw',
		entityId: draw.id,
		before: { pairings: data.pairings },
		after: { pairings, warnings: warnings.map((w) => w.code), entryX: input.entryX, entryY: input.entryY }
	});
	return { applied: true, warnings };
}

/** Publishes the category's unpublished draw (its first draw, or the next Swiss round). */
export async function publishDraw(tx: Tx, actor: Actor, input: { categoryId: string }): Promise<{ drawIds: string[] }> {
	const category = await loadCategory(tx, input.categoryId);
	const draws = await tx.draw.findMany({ where: { categoryId: category.id, publishedAt: null }, select: { id: true } });
	if (draws.length === 0) throw userError('CONFLICT', 'competition.refused.nothing_to_publish');
	const now = new Date();
	await tx.draw.updateMany({ where: { id: { in: draws.map((d) => d.id) } }, data: { publishedAt: now } });
	if (category.status === 'drawn') {
		await tx.category.update({ where: { id: category.id }, data: { status: 'published' } });
	}
	await audit(tx, actor, {
		action: 'draw.publish',
		entity: 'Category',
		entityId: category.id,
		after: { drawIds: draws.map((d) => d.id) }
	});
	return { drawIds: draws.map((d) => d.id) };
}

/** Creates the knockout draw from the groups' qualifiers (published at once). */
export async function createKnockoutFromGroups(
	tx: Tx,
	categoryId: string,
	qualifiers: GroupQualifiers[],
	groupsSeed: string
): Promise<string[]> {
	const category = await loadCategory(tx, categoryId);
	const { format, config } = categorySettings(category);
	const ids = qualifiers.flatMap((g) => g.qualifiers);
	const entries = await tx.entry.findMany({
		where: { id: { in: ids } },
		select: { id: true, seed: true, athlete: { select: { streetId: true } } }
	});
	const streets = Object.fromEntries(entries.map((e) => [e.id, e.athlete.streetId]));
	const seedString = `${groupsSeed}/knockout`;
	const result = placeGroupQualifiers({ groups: qualifiers, streets, seed: seedString });
	const drawId = newId();
	const data: DrawData = {
		kind: 'knockout',
		entries: entries.map((e) => ({ id: e.id, seed: e.seed, street: e.athlete.streetId })),
		size: result.size,
		slots: result.slots,
		thirdPlace: config.thirdPlace,
		fromGroups: qualifiers
	};
	await tx.draw.create({
		data: { id: drawId, categoryId, stage: 'knockout', seedString, data: JSON.stringify(data), publishedAt: new Date() }
	});
	return createKnockoutMatches(tx, category, format, config, drawId, result.slots);
}
