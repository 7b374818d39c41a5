/**
 * The demo competition: a few demo categories drawn and published, the order of play planned at
 * both venues with referee1/referee2 on the first two tables and referee3/referee4 on the first
 * two boards (one table each, so no referee is in two places), the first matches played
 * (with real engine events, so replays agree) and the next ones live — so `npm start` shows a
 * running competition. Deterministic and idempotent: does nothing once the edition has a draw.
 */
import type { Db } from '../db';
import { engineFor, type SportKey } from '$lib/domain/scoring/engine';
import { createRng } from '$lib/domain/draws/random';
import { systemActor } from '../audit';
import { generateDraw, publishDraw } from './draws';
import { onMatchFinished } from './progress';
import { assignTableReferee, planVenue } from './schedule';
import { DEFAULT_TIME_ZONE, fromZonedInput, isTimeZone } from '$lib/i18n/time';

const DEMO_DRAWS = ['TT-MS', 'TT-WW', 'XQ-M', 'DT-S'];
/** The demo's referees (seeded with the staff accounts), one table each. */
export const DEMO_REFEREES = ['referee1', 'referee2', 'referee3', 'referee4'];

export async function seedDemoCompetition(db: Db): Promise<void> {
	const edition = await db.edition.findFirst({ where: { current: true } });
	if (!edition) return;
	if ((await db.draw.count({ where: { category: { editionId: edition.id } } })) > 0) return;
	const categories = await db.category.findMany({ where: { editionId: edition.id, code: { in: DEMO_DRAWS } } });
	if (categories.length === 0) return;
	const rng = createRng('demo-competition');
	for (const c of categories) {
		try {
			await db.$transaction(async (tx) => {
				await tx.category.update({ where: { id: c.id }, data: { status: 'closed' } });
				await generateDraw(tx, systemActor, { categoryId: c.id, seedString: `demo-${c.code}` });
				await publishDraw(tx, systemActor, { categoryId: c.id });
			});
		} catch (error) {
			console.warn(`[demo] no draw for ${c.code}:`, error instanceof Error ? error.message : error);
		}
	}
	const venues = await db.venue.findMany({
		where: { editionId: edition.id },
		include: { tables: { orderBy: { sortOrder: 'asc' } } }
	});
	const referees = await db.user.findMany({ where: { username: { in: DEMO_REFEREES } }, orderBy: { username: 'asc' } });
	// 09:00 on the edition's clock on the opening day
	const zone = isTimeZone(edition.timeZone) ? edition.timeZone : DEFAULT_TIME_ZONE;
	const startAt = (fromZonedInput(`${edition.startsOn}T09:00`, zone) as Date).toISOString();
	// a referee is at one table at a time: each gets a table of their own (the first two tables,
	// then the first two boards), never one in each venue
	let next = 0;
	for (const venue of venues) {
		await db.$transaction((tx) => planVenue(tx, systemActor, { venueId: venue.id, startAt, slotMinutes: 20, minRestSlots: 1 }));
		for (const kind of ['table', 'board']) {
			for (const table of venue.tables.filter((t) => t.kind === kind).slice(0, 2)) {
				const referee = referees[next++];
				if (!referee) break;
				await db.$transaction((tx) => assignTableReferee(tx, systemActor, { venueTableId: table.id, refereeId: referee.id }));
			}
		}
	}
	// the first slot is played, the second is under way on the tables with a referee
	const matches = await db.match.findMany({
		where: { category: { editionId: edition.id }, slot: { in: [0, 1] }, status: 'scheduled' },
		orderBy: [{ slot: 'asc' }, { code: 'asc' }]
	});
	for (const m of matches) {
		if (m.slot === 0) await play(db, m.id, rng, true);
		else if (m.refereeId) await play(db, m.id, rng, false);
	}
}

/** Plays a match with engine events: to the end, or part of it (then it is live). */
async function play(db: Db, matchId: string, rng: () => number, finish: boolean): Promise<void> {
	await db.$transaction(async (tx) => {
		const match = await tx.match.findUniqueOrThrow({ where: { id: matchId } });
		if (!match.entryAId || !match.entryBId) return;
		const { sport, ...format } = JSON.parse(match.format) as { sport: SportKey };
		const engine = engineFor(sport);
		let state = engine.init(format as never);
		const events: unknown[] = [];
		const winner = rng() < 0.5 ? 'A' : 'B';
		const step = (event: unknown) => {
			state = engine.apply(state, event as never);
			events.push(event);
		};
		const done = () => (engine.summary(state) as { finished: boolean }).finished;
		if (sport === 'xiangqi') {
			if (finish) step({ type: 'result', outcome: rng() < 0.2 ? 'draw' : winner });
		} else if (sport === 'tableTennis') {
			const limit = finish ? Infinity : 25;
			while (!done() && events.length < limit) step({ type: 'point', side: rng() < (winner === 'A' ? 0.6 : 0.4) ? 'A' : 'B' });
		} else if (sport === 'darts') {
			const limit = finish ? Infinity : 6;
			let side: 'A' | 'B' = 'A';
			while (!done() && events.length < limit) {
				const s = engine.summary(state) as { remaining: { a: number; b: number }; onThrow: 'A' | 'B' | null };
				side = s.onThrow ?? side;
				const left = side === 'A' ? s.remaining.a : s.remaining.b;
				const good = side === winner;
				if (left <= 40 && left % 2 === 0 && (good || rng() < 0.3)) step({ type: 'turn', side, scored: left, finishedOnDouble: true });
				else step({ type: 'turn', side, scored: Math.min(left - 2 > 0 ? left - 2 : 0, Math.floor(40 + rng() * (good ? 80 : 50))) });
			}
		} else return;
		for (const [i, event] of events.entries()) {
			await tx.matchEvent.create({
				data: { matchId, seq: i + 1, opId: `demo:${matchId}:${i + 1}`, event: JSON.stringify(event), actorId: match.refereeId }
			});
		}
		const summary = engine.summary(state) as { finished: boolean; winner: 'A' | 'B' | null };
		const now = new Date();
		await tx.match.update({
			where: { id: matchId },
			data: {
				version: events.length,
				summary: JSON.stringify(summary),
				startedAt: now,
				...(summary.finished
					? {
							status: 'finished',
							finishedAt: now,
							winnerEntryId: summary.winner === 'A' ? match.entryAId : summary.winner === 'B' ? match.entryBId : null
						}
					: { status: 'live' })
			}
		});
		if (summary.finished) await onMatchFinished(tx, matchId);
	});
}
