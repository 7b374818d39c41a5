/**
 * npm run backup [-- <folder>]            copy the SQLite database (online) and uploads into backups/<time>/
 * npm run restore -- <backup folder>      put a backup back (stop the app first)
 *
 * For PostgreSQL, use pg_dump / pg_restore (README, "Backups"); uploads are copied the same way.
 */
import path from 'node:path';
import { loadEnv } from '../src/lib/server/env';
import { providerOf, sqlitePath } from '../src/lib/server/db/provider';
import { backupSqlite, restoreSqlite, RestoreRefused } from '../src/lib/server/ops/backup';

const [command, arg] = process.argv.slice(2);
const env = loadEnv();
if (providerOf(env.DATABASE_URL) !== 'sqlite') {
	console.error('DATABASE_URL is PostgreSQL: back it up with pg_dump --format=custom (see README, "Backups").');
	process.exit(2);
}
const databaseFile = sqlitePath(env.DATABASE_URL);
const uploadDir = path.resolve(env.UPLOAD_DIR);

if (command === 'backup') {
	const folder = await backupSqlite({ databaseFile, uploadDir, outDir: path.resolve(arg ?? 'backups') });
	console.log(`backup written to ${folder}`);
} else if (command === 'restore' && arg) {
	try {
		const manifest = restoreSqlite({ backupDir: path.resolve(arg), databaseFile, uploadDir });
		console.log(`restored the backup of ${manifest.createdAt} (${Object.values(manifest.tables).reduce((a, b) => a + b, 0)} rows)`);
	} catch (error) {
		// One line a person can act on, never a stack trace.
		const message = error instanceof RestoreRefused ? error.message : error instanceof Error ? error.message : String(error);
		console.error(`restore refused: ${message.split('\n')[0]}`);
		process.exit(1);
	}
} else {
	console.error('usage: npm run backup [-- <folder>] | npm run restore -- <backup folder>');
	process.exit(2);
}
