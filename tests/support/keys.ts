/**
 * The data key of the tests: a fixed keyring installed for every test database (and given to
 * app processes the tests start), so factories can seal personal numbers like the app does.
 */
import type { Db } from '../../src/lib/server/db';
import { parseKeyring } from '../../src/lib/server/privacy/crypto';
import { installKeyring, verifyKeyring } from '../../src/lib/server/privacy/keys';

/** Two keys: 'test2' encrypts, 'test1' is the root of the blind index. Not secret: tests only. */
export const TEST_DATA_KEY = `test2:${Buffer.alloc(32, 2).toString('base64')},test1:${Buffer.alloc(32, 1).toString('base64')}`;

/** Installs the test keyring in this process and records its checks in `db`. */
export async function useTestKeys(db: Db): Promise<void> {
	const ring = parseKeyring(TEST_DATA_KEY);
	await verifyKeyring(db, ring);
	installKeyring(ring);
}
