/**
 * Encrypted backups of a PostgreSQL deployment, for `npm run backup` / `npm run restore` when
 * DATABASE_URL is PostgreSQL: `pg_dump --format=custom` read into memory and encrypted with the
 * backup key (as the SQLite backups, ops/backup.ts), and the uploads folder encrypted file by
 * file. A restore checks the key first (fingerprint, then the database's key checks, which the
 * encryption authenticates), decrypts in memory (authenticating the whole dump), and only then runs
 * `pg_restore --clean --if-exists --single-transaction`: a wrong key never touches the database,
 * and a restore that fails part-way leaves it as it was.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { backupKeyCheck, openSealedBytes, sealBytes, verifyBackupKeyCheck, type Keyring } from '../privacy/crypto';
import { keyNames, mismatchedKeys } from '../privacy/keys';
import type { BackupManifest } from './backup';
import { RestoreRefused } from './restoreRefused';
import { backupUploads, prepareUploads, swapUploads } from './backupFiles';

const DUMP_FILE = 'database.pgdump.enc';
const dumpContext = (keys: BackupManifest['dataKeys']) => `database.pgdump\u0000${JSON.stringify(keys ?? [])}`;

/** Runs a PostgreSQL client program; resolves with its stdout, rejects with the first line it printed on stderr. */
function run(program: string, args: string[], input?: Buffer): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const child = spawn(program, args, { stdio: [input ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
		if (input && child.stdin) {
			child.stdin.on('error', () => {}); // an early exit is reported by 'close' with its message
			child.stdin.end(input);
		}
		const out: Buffer[] = [];
		let err = '';
		child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
		child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
		child.once('error', (error) => reject(new RestoreRefused(`${program} could not run (${error.message}); install the PostgreSQL client (apt-get install postgresql-client); nothing was changed.`)));
		child.once('close', (code) => (code === 0 ? resolve(Buffer.concat(out)) : reject(new RestoreRefused(`${program} failed: ${err.trim().split('\n')[0] ?? `exit code ${code}`}`))));
	});
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		return await fn(client);
	} finally {
		await client.end();
	}
}

/** Writes `<outDir>/<timestamp>/` with database.pgdump.enc, uploads/…/*.enc and manifest.json; returns the folder. */
export async function backupPostgres(options: { url: string; uploadDir: string; outDir: string; ring: Keyring; now?: Date }): Promise<string> {
	const { dataKeys, tables } = await withClient(options.url, async (client) => {
		const keys = (await client.query<{ id: string; check: string }>('SELECT "id", "check" FROM "DataKey" ORDER BY "id"')).rows;
		const names = (await client.query<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name")).rows.map((r) => r.name);
		const counts: Record<string, number> = {};
		for (const name of names) counts[name] = Number((await client.query<{ n: string }>(`SELECT COUNT(*) AS n FROM "${name.replace(/"/g, '""')}"`)).rows[0]?.n ?? 0);
		return { dataKeys: keys, tables: counts };
	});
	const wrong = mismatchedKeys(dataKeys, options.ring);
	if (wrong.length > 0) throw new RestoreRefused(`DATA_KEY does not match the key this database was encrypted with (${keyNames(wrong)}); no backup was written.`);
	const dump = await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--dbname=${options.url}`]);

	const stamp = (options.now ?? new Date()).toISOString().replace(/[:.]/g, '-');
	const target = path.join(options.outDir, stamp);
	if (!existsSync(options.outDir)) mkdirSync(options.outDir, { recursive: true, mode: 0o700 });
	mkdirSync(target, { mode: 0o700 });
	chmodSync(target, 0o700);
	writeFileSync(path.join(target, DUMP_FILE), sealBytes(options.ring.backup, dump, dumpContext(dataKeys)), { mode: 0o600 });
	const files = backupUploads(options.uploadDir, target, options.ring);
	const manifest: BackupManifest = {
		createdAt: new Date().toISOString(),
		database: 'postgresql',
		format: 2,
		encryption: { algorithm: 'aes-256-gcm', key: 'data key root', keyCheck: backupKeyCheck(options.ring) },
		dataKeys,
		uploads: existsSync(options.uploadDir),
		files,
		tables
	};
	writeFileSync(path.join(target, 'manifest.json'), JSON.stringify(manifest, null, 2), { mode: 0o600 });
	return target;
}

/**
 * Restores a backup of backupPostgres into the database at `url` (and the uploads folder).
 * Refused, changing nothing: while other sessions use the database (stop the app processes
 * first), with another data key, or when a file of the backup does not decrypt.
 */
export async function restorePostgres(options: { backupDir: string; url: string; uploadDir: string; ring: Keyring }): Promise<BackupManifest> {
	const file = path.join(options.backupDir, 'manifest.json');
	if (!existsSync(file)) throw new RestoreRefused(`${options.backupDir} is not a backup folder (no manifest.json); nothing was changed.`);
	let manifest: BackupManifest;
	try {
		manifest = JSON.parse(readFileSync(file, 'utf8')) as BackupManifest;
	} catch {
		throw new RestoreRefused(`the backup's manifest.json is damaged; nothing was changed.`);
	}
	if (manifest.database !== 'postgresql' || manifest.format !== 2) throw new RestoreRefused(`this is a backup of a ${manifest.database} database; DATABASE_URL is PostgreSQL. Nothing was changed.`);
	const anotherKey = 'set DATA_KEY (or the ./data/data-key file) of the installation that made it and restore again; nothing was changed.';
	if (!manifest.encryption || !verifyBackupKeyCheck(options.ring, manifest.encryption.keyCheck)) throw new RestoreRefused(`the backup was encrypted with another data key: ${anotherKey}`);
	const wrong = mismatchedKeys(manifest.dataKeys ?? [], options.ring);
	if (wrong.length > 0) throw new RestoreRefused(`DATA_KEY does not match the key the backed-up database was encrypted with (${keyNames(wrong)}): ${anotherKey}`);
	const sealed = path.join(options.backupDir, DUMP_FILE);
	if (!existsSync(sealed)) throw new RestoreRefused(`the backup lacks ${DUMP_FILE}; nothing was changed.`);
	let dump: Buffer;
	try {
		dump = openSealedBytes(options.ring.backup, readFileSync(sealed), dumpContext(manifest.dataKeys));
	} catch {
		throw new RestoreRefused(`${DUMP_FILE} of the backup does not decrypt with this data key (damaged, or from another installation); nothing was changed.`);
	}
	const others = await withClient(options.url, async (client) => Number((await client.query<{ n: string }>('SELECT COUNT(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()')).rows[0]?.n ?? 0));
	if (others > 0) throw new RestoreRefused(`${others} other sessions use the database (the app is running?): stop every app process, then restore; nothing was changed.`);

	const uploads = manifest.uploads ? prepareUploads(options.backupDir, options.uploadDir, manifest.files ?? [], options.ring) : null;
	try {
		// The dump was authenticated whole above, so it can stream to pg_restore: no plain copy on disk.
		await run('pg_restore', ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', `--dbname=${options.url}`], dump);
		if (uploads) swapUploads(uploads, options.uploadDir);
	} finally {
		if (uploads) rmSync(uploads, { recursive: true, force: true });
	}
	return manifest;
}
