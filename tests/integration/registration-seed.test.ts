import { expect, it } from 'vitest';
import { describeWithDatabase } from '../support/setup';
import { seedDemo } from '../../src/lib/server/db/seed';
import { checkEligibility, type EligibilityRule } from '../../src/lib/domain/registration/eligibility';
import { checkIdentityConsistency } from '../../src/lib/domain/registration/identity';
import { isReferenceCode } from '../../src/lib/domain/registration/reference';
import { isCategoryFormat, parseFormatConfig } from '../../src/lib/server/competition/formatConfig';
import { openPerson } from '../../src/lib/server/privacy/person';

describeWithDatabase('the demo programme', (ctx) => {
	it('seeds categories of all three sports, an open window and about 150 valid, eligible athletes within quotas, once', async () => {
		const { db } = ctx().database;
		await seedDemo(db, 'demo password 123');
		await seedDemo(db, 'demo password 123');
		const edition = await db.edition.findFirstOrThrow({ where: { current: true } });
		const now = Date.now();
		expect(edition.registrationOpensAt!.getTime()).toBeLessThan(now);
		expect(edition.registrationClosesAt!.getTime()).toBeGreaterThan(now);

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
});
