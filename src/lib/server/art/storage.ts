/**
 * Files of the art showcase under UPLOAD_DIR. Layout: `art/<entryId>/<imageId>-{original,large,thumb}.<ext>`,
 * staged first in `.staging/<random>/` (same file system, so the move is a rename). Paths in
 * the database are relative to UPLOAD_DIR and never come from user input; `resolveInside`
 * still refuses anything that would leave the folder.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The absolute path of `relative` inside `root`, or null when it would escape the root
 * (`..`, absolute paths, NUL bytes) — the guard of the image route.
 */
export function resolveInside(root: string, relative: string): string | null {
	if (!relative || relative.includes('\0') || path.isAbsolute(relative)) return null;
	const base = path.resolve(root);
	const full = path.resolve(base, relative);
	const rel = path.relative(base, full);
	if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return null;
	return full;
}

/** A file to write: its path relative to the entry folder and its bytes. */
export interface StagedFile {
	name: string;
	data: Buffer;
}

/**
 * Files written to a private staging folder, then moved into the entry folder by `commit`.
 * `discard` removes whatever exists of both, so a failure anywhere leaves no orphan file.
 */
export class Staging {
	readonly dir: string;
	#committedDir: string | null = null;

	private constructor(
		readonly root: string,
		dir: string
	) {
		this.dir = dir;
	}

	/** Writes every file into a fresh staging folder under root/.staging. */
	static async write(root: string, files: StagedFile[]): Promise<Staging> {
		await sweepStaleStaging(root);
		const dir = path.join(root, '.staging', randomBytes(12).toString('hex'));
		const staging = new Staging(root, dir);
		try {
			await mkdir(dir, { recursive: true, mode: 0o700 });
			for (const file of files) await writeFile(path.join(dir, file.name), file.data, { flag: 'wx', mode: 0o600 });
		} catch (error) {
			await staging.discard();
			throw error;
		}
		return staging;
	}

	/** Moves the staged folder to `relativeDir` (relative to root), which must not exist yet. */
	async commit(relativeDir: string): Promise<void> {
		const target = resolveInside(this.root, relativeDir);
		if (!target) throw new Error('art storage: target outside the upload folder');
		await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
		await rename(this.dir, target);
		this.#committedDir = target;
	}

	/** Removes the staged folder and, after a commit, the committed one. */
	async discard(): Promise<void> {
		await rm(this.dir, { recursive: true, force: true });
		if (this.#committedDir) await rm(this.#committedDir, { recursive: true, force: true });
	}
}

/** Removes an entry's folder (used when an entry is deleted for good). */
export async function removeEntryFiles(root: string, relativeDir: string): Promise<void> {
	const target = resolveInside(root, relativeDir);
	if (target) await rm(target, { recursive: true, force: true });
}

/** Staging folders older than this were left by a process that died mid-upload. */
export const STALE_STAGING_MS = 60 * 60 * 1000;

/**
 * Removes staging folders left behind by a crash (older than STALE_STAGING_MS); a running
 * upload's folder is never that old. Called before each new upload; errors are ignored.
 */
export async function sweepStaleStaging(root: string, now = Date.now()): Promise<number> {
	const base = path.join(root, '.staging');
	let removed = 0;
	let names: string[];
	try {
		names = await readdir(base);
	} catch {
		return 0;
	}
	for (const name of names) {
		try {
			const info = await stat(path.join(base, name));
			if (now - info.mtimeMs > STALE_STAGING_MS) {
				await rm(path.join(base, name), { recursive: true, force: true });
				removed += 1;
			}
		} catch {
			// Another upload may have just moved or removed it.
		}
	}
	return removed;
}
