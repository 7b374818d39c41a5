/**
 * The uploads folder in an encrypted backup (ops/backup.ts for SQLite, ops/backupPostgres.ts):
 * each file sealed on its own as `uploads/<path>.enc`, its path authenticated with it. A restore
 * decrypts every file into a private folder beside the uploads first, then swaps the folders,
 * so a file that does not decrypt changes nothing.
 */
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openSealedBytes, sealBytes, type Keyring } from '../privacy/crypto';
import { RestoreRefused } from './restoreRefused';

const uploadContext = (file: string) => `uploads/${file}`;

/** Every file under `dir`, as paths relative to it ('/' separated), sorted. */
function filesUnder(dir: string, prefix = ''): string[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir, { withFileTypes: true })
		.flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name), `${prefix}${e.name}/`) : e.isFile() ? [`${prefix}${e.name}`] : []))
		.sort();
}

/** Writes `bytes` to `file` (0600), creating its folders (0700). */
export function writePrivate(file: string, bytes: Buffer): void {
	mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
	writeFileSync(file, bytes, { mode: 0o600 });
	chmodSync(file, 0o600);
}

/** Decrypts one file of an encrypted backup; a missing, damaged or foreign file is a RestoreRefused. */
export function openBackupFile(ring: Keyring, file: string, context: string): Buffer {
	if (!existsSync(file)) throw new RestoreRefused(`the backup lacks ${path.basename(file)}; nothing was changed.`);
	try {
		return openSealedBytes(ring.backup, readFileSync(file), context);
	} catch {
		throw new RestoreRefused(`${path.basename(file)} of the backup does not decrypt with this data key (damaged, or from another installation); nothing was changed.`);
	}
}

/** Seals every file of `uploadDir` into `<target>/uploads/`; returns their relative paths (for the manifest). */
export function backupUploads(uploadDir: string, target: string, ring: Keyring): string[] {
	const files = filesUnder(uploadDir);
	for (const file of files) writePrivate(path.join(target, 'uploads', `${file}.enc`), sealBytes(ring.backup, readFileSync(path.join(uploadDir, file)), uploadContext(file)));
	return files;
}

/**
 * Decrypts the backup's uploads into a new folder beside `uploadDir` and returns it (for
 * swapUploads), or throws RestoreRefused having removed it. `plain`: an older backup's
 * unencrypted uploads folder, copied as it is.
 */
export function prepareUploads(backupDir: string, uploadDir: string, files: string[], ring: Keyring, plain = false): string {
	const temp = `${uploadDir}.restore-${process.pid}`;
	rmSync(temp, { recursive: true, force: true });
	mkdirSync(temp, { recursive: true, mode: 0o700 });
	try {
		if (plain) {
			for (const file of filesUnder(path.join(backupDir, 'uploads'))) writePrivate(path.join(temp, file), readFileSync(path.join(backupDir, 'uploads', file)));
		} else {
			for (const file of files) {
				if (path.isAbsolute(file) || file.split('/').some((part) => part === '..' || part === '')) throw new RestoreRefused(`the backup's manifest names a file outside the uploads folder; nothing was changed.`);
				writePrivate(path.join(temp, file), openBackupFile(ring, path.join(backupDir, 'uploads', `${file}.enc`), uploadContext(file)));
			}
		}
		return temp;
	} catch (error) {
		rmSync(temp, { recursive: true, force: true });
		throw error;
	}
}

/** Puts a folder from prepareUploads in the place of `uploadDir`. */
export function swapUploads(prepared: string, uploadDir: string): void {
	const aside = `${uploadDir}.before-restore`;
	rmSync(aside, { recursive: true, force: true });
	if (existsSync(uploadDir)) renameSync(uploadDir, aside);
	renameSync(prepared, uploadDir);
	rmSync(aside, { recursive: true, force: true });
}
