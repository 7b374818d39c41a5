import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { backupSqlite, databaseHolders, holdDatabase, restoreSqlite, RestoreRefused } from './backup';
import { openDatabase } from '../db';
import { keyCheck, newKeyEntry, parseKeyring, encryptField, type Keyring } from '../privacy/crypto';

const ring = parseKeyring(newKeyEntry());

const dir = mkdtempSync(path.join(tmpdir(), 'dg-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('backup and restore of the embedded database and uploads', () => {
	it('takes a consistent copy while the database is open for writing, and restores it', async () => {
		const file = path.join(dir, 'app.db');
		const uploads = path.join(dir, 'uploads');
		mkdirSync(path.join(uploads, 'art'), { recursive: true });
		writeFileSync(path.join(uploads, 'art', 'work.jpg'), 'image bytes');
		const live = new Database(file);
		live.pragma('journal_mode = WAL');
		live.exec('CREATE TABLE points (n INTEGER)');
		live.prepare('INSERT INTO points VALUES (?)').run(1);
		live.prepare('INSERT INTO points VALUES (?)').run(2);

		const backup = await backupSqlite({ databaseFile: file, uploadDir: uploads, outDir: path.join(dir, 'backups'), ring });
		const manifest = JSON.parse(readFileSync(path.join(backup, 'manifest.json'), 'utf8'));
		expect(manifest.tables).toEqual({ points: 2 });

		live.prepare('INSERT INTO points VALUES (?)').run(3);
		live.close();
		rmSync(path.join(uploads, 'art', 'work.jpg'));

		restoreSqlite({ backupDir: backup, databaseFile: file, uploadDir: uploads, ring });
		const restored = new Database(file, { readonly: true });
		expect(restored.prepare('SELECT COUNT(*) AS n FROM points').get()).toEqual({ n: 2 });
		restored.close();
		expect(readFileSync(path.join(uploads, 'art', 'work.jpg'), 'utf8')).toBe('image bytes');
		expect(existsSync(`${file}.before-restore`)).toBe(false);
	});

	it('refuses to restore a damaged backup and leaves the current database untouched', async () => {
		const file = path.join(dir, 'keep.db');
		const db = new Database(file);
		db.exec('CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (7);');
		db.close();
		const backup = path.join(dir, 'damaged');
		mkdirSync(backup);
		writeFileSync(path.join(backup, 'database.db'), 'garbage '.repeat(1000));
		writeFileSync(path.join(backup, 'manifest.json'), JSON.stringify({ createdAt: '', database: 'sqlite', uploads: false, tables: {} }));
		expect(() => restoreSqlite({ backupDir: backup, databaseFile: file, uploadDir: path.join(dir, 'none'), ring })).toThrow(RestoreRefused);
		expect(() => restoreSqlite({ backupDir: backup, databaseFile: file, uploadDir: path.join(dir, 'none'), ring })).toThrow(/not a usable SQLite database/);
		const still = new Database(file, { readonly: true });
		expect(still.prepare('SELECT n FROM t').get()).toEqual({ n: 7 });
		still.close();
	});

	it('refuses to restore while a process holds the database, and ignores the mark of a process that is gone', async () => {
		const file = path.join(dir, 'held.db');
		const db = new Database(file);
		db.exec('CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (1);');
		db.close();
		const backup = await backupSqlite({ databaseFile: file, uploadDir: path.join(dir, 'no-uploads'), outDir: path.join(dir, 'held-backups'), ring });
		mkdirSync(`${file}.running`, { recursive: true });
		writeFileSync(path.join(`${file}.running`, '999999999'), 'a crashed process');
		expect(databaseHolders(file)).toEqual([]);
		holdDatabase(file);
		expect(databaseHolders(file)).toEqual([process.pid]);
		expect(() => restoreSqlite({ backupDir: backup, databaseFile: file, uploadDir: path.join(dir, 'no-uploads'), ring })).toThrow(/the app is running/);
		rmSync(path.join(`${file}.running`, String(process.pid)));
		expect(restoreSqlite({ backupDir: backup, databaseFile: file, uploadDir: path.join(dir, 'no-uploads'), ring }).tables).toEqual({ t: 1 });
	});

	it('creates the data folder 0700 and the database, its -wal/-shm and backups 0600', async () => {
		const data = path.join(dir, 'fresh', 'data');
		const file = path.join(data, 'games.db');
		const opened = await openDatabase(`file:${file}`);
		await opened.db.street.count();
		const mode = (p: string) => statSync(p).mode & 0o777;
		expect(mode(data)).toBe(0o700);
		for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(mode(f), f).toBe(0o600);
		const backup = await backupSqlite({ databaseFile: file, uploadDir: path.join(data, 'uploads'), outDir: path.join(dir, 'fresh', 'backups'), ring });
		await opened.close();
		expect(mode(path.join(dir, 'fresh', 'backups'))).toBe(0o700);
		expect(mode(backup)).toBe(0o700);
		expect(mode(path.join(backup, 'database.db.enc'))).toBe(0o600);
		expect(mode(path.join(backup, 'manifest.json'))).toBe(0o600);
	}, 60_000);

	/** A database like the app's: key checks in DataKey, athletes' numbers encrypted under `keys`. */
	function personalDatabase(file: string, keys: Keyring, residentId: string) {
		const db = new Database(file);
		db.pragma('journal_mode = WAL');
		db.exec('CREATE TABLE "DataKey" ("id" TEXT PRIMARY KEY, "check" TEXT); CREATE TABLE "Athlete" ("name" TEXT, "residentIdEnc" TEXT, "certificateNoEnc" TEXT, "phoneEnc" TEXT, "guardianPhoneEnc" TEXT)');
		for (const id of ['index', ...keys.order]) db.prepare('INSERT INTO "DataKey" VALUES (?, ?)').run(id, keyCheck(keys, id));
		db.prepare('INSERT INTO "Athlete" VALUES (?, ?, ?, ?, ?)').run('王芳', encryptField(keys, residentId), encryptField(keys, `${residentId}41`), encryptField(keys, '13700001111'), '');
		return db;
	}

	it('writes a backup in which no file reveals the database, a number, a name or an image, and restores it with the same key', async () => {
		const residentId = '11010519491231002X';
		const file = path.join(dir, 'personal.db');
		const uploads = path.join(dir, 'personal-uploads');
		mkdirSync(path.join(uploads, 'art', 'e1'), { recursive: true });
		writeFileSync(path.join(uploads, 'art', 'e1', 'work.jpg'), `JFIF image of ${residentId}`);
		const live = personalDatabase(file, ring, residentId);
		// a plain value in the database (as an older version had) must not show in the backup either
		live.exec(`CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('call 13900002222 about ${residentId}')`);
		const backup = await backupSqlite({ databaseFile: file, uploadDir: uploads, outDir: path.join(dir, 'personal-backups'), ring });
		live.close();

		const everyFile = (folder: string): string[] => readdirSync(folder, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? everyFile(path.join(folder, e.name)) : [path.join(folder, e.name)]));
		const files = everyFile(backup);
		expect(files.map((f) => path.relative(backup, f)).sort()).toEqual(['database.db.enc', 'manifest.json', path.join('uploads', 'art', 'e1', 'work.jpg.enc')]);
		for (const f of files) {
			const bytes = readFileSync(f);
			for (const secret of [residentId, residentId.slice(6, 14), '13900002222', '王芳', 'SQLite format 3', 'JFIF']) expect(bytes.includes(Buffer.from(secret)), `${f} reveals ${secret}`).toBe(false);
		}

		rmSync(uploads, { recursive: true });
		const manifest = restoreSqlite({ backupDir: backup, databaseFile: file, uploadDir: uploads, ring });
		expect(manifest.tables).toMatchObject({ Athlete: 1, notes: 1 });
		const restored = new Database(file, { readonly: true });
		expect(restored.prepare('SELECT text FROM notes').get()).toEqual({ text: `call 13900002222 about ${residentId}` });
		restored.close();
		expect(readFileSync(path.join(uploads, 'art', 'e1', 'work.jpg'), 'utf8')).toBe(`JFIF image of ${residentId}`);
	});

	it('refuses to restore with another data key, before touching the live database, and says which key it needs', async () => {
		const two = parseKeyring(`${newKeyEntry()},${newKeyEntry(new Date(0))}`);
		const file = path.join(dir, 'keys.db');
		personalDatabase(file, two, '11010519491231002X').close();
		const backup = await backupSqlite({ databaseFile: file, uploadDir: path.join(dir, 'keys-uploads'), outDir: path.join(dir, 'keys-backups'), ring: two });
		const live = new Database(file);
		live.exec('CREATE TABLE later (n INTEGER); INSERT INTO later VALUES (42)');
		live.close();
		const before = readFileSync(file);
		const attempt = (keys: Keyring) => () => restoreSqlite({ backupDir: backup, databaseFile: file, uploadDir: path.join(dir, 'keys-uploads'), ring: keys });

		// another installation's key: the fingerprint in the manifest differs
		expect(attempt(parseKeyring(newKeyEntry()))).toThrow(/^the backup was encrypted with another data key: set DATA_KEY .* nothing was changed\.$/);
		// the same root (so the same backup key) but other key material for the key that encrypted the numbers
		const [current, root] = two.order as [string, string];
		const sameRoot = parseKeyring(`${current}:${Buffer.alloc(32, 7).toString('base64')},${root}:${two.keys.get(root)!.toString('base64')}`);
		expect(sameRoot.backup.equals(two.backup)).toBe(true);
		expect(attempt(sameRoot)).toThrow(new RegExp(`^DATA_KEY does not match the key the backed-up database was encrypted with \\(key "${current}"\\)`));
		expect(readFileSync(file).equals(before)).toBe(true);
		expect(readdirSync(dir).filter((f) => f.startsWith('keys.db.restore'))).toEqual([]);

		// a manifest altered to pass that check does not open the database file either
		const manifestFile = path.join(backup, 'manifest.json');
		const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
		writeFileSync(manifestFile, JSON.stringify({ ...manifest, dataKeys: [] }));
		expect(attempt(sameRoot)).toThrow(/does not decrypt with this data key/);
		expect(readFileSync(file).equals(before)).toBe(true);
		writeFileSync(manifestFile, JSON.stringify(manifest));
		expect(attempt(two)().tables).toEqual({ Athlete: 1, DataKey: 3 });
	});

	it('refuses to restore a backup whose numbers are encrypted with a key the keyring no longer has', async () => {
		const older = parseKeyring(`${newKeyEntry(new Date(0))},${newKeyEntry()}`);
		const file = path.join(dir, 'rotated.db');
		personalDatabase(file, older, '11010519491231002X').close();
		const backup = await backupSqlite({ databaseFile: file, uploadDir: path.join(dir, 'rotated-uploads'), outDir: path.join(dir, 'rotated-backups'), ring: older });
		const root = older.order[1]!;
		const withoutOld = parseKeyring(`${root}:${older.keys.get(root)!.toString('base64')}`);
		expect(() => restoreSqlite({ backupDir: backup, databaseFile: file, uploadDir: path.join(dir, 'rotated-uploads'), ring: withoutOld })).toThrow(/lacks the key ".+", which 1 athlete records of the backup are encrypted with/);
		// … and a backup is not even written with a keyring that cannot read the database
		await expect(backupSqlite({ databaseFile: file, uploadDir: path.join(dir, 'rotated-uploads'), outDir: path.join(dir, 'rotated-backups'), ring: withoutOld })).rejects.toThrow(/no backup was written/);
	});
});
