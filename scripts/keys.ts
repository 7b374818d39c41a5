/**
 * npm run keys:rotate [-- --print]
 *
 * Rotates the data key while the app runs (no downtime):
 * 1. adds a new key in front of the keyring — in the key file (./data/data-key), which running
 *    processes re-read within seconds; with DATA_KEY set, it prints the new DATA_KEY to set on
 *    every process first (old keys stay after it, so nothing becomes unreadable);
 * 2. re-encrypts every stored value that is not under the current key, in batches, until none
 *    is left. Blind indexes do not change (their root, the last key, is kept).
 * `--print` only prints a fresh DATA_KEY for a new installation.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadEnv } from '../src/lib/server/env';
import { openDatabase } from '../src/lib/server/db';
import { formatKeyring, newKeyEntry, parseKeyring } from '../src/lib/server/privacy/crypto';
import { startPrivacy, verifyKeyring } from '../src/lib/server/privacy/keys';
import { reencryptAll } from '../src/lib/server/privacy/rotate';

if (process.argv.includes('--print')) {
	console.log(newKeyEntry());
	process.exit(0);
}
const env = loadEnv();
const { db, close } = await openDatabase(env.DATABASE_URL);
try {
	const { ring } = await startPrivacy(db, { dataKey: env.DATA_KEY, keyFile: env.DATA_KEY_FILE });
	let current = ring;
	if (process.argv.includes('--resume') || (env.DATA_KEY && ring.order.length > 1 && process.argv.includes('--reencrypt'))) {
		console.log(`re-encrypting under the current key ${ring.current}`);
	} else if (env.DATA_KEY) {
		const next = parseKeyring(`${newKeyEntry()},${formatKeyring(ring)}`);
		console.log('DATA_KEY is set: set this DATA_KEY on every app process (restart them one by one), then run');
		console.log('  npm run keys:rotate -- --reencrypt   with it set here too:\n');
		console.log(formatKeyring(next));
		process.exit(0);
	} else {
		const file = path.resolve(env.DATA_KEY_FILE);
		current = parseKeyring(`${newKeyEntry()},${readFileSync(file, 'utf8').trim()}`);
		await verifyKeyring(db, current);
		writeFileSync(`${file}.new`, `${formatKeyring(current)}\n`, { mode: 0o600 });
		renameSync(`${file}.new`, file);
		console.log(`added key ${current.current} to ${file}; waiting 5 s for running processes to pick it up…`);
		await new Promise((r) => setTimeout(r, 5000));
	}
	const changed = await reencryptAll(db, current);
	console.log(`re-encrypted ${changed} athlete records under ${current.current}; older keys stay in the keyring for backups.`);
} finally {
	await close();
}
