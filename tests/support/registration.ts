/**
 * Registration factories: a programme in the current edition with an open window, and valid
 * people (ID and certificate numbers built with makeResidentId) for forms and imports.
 */
import type { Db } from '../../src/lib/server/db';
import { makeResidentId } from '../../src/lib/domain/registration/identity';
import { parseFormatConfig } from '../../src/lib/server/competition/formatConfig';

const DAY = 86_400_000;
let sequence = 0;

/** Opens the window around now and adds three categories (unique codes per call). */
export async function setupProgramme(db: Db, options: { quota?: number | null; maxEvents?: number } = {}) {
	const edition = await db.edition.findFirstOrThrow({ where: { current: true } });
	await db.edition.update({
		where: { id: edition.id },
		data: { registrationOpensAt: new Date(Date.now() - DAY), registrationClosesAt: new Date(Date.now() + 10 * DAY), maxEventsPerAthlete: options.maxEvents ?? 2 }
	});
	const sports = new Map((await db.sport.findMany()).map((s) => [s.key, s.id]));
	const tag = `${++sequence}${Math.random().toString(36).slice(2, 5)}`.toUpperCase();
	const make = (sport: string, code: string, format: string, rule: object, quota: number | null) =>
		db.category.create({
			data: {
				editionId: edition.id,
				sportId: sports.get(sport)!,
				code: `${code}${tag}`,
				nameZh: `${code} 组`,
				nameEn: `${code} category`,
				format,
				formatConfig: JSON.stringify(parseFormatConfig({})),
				eligibility: JSON.stringify({ ageReferenceDate: edition.startsOn, ...rule }),
				streetQuota: quota
			}
		});
	const menTT = await make('tableTennis', 'TTM', 'groupsKnockout', { genders: ['male'], disabilityCategories: [4], sportClasses: ['TT6-10'] }, options.quota === undefined ? 3 : options.quota);
	const xiangqi = await make('xiangqi', 'XQ', 'swiss', {}, options.quota === undefined ? 3 : options.quota);
	const darts = await make('darts', 'DT', 'dartsTotal', { disabilityCategories: [2, 4] }, options.quota === undefined ? 3 : options.quota);
	return { edition, menTT, xiangqi, darts };
}

let personCounter = 0;
const used = new Set<string>();

/** A valid adult man with a physical disability (category 4, grade 3), class TT7, unique per call. */
export function person(over: Partial<{ gender: 'male' | 'female'; birthDate: string; category: number; grade: number }> = {}) {
	const n = ++personCounter;
	const gender = over.gender ?? 'male';
	let residentId: string;
	let birthDate: string;
	do {
		const r = Math.random();
		birthDate = over.birthDate ?? `19${60 + Math.floor(r * 39)}-0${1 + Math.floor(Math.random() * 9)}-${String(10 + Math.floor(Math.random() * 18)).padStart(2, '0')}`;
		const seq = (Math.floor(Math.random() * 499) * 2 + (gender === 'male' ? 1 : 0)) % 1000;
		residentId = makeResidentId('110105', birthDate, seq);
	} while (used.has(residentId));
	used.add(residentId);
	return {
		name: `测试${n}`,
		residentId,
		certificateNo: `${residentId}${over.category ?? 4}${over.grade ?? 3}`,
		sportClass: 'TT7',
		phone: '13912345678',
		guardianName: '',
		guardianPhone: '',
		guardianRelation: '',
		// the two separate consents of the public form (ignored by the coordinator's procedures)
		consentPersonal: true,
		consentSensitive: true
	};
}

export async function streetId(db: Db, code: string): Promise<string> {
	return (await db.street.findUniqueOrThrow({ where: { code } })).id;
}

export const opId = () => `op-${Math.random().toString(36).slice(2)}-${Date.now()}`;
