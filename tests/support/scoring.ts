/**
 * Data factories for the scoring tests and the benchmark: a category with two (or more)
 * entries and a match between them, assigned to a referee, at a table. Writes rows directly
 * (the draws feature creates matches in the app; these tests need only the contract).
 */
import type { Db } from '../../src/lib/server/db';
import type { MatchFormat } from '../../src/lib/domain/scoring/matchLog';
import { sealPerson } from '../../src/lib/server/privacy/person';

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(++counter).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

const sportOf: Record<string, string> = {
	tableTennis: 'tableTennis',
	darts: 'darts',
	dartsTotal: 'darts',
	xiangqi: 'xiangqi'
};

export const formats = {
	tableTennis: (bestOf: 3 | 5 | 7 = 5): MatchFormat => ({ sport: 'tableTennis', bestOf, firstServer: 'A' }),
	darts: (legsToWin = 1): MatchFormat => ({ sport: 'darts', start: 501, legsToWin, doubleOut: true }),
	xiangqi: (): MatchFormat => ({ sport: 'xiangqi', points: { win: 2, draw: 1, loss: 0 } }),
	/** The players are filled in by createScoringMatch. */
	dartsTotal: (rounds = 3): MatchFormat => ({ sport: 'dartsTotal', rounds, players: [] }) as MatchFormat
};

export interface ScoringFixture {
	matchId: string;
	categoryId: string;
	entryAId: string;
	entryBId: string;
	tableId: string;
	names: { a: string; b: string };
}

async function ensureSport(db: Db, key: string) {
	return db.sport.upsert({ where: { key }, update: {}, create: { key, nameZh: key, nameEn: key } });
}

async function ensureTable(db: Db, editionId: string, label: string) {
	let venue = await db.venue.findFirst({ where: { editionId, nameEn: 'Scoring test hall' } });
	venue ??= await db.venue.create({ data: { editionId, nameZh: '记分测试馆', nameEn: 'Scoring test hall' } });
	return db.venueTable.upsert({
		where: { venueId_kind_label: { venueId: venue.id, kind: 'table', label } },
		update: {},
		create: { venueId: venue.id, kind: 'table', label, sortOrder: Number(label) || 0 }
	});
}

/** Creates a match of `format` between two new athletes, assigned to `refereeId`. */
export async function createScoringMatch(
	db: Db,
	options: {
		format: MatchFormat;
		refereeId: string | null;
		names?: { a: string; b: string };
		tableLabel?: string;
		code?: string;
		slot?: number;
		/** More players of a darts total-score flight (beyond names.a and names.b). */
		more?: string[];
	}
): Promise<ScoringFixture> {
	const edition = await db.edition.findFirstOrThrow({ where: { current: true } });
	const sport = await ensureSport(db, sportOf[options.format.sport] ?? options.format.sport);
	const streets = await db.street.findMany({ orderBy: { sortOrder: 'asc' }, take: 2 });
	const id = unique();
	const category = await db.category.create({
		data: {
			editionId: edition.id,
			sportId: sport.id,
			code: `SC-${id}`,
			nameZh: `记分测试 ${id}`,
			nameEn: `Scoring test ${id}`,
			format: options.format.sport === 'xiangqi' ? 'swiss' : 'knockout',
			status: 'drawn'
		}
	});
	const names = options.names ?? { a: `甲${id.slice(-4)}`, b: `乙${id.slice(-4)}` };
	const entry = async (name: string, i: number) => {
		const athlete = await db.athlete.create({
			data: {
				editionId: edition.id,
				streetId: streets[i % streets.length]!.id,
				referenceCode: `R${id}${i}`.toUpperCase(),
				name,
				...sealPerson({ residentId: `T${id}${i}`, certificateNo: `CERT${id}${i}` }),
				birthDate: '1980-01-01',
				gender: i % 2 ? 'female' : 'male',
				disabilityCategory: 4,
				disabilityGrade: 3
			}
		});
		return db.entry.create({ data: { athleteId: athlete.id, categoryId: category.id, status: 'approved' } });
	};
	const a = await entry(names.a, 0);
	const b = await entry(names.b, 1);
	let format = options.format;
	let players: string[] | undefined;
	if (format.sport === 'dartsTotal') {
		const more = [];
		for (const [i, extra] of (options.more ?? []).entries()) more.push(await entry(extra, i + 2));
		players = [a.id, b.id, ...more.map((e) => e.id)];
		format = { ...format, players } as MatchFormat;
	}
	const table = await ensureTable(db, edition.id, options.tableLabel ?? '1');
	const match = await db.match.create({
		data: {
			categoryId: category.id,
			stage: 'knockout',
			code: options.code ?? `M-${id}`,
			entryAId: a.id,
			entryBId: b.id,
			format: JSON.stringify(format),
			...(players ? { players: JSON.stringify(players) } : {}),
			refereeId: options.refereeId,
			venueTableId: table.id,
			slot: options.slot ?? null
		}
	});
	return { matchId: match.id, categoryId: category.id, entryAId: a.id, entryBId: b.id, tableId: table.id, names };
}

/** A fresh operation id. */
export function opId(): string {
	return `op_${unique()}_${Math.random().toString(36).slice(2, 10)}`;
}

/** A fresh device id. */
export function deviceId(): string {
	return `dev_${unique()}`;
}
