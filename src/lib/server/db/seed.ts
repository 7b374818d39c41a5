/**
 * Seed data. `seedBase` (the 43 streets, the sports, a current games edition) is safe to run on
 * every start; `seedDemo` adds venues and staff accounts so a newcomer can try every role;
 * `ensureOrganizer` creates the first organizer from ADMIN_USERNAME/ADMIN_PASSWORD or, for the
 * demo, with a one-time password that the start-up prints.
 */
import type { Db } from './index';
import streets from '../../../../prisma/seed/streets.json' with { type: 'json' };
import { generatePassword, hashPassword } from '../auth/password';
import { audit, systemActor } from '../audit';
import { seedArtDemo } from '../art/seed';
import { seedArtWorks } from '../art/demoWorks';
import { artConfig } from '../art/config';
import { seedDemoProgramme } from '../registration/demo';
import { seedDemoCompetition } from '../competition/demo';
import { DEFAULT_TIME_ZONE, zonedDate } from '../../i18n/time';

export const SPORTS = [
	{ key: 'tableTennis', nameZh: '乒乓球', nameEn: 'Table tennis', sortOrder: 1 },
	{ key: 'xiangqi', nameZh: '中国象棋', nameEn: 'Xiangqi (Chinese chess)', sortOrder: 2 },
	{ key: 'darts', nameZh: '飞镖', nameEn: 'Darts', sortOrder: 3 }
] as const;

/** Streets, sports and a current edition; idempotent (upserts by their stable keys). */
export async function seedBase(db: Db): Promise<void> {
	for (const [index, street] of streets.entries()) {
		const data = { nameZh: street.nameZh, nameEn: street.nameEn, kind: street.kind, sortOrder: index + 1 };
		await db.street.upsert({ where: { code: street.code }, create: { code: street.code, ...data }, update: data });
	}
	for (const sport of SPORTS) {
		await db.sport.upsert({ where: { key: sport.key }, create: sport, update: {} });
	}
	if ((await db.edition.count()) === 0) {
		// this year on the games' clock (the edition is created with the default zone)
		const year = zonedDate(new Date(), DEFAULT_TIME_ZONE).slice(0, 4);
		await db.edition.create({
			data: {
				slug: `${year}`,
				nameZh: `${year}年区残疾人运动会`,
				nameEn: `${year} District Games for Persons with Disabilities`,
				startsOn: `${year}-12-12`,
				endsOn: `${year}-12-13`,
				current: true
			}
		});
	}
}

/** Venues with tables/boards/lanes and demo staff accounts, only into an empty demo database. */
export async function seedDemo(db: Db, password: string): Promise<string[]> {
	if ((await db.venue.count()) > 0) {
		await seedDemoProgramme(db); // idempotent: only when the edition has no categories yet
		await seedDemoCompetition(db); // idempotent: only when the edition has no draw yet
		return [];
	}
	const edition = await db.edition.findFirstOrThrow({ where: { current: true } });
	await db.edition.update({
		where: { id: edition.id },
		data: {
			nameZh: '第七届区残疾人运动会',
			nameEn: '7th District Games for Persons with Disabilities'
		}
	});
	const hall = await db.venue.create({
		data: { editionId: edition.id, nameZh: '区全民健身中心', nameEn: 'District Fitness Centre', sortOrder: 1 }
	});
	const club = await db.venue.create({
		data: { editionId: edition.id, nameZh: '区残疾人活动中心', nameEn: 'District Disability Activity Centre', sortOrder: 2 }
	});
	for (let i = 1; i <= 8; i++) {
		await db.venueTable.create({ data: { venueId: hall.id, kind: 'table', label: `${i}`, sortOrder: i } });
	}
	for (let i = 1; i <= 12; i++) {
		await db.venueTable.create({ data: { venueId: club.id, kind: 'board', label: `${i}`, sortOrder: i } });
	}
	for (let i = 1; i <= 4; i++) {
		await db.venueTable.create({ data: { venueId: club.id, kind: 'lane', label: `${i}`, sortOrder: 20 + i } });
	}
	const passwordHash = await hashPassword(password);
	const streetRows = await db.street.findMany({ orderBy: { sortOrder: 'asc' }, take: 3 });
	const staff = [
		...streetRows.map((s, i) => ({
			username: `coord${String(i + 1).padStart(2, '0')}`,
			displayName: `${s.nameZh}协调员`,
			role: 'coordinator',
			streetId: s.id
		})),
		{ username: 'referee1', displayName: '裁判员一', role: 'referee', streetId: null },
		{ username: 'referee2', displayName: '裁判员二', role: 'referee', streetId: null },
		{ username: 'referee3', displayName: '裁判员三', role: 'referee', streetId: null },
		{ username: 'referee4', displayName: '裁判员四', role: 'referee', streetId: null },
		{ username: 'juror1', displayName: '评委一', role: 'juror', streetId: streetRows[0]?.id ?? null }
	];
	for (const user of staff) {
		await db.user.create({ data: { ...user, passwordHash, mustChangePassword: true } });
	}
	const artUsers = await seedArtDemo(db, edition.id, passwordHash);
	await audit(db, systemActor, { action: 'seed.demo', entity: 'Edition', entityId: edition.id });
	await seedDemoProgramme(db);
	await seedDemoCompetition(db);
	await seedArtWorks(db, artConfig());
	return [...staff.map((u) => u.username), ...artUsers];
}

/**
 * Makes sure an organizer can log in. With ADMIN_USERNAME/ADMIN_PASSWORD the account is created
 * if missing (an existing account keeps its password). Without them, and only when no organizer
 * exists, an `admin` account with a one-time password is created and the password returned.
 */
export async function ensureOrganizer(
	db: Db,
	admin: { username?: string; password?: string },
	oneTimePassword: string | null
): Promise<{ username: string; password: string } | null> {
	if (admin.username && admin.password) {
		const username = admin.username.toLowerCase();
		if (!(await db.user.findUnique({ where: { username } }))) {
			await db.user.create({
				data: { username, displayName: username, role: 'organizer', passwordHash: await hashPassword(admin.password) }
			});
			await audit(db, systemActor, { action: 'user.create', entity: 'User', after: { username, role: 'organizer' } });
		}
		return null;
	}
	if (!oneTimePassword || (await db.user.count({ where: { role: 'organizer' } })) > 0) return null;
	await db.user.create({
		data: {
			username: 'admin',
			displayName: '管理员',
			role: 'organizer',
			passwordHash: await hashPassword(oneTimePassword),
			mustChangePassword: true
		}
	});
	await audit(db, systemActor, { action: 'user.create', entity: 'User', after: { username: 'admin', role: 'organizer' } });
	return { username: 'admin', password: oneTimePassword };
}

export { generatePassword };
