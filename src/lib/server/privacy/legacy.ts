/**
 * Data migration of a database from before field encryption. The schema migration
 * (…_personal_data_protection) carried the plain numbers and phones over marked 'plain:'; at
 * start-up, before anything is served, `encryptLegacyRows` encrypts them and computes their
 * blind indexes, then (SQLite) VACUUMs and truncates the WAL so the old plain text does not
 * linger in free pages. Decision: at start-up rather than by a script, so no deployment can
 * forget it; it is idempotent and costs one indexed query when there is nothing to do.
 */
import type { Db, Provider } from '../db';
import { encryptField, type Keyring } from './crypto';
import { residentIdIndex } from './person';
import { dataKeys } from './keys';
import { maskPhone } from './views';

const PLAIN = 'plain:';
const unplain = (v: string) => (v.startsWith(PLAIN) ? v.slice(PLAIN.length) : v);

/** Encrypts rows left in plain text by the migration; returns how many it encrypted. */
export async function encryptLegacyRows(db: Db, provider: Provider, ring: Keyring = dataKeys()): Promise<number> {
	let done = 0;
	for (;;) {
		const rows = await db.athlete.findMany({
			where: { residentIdIndex: { startsWith: PLAIN } },
			select: { id: true, residentIdEnc: true, certificateNoEnc: true, phoneEnc: true, guardianPhoneEnc: true },
			take: 500
		});
		if (rows.length === 0) break;
		await db.$transaction(
			rows.map((r) => {
				const residentId = unplain(r.residentIdEnc);
				return db.athlete.update({
					where: { id: r.id },
					data: {
						residentIdEnc: encryptField(ring, residentId),
						residentIdIndex: residentIdIndex(residentId, ring),
						certificateNoEnc: encryptField(ring, unplain(r.certificateNoEnc)),
						phoneEnc: encryptField(ring, unplain(r.phoneEnc)),
						guardianPhoneEnc: encryptField(ring, unplain(r.guardianPhoneEnc))
					},
					select: { id: true }
				});
			})
		);
		done += rows.length;
	}
	if (done > 0) {
		await maskLegacyAuditPhones(db);
		if (provider === 'sqlite') {
			await db.$executeRawUnsafe('VACUUM');
			await db.$queryRawUnsafe('PRAGMA wal_checkpoint(TRUNCATE)');
		}
	}
	return done;
}

/** Older audit records of athletes held phones in plain text: mask them like new ones. */
async function maskLegacyAuditPhones(db: Db): Promise<void> {
	const rows = await db.auditLog.findMany({ where: { entity: 'Athlete', OR: [{ before: { contains: 'hone"' } }, { after: { contains: 'hone"' } }] }, select: { id: true, before: true, after: true } });
	const mask = (text: string | null) => {
		if (!text) return text;
		try {
			const value = JSON.parse(text) as Record<string, unknown>;
			for (const key of ['phone', 'guardianPhone']) if (typeof value[key] === 'string') value[key] = maskPhone(value[key]);
			return JSON.stringify(value);
		} catch {
			return text;
		}
	};
	for (const r of rows) await db.auditLog.update({ where: { id: r.id }, data: { before: mask(r.before), after: mask(r.after) }, select: { id: true } });
}
