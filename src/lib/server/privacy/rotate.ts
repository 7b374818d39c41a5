/**
 * Key rotation's second half: re-encrypts every stored value not under the current key, in
 * batches of 200 (each one short transaction, so the app keeps running), until none is left.
 * Used by `npm run keys:rotate`; tested in tests/integration/privacy.test.ts.
 */
import type { Db } from '../db';
import { decryptField, encryptField, type Keyring } from './crypto';

const FIELDS = ['residentIdEnc', 'certificateNoEnc', 'phoneEnc', 'guardianPhoneEnc'] as const;

/** Re-encrypts what is not under `ring.current`; returns how many athlete rows changed. */
export async function reencryptAll(db: Db, ring: Keyring): Promise<number> {
	const prefix = `${ring.current}:`;
	const stale = { OR: FIELDS.map((f) => ({ AND: [{ [f]: { not: '' } }, { NOT: { [f]: { startsWith: prefix } } }] })) };
	let changed = 0;
	for (;;) {
		const rows = await db.athlete.findMany({ where: stale, select: { id: true, residentIdEnc: true, certificateNoEnc: true, phoneEnc: true, guardianPhoneEnc: true }, take: 200 });
		if (rows.length === 0) return changed;
		await db.$transaction(
			rows.map((r) => {
				const data = Object.fromEntries(FIELDS.map((f) => [f, r[f] === '' || r[f].startsWith(prefix) ? r[f] : encryptField(ring, decryptField(ring, r[f]))]));
				// only if unchanged meanwhile: a concurrent amendment wins and is picked up by the next batch
				return db.athlete.updateMany({ where: { id: r.id, residentIdEnc: r.residentIdEnc, phoneEnc: r.phoneEnc, guardianPhoneEnc: r.guardianPhoneEnc }, data });
			})
		);
		changed += rows.length;
	}
}
