/**
 * Demo data of the art showcase (called by `seedDemo`): the three media and one performance
 * category, an entry window open now, and a calligraphy panel of three jurors (juror1 from the
 * demo seed plus juror2, juror3). No demo works: works need real images, and start-up stays fast.
 */
import type { Db } from '../db';

export const DEMO_ART_CATEGORIES = [
	{ key: 'calligraphy', nameZh: '书法', nameEn: 'Calligraphy', kind: 'visual', streetQuota: 3, sortOrder: 1 },
	{ key: 'painting', nameZh: '绘画', nameEn: 'Painting', kind: 'visual', streetQuota: 3, sortOrder: 2 },
	{ key: 'photography', nameZh: '摄影', nameEn: 'Photography', kind: 'visual', streetQuota: 3, sortOrder: 3 },
	{ key: 'wheelchair-dance', nameZh: '轮椅舞蹈', nameEn: 'Wheelchair dance', kind: 'performance', streetQuota: 1, sortOrder: 4 }
] as const;

/** Idempotent: categories by key, jurors by username, the panel only when the category has none. */
export async function seedArtDemo(db: Db, editionId: string, passwordHash: string): Promise<string[]> {
	const edition = await db.edition.findUniqueOrThrow({ where: { id: editionId } });
	if (!edition.artOpensAt || !edition.artClosesAt) {
		const now = Date.now();
		await db.edition.update({
			where: { id: editionId },
			data: { artOpensAt: new Date(now - 86_400_000), artClosesAt: new Date(now + 60 * 86_400_000) }
		});
	}
	for (const category of DEMO_ART_CATEGORIES) {
		await db.artCategory.upsert({
			where: { editionId_key: { editionId, key: category.key } },
			create: { ...category, editionId },
			update: {}
		});
	}
	const streets = await db.street.findMany({ orderBy: { sortOrder: 'asc' }, skip: 1, take: 1 });
	const created: string[] = [];
	for (const [username, displayName, streetId] of [
		['juror2', '评委二', streets[0]?.id ?? null],
		['juror3', '评委三', null]
	] as const) {
		if (!(await db.user.findUnique({ where: { username } }))) {
			await db.user.create({ data: { username, displayName, role: 'juror', streetId, passwordHash, mustChangePassword: true } });
			created.push(username);
		}
	}
	const calligraphy = await db.artCategory.findUniqueOrThrow({ where: { editionId_key: { editionId, key: 'calligraphy' } } });
	if ((await db.juryPanel.count({ where: { artCategoryId: calligraphy.id } })) === 0) {
		const jurors = await db.user.findMany({ where: { username: { in: ['juror1', 'juror2', 'juror3'] } }, select: { id: true } });
		await db.juryPanel.create({
			data: {
				artCategoryId: calligraphy.id,
				name: '书法评审组',
				scaleMin: 0,
				scaleMax: 100,
				scaleStep: 1,
				jurors: { create: jurors.map((j) => ({ userId: j.id })) }
			}
		});
	}
	return created;
}
