/**
 * Factories for the competition tests: a category with approved entries from several streets,
 * and a helper that finishes a match the way the scoring service does (status, winner, summary,
 * then `onMatchFinished` in the same transaction).
 */
import type { Db } from '../../src/lib/server/db';
import { onMatchFinished } from '../../src/lib/server/competition/progress';
import { sealPerson } from '../../src/lib/server/privacy/person';

let counter = 0;

export async function createCategory(
	db: Db,
	options: {
		format: 'groupsKnockout' | 'knockout' | 'swiss' | 'darts501Knockout' | 'dartsTotal';
		entries: number;
		config?: Record<string, unknown>;
		status?: string;
		streets?: number;
		seeds?: number;
		checkedIn?: number;
	}
): Promise<{ categoryId: string; entryIds: string[] }> {
	const n = ++counter;
	const edition = await db.edition.findFirstOrThrow({ where: { current: true } });
	const sportKey = options.format === 'swiss' ? 'xiangqi' : options.format.startsWith('darts') ? 'darts' : 'tableTennis';
	const sport = await db.sport.findUniqueOrThrow({ where: { key: sportKey } });
	const category = await db.category.create({
		data: {
			editionId: edition.id,
			sportId: sport.id,
			code: `T${n}-${options.format.slice(0, 4)}`,
			nameZh: `测试项目${n}`,
			nameEn: `Test category ${n}`,
			format: options.format,
			formatConfig: JSON.stringify(options.config ?? {}),
			status: options.status ?? 'closed'
		}
	});
	const streets = await db.street.findMany({ orderBy: { sortOrder: 'asc' }, take: options.streets ?? 5 });
	const entryIds: string[] = [];
	for (let i = 0; i < options.entries; i++) {
		const street = streets[i % streets.length]!;
		const athlete = await db.athlete.create({
			data: {
				editionId: edition.id,
				streetId: street.id,
				referenceCode: `REF${n}X${i}`,
				name: `选手${n}-${i + 1}`,
				...sealPerson({ residentId: `T${String(n).padStart(5, '0')}${String(i).padStart(12, '0')}`, certificateNo: `CERT${n}-${i}` }),
				birthDate: '1990-01-01',
				gender: 'male',
				disabilityCategory: 2,
				disabilityGrade: 3
			}
		});
		const entry = await db.entry.create({
			data: {
				athleteId: athlete.id,
				categoryId: category.id,
				status: 'approved',
				seed: i < (options.seeds ?? 0) ? i + 1 : null,
				checkedInAt: i < (options.checkedIn ?? options.entries) ? new Date() : null
			}
		});
		entryIds.push(entry.id);
	}
	return { categoryId: category.id, entryIds };
}

/** Finishes a match with `winner` ('A' or 'B'), as the scoring service would. */
export async function finishMatch(db: Db, matchId: string, winner: 'A' | 'B', games: Array<{ a: number; b: number }> = []): Promise<string[]> {
	return db.$transaction(async (tx) => {
		const match = await tx.match.findUniqueOrThrow({ where: { id: matchId } });
		const winnerEntryId = winner === 'A' ? match.entryAId : match.entryBId;
		if (!winnerEntryId) throw new Error(`match ${match.code} has no side ${winner}`);
		const format = JSON.parse(match.format) as { sport: string };
		const played =
			games.length > 0 ? games : winner === 'A' ? [{ a: 11, b: 5 }, { a: 11, b: 6 }, { a: 11, b: 7 }] : [{ a: 5, b: 11 }, { a: 6, b: 11 }, { a: 7, b: 11 }];
		const summary =
			format.sport === 'xiangqi'
				? { finished: true, winner, outcome: winner, points: winner === 'A' ? { a: 2, b: 0 } : { a: 0, b: 2 } }
				: {
						finished: true,
						winner,
						games: played,
						gamesWon: {
							a: played.filter((g) => g.a > g.b).length,
							b: played.filter((g) => g.b > g.a).length
						}
					};
		await tx.match.update({
			where: { id: matchId },
			data: { status: 'finished', winnerEntryId, finishedAt: new Date(), summary: JSON.stringify(summary) }
		});
		return onMatchFinished(tx, matchId);
	});
}

/** Records a drawn xiangqi game (no winner). */
export async function drawGame(db: Db, matchId: string): Promise<string[]> {
	return db.$transaction(async (tx) => {
		await tx.match.update({
			where: { id: matchId },
			data: {
				status: 'finished',
				winnerEntryId: null,
				finishedAt: new Date(),
				summary: JSON.stringify({ finished: true, winner: null, outcome: 'draw', points: { a: 1, b: 1 } })
			}
		});
		return onMatchFinished(tx, matchId);
	});
}
