import path from 'node:path';
import { expect, it } from 'vitest';
import { describeWithDatabase } from '../support/setup';
import { seedDemo } from '../../src/lib/server/db/seed';
import { checkEligibility, type EligibilityRule } from '../../src/lib/domain/registration/eligibility';
import { checkIdentityConsistency } from '../../src/lib/domain/registration/identity';
import { isReferenceCode } from '../../src/lib/domain/registration/reference';
import { isCategoryFormat, parseFormatConfig } from '../../src/lib/server/competition/formatConfig';
import { openPerson } from '../../src/lib/server/privacy/person';
import { filesUnder, useTempUploads } from '../support/art';

const uploads = useTempUploads();

describeWithDatabase('the demo programme', (ctx) => {
	it('seeds categories of all three sports, an open window and about 150 valid, eligible athletes within quotas, once', { timeout: 120_000 }, async () => {
		const { db } = ctx().database;
		await seedDemo(db, 'demo password 123');
		await seedDemo(db, 'demo password 123');
		const edition = await db.edition.findFirstOrThrow({ where: { current: true } });
		const now = Date.now();
		expect(edition.registrationOpensAt!.getTime()).toBeLessThan(now);
		expect(edition.registrationClosesAt!.getTime()).toBeGreaterThan(now);
		// Registration closes before the games start (the eve, 18:00 Beijing time).
		if (new Date(`${edition.startsOn}T00:00:00+08:00`).getTime() - now > 2 * 86_400_000) {
			expect(edition.registrationClosesAt!.getTime()).toBeLessThan(new Date(`${edition.startsOn}T00:00:00+08:00`).getTime());
		}

		const categories = await db.category.findMany({ include: { sport: true } });
		expect(new Set(categories.map((c) => c.sport.key))).toEqual(new Set(['tableTennis', 'xiangqi', 'darts']));
		for (const c of categories) {
			expect(isCategoryFormat(c.format)).toBe(true);
			expect(() => parseFormatConfig(c.formatConfig)).not.toThrow();
		}

		const athletes = await db.athlete.findMany({ include: { entries: true } });
		expect(athletes.length).toBeGreaterThanOrEqual(140);
		expect(new Set(athletes.map((a) => a.streetId)).size).toBeGreaterThan(30);
		const byId = new Map(categories.map((c) => [c.id, c]));
		const perStreet = new Map<string, number>();
		for (const a of athletes) {
			const plain = openPerson(a);
			expect(checkIdentityConsistency(plain.residentId, plain.certificateNo).ok).toBe(true);
			expect(isReferenceCode(a.referenceCode)).toBe(true);
			expect(a.entries.length).toBeLessThanOrEqual(edition.maxEventsPerAthlete);
			for (const e of a.entries) {
				const c = byId.get(e.categoryId)!;
				const rule = JSON.parse(c.eligibility) as EligibilityRule;
				const facts = { birthDate: a.birthDate, gender: a.gender as 'male' | 'female', disabilityCategory: a.disabilityCategory, disabilityGrade: a.disabilityGrade, ...(a.sportClass ? { sportClass: a.sportClass } : {}) };
				expect(checkEligibility(rule, facts)).toEqual({ eligible: true });
				const key = `${c.id}:${a.streetId}`;
				perStreet.set(key, (perStreet.get(key) ?? 0) + 1);
				expect(perStreet.get(key)!).toBeLessThanOrEqual(c.streetQuota ?? Infinity);
			}
		}
		const approved = await db.entry.count({ where: { status: 'approved' } });
		expect(approved).toBeGreaterThan(120);
	});

	it('seeds art works with real images once: published photographs for the gallery, paintings with a jury panel', async () => {
		const { db } = ctx().database;
		await seedDemo(db, 'demo password 123');
		await seedDemo(db, 'demo password 123');
		const works = await db.artEntry.findMany({ include: { images: true, artCategory: true } });
		expect(works.length).toBe(6);
		for (const work of works) {
			expect(work.images).toHaveLength(1);
			expect(work.images[0]?.altText.length).toBeGreaterThan(10);
		}
		const stored = filesUnder(uploads);
		for (const image of works.flatMap((w) => w.images)) expect(stored).toContain(image.thumbPath.split('/').join(path.sep));
		const photography = works.find((w) => w.artCategory.key === 'photography')?.artCategory;
		expect(photography?.resultsPublishedAt).not.toBeNull();
		const painting = works.find((w) => w.artCategory.key === 'painting')?.artCategory;
		expect(await db.juryPanel.count({ where: { artCategoryId: painting?.id } })).toBe(1);
	});
});
