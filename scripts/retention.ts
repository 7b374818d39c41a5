/**
 * npm run retention [-- --dry-run]
 *
 * Runs the retention job once now (the app also runs it daily in-process): erases the
 * personal numbers, phones and guardian data of every edition past its retention period and
 * prints what it did; with --dry-run, prints what it would erase and changes nothing.
 */
import { loadEnv } from '../src/lib/server/env';
import { openDatabase } from '../src/lib/server/db';
import { startPrivacy } from '../src/lib/server/privacy/keys';
import { runRetention } from '../src/lib/server/privacy/retention';

const dryRun = process.argv.includes('--dry-run');
const env = loadEnv();
const { db, close } = await openDatabase(env.DATABASE_URL);
try {
	await startPrivacy(db, { dataKey: env.DATA_KEY, keyFile: env.DATA_KEY_FILE });
	const report = await runRetention(db, { dryRun });
	if (report.skipped) console.log(`not run: ${report.skipped === 'lease_held' ? 'another process is running it now' : 'not due'}`);
	console.table(report.editions.map((e) => ({ edition: e.slug, endsOn: e.endsOn, retentionDays: e.retentionDays, dueOn: e.dueOn, athletes: e.athletes })));
	console.log(dryRun ? `dry run: ${report.editions.length} editions would be erased; nothing changed.` : `erased ${report.editions.reduce((n, e) => n + e.athletes, 0)} athletes' personal data in ${report.editions.length} editions.`);
} finally {
	await close();
}
