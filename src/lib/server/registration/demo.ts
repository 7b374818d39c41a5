/**
 * The demo programme: categories of table tennis, xiangqi and darts with eligibility rules,
 * formats and quotas, an open registration window, and about 150 athletes from many streets
 * with (mostly approved) entries, so draws, live scoring and the consoles have something
 * real to work on. Deterministic (a fixed pseudo-random sequence) and idempotent: it does
 * nothing when the edition already has categories.
 */
import { mulberry32 } from '$lib/domain/draws/random';
import type { Db } from '../db';
import { audit, systemActor } from '../audit';
import { makeResidentId } from '$lib/domain/registration/identity';
import { makeReferenceCode } from '$lib/domain/registration/reference';
import { checkEligibility, parseSportClassRange, type EligibilityRule } from '$lib/domain/registration/eligibility';
import { parseFormatConfig, type CategoryFormat as Format } from '../competition/formatConfig';
import { guardianRequired } from '$lib/domain/registration/guardian';
import { sealPerson } from '../privacy/person';
import { DEFAULT_TIME_ZONE, fromZonedInput, isTimeZone } from '$lib/i18n/time';

interface DemoCategory {
	sport: 'tableTennis' | 'xiangqi' | 'darts';
	code: string;
	nameZh: string;
	nameEn: string;
	format: Format;
	formatConfig?: object;
	rule: Omit<EligibilityRule, 'ageReferenceDate'>;
	streetQuota: number | null;
	/** How many demo athletes enter this category as their first event. */
	demoSize: number;
}

/** The demo programme (codes are stable: other areas' tests and demos may refer to them). */
export const DEMO_CATEGORIES: DemoCategory[] = [
	{ sport: 'tableTennis', code: 'TT-MS', nameZh: '男子乒乓球站立组（TT6-10）', nameEn: "Men's table tennis, standing (TT6-10)", format: 'groupsKnockout', rule: { genders: ['male'], disabilityCategories: [4], sportClasses: ['TT6-10'], minAge: 14 }, streetQuota: 3, demoSize: 28 },
	{ sport: 'tableTennis', code: 'TT-WS', nameZh: '女子乒乓球站立组（TT6-10）', nameEn: "Women's table tennis, standing (TT6-10)", format: 'groupsKnockout', rule: { genders: ['female'], disabilityCategories: [4], sportClasses: ['TT6-10'], minAge: 14 }, streetQuota: 3, demoSize: 14 },
	{ sport: 'tableTennis', code: 'TT-MW', nameZh: '男子乒乓球轮椅组（TT1-5）', nameEn: "Men's table tennis, wheelchair (TT1-5)", format: 'groupsKnockout', formatConfig: { groupSize: 3 }, rule: { genders: ['male'], disabilityCategories: [4], sportClasses: ['TT1-5'], minAge: 14 }, streetQuota: 2, demoSize: 12 },
	{ sport: 'tableTennis', code: 'TT-WW', nameZh: '女子乒乓球轮椅组（TT1-5）', nameEn: "Women's table tennis, wheelchair (TT1-5)", format: 'knockout', rule: { genders: ['female'], disabilityCategories: [4], sportClasses: ['TT1-5'], minAge: 14 }, streetQuota: 2, demoSize: 6 },
	{ sport: 'tableTennis', code: 'TT-ID', nameZh: '乒乓球智力残疾组（TT11）', nameEn: 'Table tennis, intellectual impairment (TT11)', format: 'knockout', formatConfig: { bestOf: 3 }, rule: { disabilityCategories: [5], sportClasses: ['TT11'], minAge: 14 }, streetQuota: 2, demoSize: 10 },
	{ sport: 'xiangqi', code: 'XQ-M', nameZh: '男子中国象棋', nameEn: "Men's xiangqi", format: 'swiss', formatConfig: { swissRounds: 7 }, rule: { genders: ['male'], disabilityCategories: [2, 3, 4, 6, 7] }, streetQuota: 3, demoSize: 24 },
	{ sport: 'xiangqi', code: 'XQ-W', nameZh: '女子中国象棋', nameEn: "Women's xiangqi", format: 'swiss', formatConfig: { swissRounds: 5 }, rule: { genders: ['female'], disabilityCategories: [2, 3, 4, 6, 7] }, streetQuota: 2, demoSize: 12 },
	{ sport: 'xiangqi', code: 'XQ-VI', nameZh: '中国象棋视力残疾组', nameEn: 'Xiangqi, visual impairment', format: 'swiss', formatConfig: { swissRounds: 5 }, rule: { disabilityCategories: [1] }, streetQuota: 2, demoSize: 10 },
	{ sport: 'darts', code: 'DT-S', nameZh: '飞镖站立组（501）', nameEn: 'Darts, standing (501)', format: 'darts501Knockout', formatConfig: { legsToWin: 2 }, rule: { disabilityCategories: [2, 3, 4] }, streetQuota: 2, demoSize: 14 },
	{ sport: 'darts', code: 'DT-W', nameZh: '飞镖轮椅组（501）', nameEn: 'Darts, wheelchair (501)', format: 'darts501Knockout', formatConfig: { legsToWin: 1 }, rule: { disabilityCategories: [4], grades: [1, 2] }, streetQuota: 2, demoSize: 8 },
	{ sport: 'darts', code: 'DT-T', nameZh: '飞镖总分赛（群众参与）', nameEn: 'Darts, total score (mass participation)', format: 'dartsTotal', rule: {}, streetQuota: 5, demoSize: 12 }
];

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢';
const GIVEN_M = ['伟', '强', '磊', '军', '勇', '杰', '涛', '明', '超', '刚', '平', '辉', '鹏', '华', '建国', '志强', '海波', '晓东', '国栋', '文斌'];
const GIVEN_F = ['芳', '娜', '敏', '静', '丽', '艳', '娟', '霞', '秀英', '桂兰', '玉兰', '红梅', '晓燕', '丽华', '春梅', '雪', '慧', '婷', '琳', '佳'];

