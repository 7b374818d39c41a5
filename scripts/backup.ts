/**
 * npm run backup [-- <folder>]            encrypted copy of the SQLite database (online) and uploads into backups/<time>/
 * npm run restore -- <backup folder>      put a backup back (stop the app first); checks the data key first
 *
 * Both need the installation's data key (DATA_KEY, or the key file ./data/data-key): backups are
 * encrypted with a key derived from it, and a restore with another key is refused before the
 * live database is touched. With a PostgreSQL DATABASE_URL the same commands run pg_dump and
 * pg_restore (the PostgreSQL client programs) and encrypt/decrypt around them.
 */
import path from 'node:path';
import { loadEnv } from '../src/lib/server/env';
import { providerOf, sqlitePath } from '../src/lib/server/db/provider';
import { backupSqlite, restoreSqlite, RestoreRefused } from '../src/lib/server/ops/backup';
import { backupPostgres, restorePostgres } from '../src/lib/server/ops/backupPostgres';
import { DataKeyStartupError, resolveKeyring } from '../src/lib/server/privacy/keys';

const [command, arg] = process.argv.slice(2);
const env = loadEnv();
const postgres = providerOf(env.DATABASE_URL) === 'postgresql';
const uploadDir = path.resolve(env.UPLOAD_DIR);

/** One line a person can act on, never a stack trace. */
function refuse(what: string, error: unknown): never {
	const known = error instanceof RestoreRefused || error instanceof DataKeyStartupError;
	const message = known || error instanceof Error ? (error as Error).message : String(error);
	console.error(`${what} refused: ${message.split('\n')[0]}`);
	process.exit(1);
}

if ((command === 'backup' || command === 'restore') && (command === 'backup' || arg)) {
	let ring;
	try {
		// Never a new key here: one made up now could not open the database or any backup.
		ring = resolveKeyring({ dataKey: env.DATA_KEY, keyFile: env.DATA_KEY_FILE, create: false }).ring;
	} catch (error) {
		refuse(command, error);
	}
	if (command === 'backup') {
		try {
			const outDir = path.resolve(arg ?? 'backups');
			const folder = postgres ? await backupPostgres({ url: env.DATABASE_URL, uploadDir, outDir, ring }) : await backupSqlite({ databaseFile: sqlitePath(env.DATABASE_URL), uploadDir, outDir, ring });
			console.log(`backup written to ${folder} (encrypted with the data key: keep that key, without it the backup cannot be restored)`);
		} catch (error) {
			refuse('backup', error);
		}
	} else {
		try {
			const backupDir = path.resolve(arg as string);
			const manifest = postgres ? await restorePostgres({ backupDir, url: env.DATABASE_URL, uploadDir, ring }) : restoreSqlite({ backupDir, databaseFile: sqlitePath(env.DATABASE_URL), uploadDir, ring });
			console.log(`restored the backup of ${manifest.createdAt} (${Object.values(manifest.tables).reduce((a, b) => a + b, 0)} rows)`);
		} catch (error) {
			refuse('restore', error);
		}
	}
} else {
	console.error('usage: npm run backup [-- <folder>] | npm run restore -- <backup folder>');
	process.exit(2);
}