const DAY = 86_400_000;

/**
 * When the demo's registration closes: 18:00 on the edition's clock (Beijing by default) the day
 * before the games start (as a real games does), at most three weeks away, and never in the
 * past (a demo seeded on the eve of the games still lets people try registering for an hour).
 */
export function demoClosing(startsOn: string, now: Date, timeZone: string = DEFAULT_TIME_ZONE): Date {
	const dayBefore = new Date(Date.parse(`${startsOn}T12:00:00Z`) - DAY).toISOString().slice(0, 10);
	const eve = (fromZonedInput(`${dayBefore}T18:00`, timeZone) ?? new Date(`${startsOn}T00:00:00Z`)).getTime();
	return new Date(Math.max(now.getTime() + 3_600_000, Math.min(eve, now.getTime() + 21 * DAY)));
}

/** Adds the demo programme and athletes to the current edition unless it has categories. */
export async function seedDemoProgramme(db: Db, now = new Date()): Promise<boolean> {
	const edition = await db.edition.findFirst({ where: { current: true } });
	if (!edition || (await db.category.count({ where: { editionId: edition.id } })) > 0) return false;
	const sports = new Map((await db.sport.findMany()).map((s) => [s.key, s.id]));
	const streets = await db.street.findMany({ orderBy: { sortOrder: 'asc' } });
	const referenceDate = edition.startsOn;
	const random = mulberry32(20261212);
	const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

	await db.edition.update({
		where: { id: edition.id },
		data: {
			registrationOpensAt: new Date(now.getTime() - 7 * DAY),
			registrationClosesAt: demoClosing(edition.startsOn, now, isTimeZone(edition.timeZone) ? edition.timeZone : DEFAULT_TIME_ZONE),
			maxEventsPerAthlete: 2
		}
	});

	const categories: Array<DemoCategory & { id: string; fullRule: EligibilityRule }> = [];
	for (const [index, c] of DEMO_CATEGORIES.entries()) {
		const fullRule: EligibilityRule = { ...c.rule, ageReferenceDate: referenceDate };
		const row = await db.category.create({
			data: {
				editionId: edition.id,
				sportId: sports.get(c.sport) as string,
				code: c.code,
				nameZh: c.nameZh,
				nameEn: c.nameEn,
				format: c.format,
				formatConfig: JSON.stringify(parseFormatConfig(c.formatConfig ?? {})),
				eligibility: JSON.stringify(fullRule),
				streetQuota: c.streetQuota,
				sortOrder: index + 1
			}
		});
		categories.push({ ...c, id: row.id, fullRule });
	}

	const usedIds = new Set<string>();
	const usedRefs = new Set<string>();
	const perStreet = new Map<string, number>(); // `${categoryId}:${streetId}` → entries
	const refYear = Number(referenceDate.slice(0, 4));
	let created = 0;

	for (const category of categories) {
		for (let n = 0; n < category.demoSize; n++) {
			const rule = category.rule;
			const gender: 'male' | 'female' = rule.genders?.length === 1 && rule.genders[0] ? rule.genders[0] : random() < 0.6 ? 'male' : 'female';
			const disability = rule.disabilityCategories?.length ? pick(rule.disabilityCategories) : pick([1, 2, 4, 4, 4, 5]);
			const grade = rule.grades?.length ? pick(rule.grades) : 1 + Math.floor(random() * 4);
			const classes = rule.sportClasses?.length ? rule.sportClasses.flatMap((r) => parseSportClassRange(r)) : null;
			const sportClass = classes ? pick(classes) : null;
			const age = 19 + Math.floor(random() * 45);
			const birthDate = `${refYear - age - 1}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
			let residentId: string;
			for (let seq = 1 + Math.floor(random() * 400) * 2; ; seq += 2) {
				residentId = makeResidentId('110105', birthDate, (seq + (gender === 'male' ? 0 : 1)) % 1000);
				if (!usedIds.has(residentId)) break;
			}
			usedIds.add(residentId);

			// A street with a place left in this category.
			let street = pick(streets);
			for (let tries = 0; tries < 50 && (perStreet.get(`${category.id}:${street.id}`) ?? 0) >= (category.streetQuota ?? Infinity); tries++) {
				street = pick(streets);
			}
			const entered = [category];
			const second = random() < 0.3 ? pick(categories) : null;
			const facts = { birthDate, gender: gender as 'male' | 'female', disabilityCategory: disability, disabilityGrade: grade, ...(sportClass ? { sportClass } : {}) };
			if (
				second &&
				second.id !== category.id &&
				second.sport !== category.sport &&
				checkEligibility(second.fullRule, facts).eligible &&
				(perStreet.get(`${second.id}:${street.id}`) ?? 0) < (second.streetQuota ?? Infinity)
			) {
				entered.push(second);
			}
			for (const c of entered) perStreet.set(`${c.id}:${street.id}`, (perStreet.get(`${c.id}:${street.id}`) ?? 0) + 1);

			const needsGuardian = guardianRequired({ birthDate, disabilityCategory: disability, referenceDate }).required;
			let referenceCode: string;
			do {
				referenceCode = makeReferenceCode(Array.from({ length: 7 }, () => Math.floor(random() * 256)));
			} while (usedRefs.has(referenceCode));
			usedRefs.add(referenceCode);
			const name = pick([...SURNAMES]) + pick(gender === 'male' ? GIVEN_M : GIVEN_F);
			const status = random() < 0.9 ? 'approved' : 'pending';
			// drawn in this order so the demo data stay what they were before encryption
			const phone = `139${String(10_000_000 + Math.floor(random() * 89_999_999))}`;
			const guardianName = needsGuardian ? `${name.charAt(0)}${pick(GIVEN_F)}` : '';
			const guardianPhone = needsGuardian ? `138${String(10_000_000 + Math.floor(random() * 89_999_999))}` : '';
			await db.athlete.create({
				data: {
					editionId: edition.id,
					streetId: street.id,
					referenceCode,
					name,
					...sealPerson({ residentId, certificateNo: `${residentId}${disability}${grade}`, phone, guardianPhone }),
					birthDate,
					gender,
					disabilityCategory: disability,
					disabilityGrade: grade,
					sportClass,
					guardianName,
					guardianRelation: needsGuardian ? '母亲' : '',
					registeredBy: pick(['self', 'family', 'coordinator']),
					entries: { create: entered.map((c) => ({ categoryId: c.id, status })) }
				}
			});
			created += 1;
		}
	}
	await audit(db, systemActor, { action: 'seed.programme', entity: 'Edition', entityId: edition.id, after: { categories: categories.length, athletes: created } });
	return true;
}
