import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveInside, Staging, STALE_STAGING_MS, sweepStaleStaging } from './storage';

const root = mkdtempSync(path.join(tmpdir(), 'dg-art-storage-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('resolveInside', () => {
	it('resolves a stored relative path inside the upload folder', () => {
		expect(resolveInside(root, 'art/e1/a-large.webp')).toBe(path.join(root, 'art/e1/a-large.webp'));
	});

	it('refuses paths that would leave the upload folder or are not plain relative paths', () => {
		for (const bad of ['../etc/passwd', 'art/../../x', '/etc/passwd', '', '.', 'art/\0x', '..\\..\\x'.replace(/\\/g, '/')]) {
			expect(resolveInside(root, bad), JSON.stringify(bad)).toBeNull();
		}
	});
});

describe('Staging', () => {
	it('moves staged files into the entry folder on commit and removes them all on discard', async () => {
		const staging = await Staging.write(root, [{ name: 'a.webp', data: Buffer.from('x') }]);
		await staging.commit('art/entry-1');
		expect(readdirSync(path.join(root, 'art/entry-1'))).toEqual(['a.webp']);
		expect(existsSync(staging.dir)).toBe(false);
		await staging.discard();
		expect(existsSync(path.join(root, 'art/entry-1'))).toBe(false);
	});

	it('keeps art images readable by the app user only (folders 0700, files 0600)', async () => {
		const uploads = path.join(root, 'private-uploads');
		const staging = await Staging.write(uploads, [{ name: 'c.webp', data: Buffer.from('z') }]);
		await staging.commit('art/entry-2');
		const mode = (p: string) => statSync(p).mode & 0o777;
		expect(mode(path.join(uploads, 'art'))).toBe(0o700);
		expect(mode(path.join(uploads, 'art/entry-2'))).toBe(0o700);
		expect(mode(path.join(uploads, 'art/entry-2/c.webp'))).toBe(0o600);
	});

	it('refuses to commit outside the upload folder and leaves nothing behind after discard', async () => {
		const staging = await Staging.write(root, [{ name: 'b.webp', data: Buffer.from('y') }]);
		await expect(staging.commit('../escape')).rejects.toThrow();
		await staging.discard();
		expect(existsSync(staging.dir)).toBe(false);
		expect(existsSync(path.join(root, '../escape'))).toBe(false);
	});
});

describe('sweepStaleStaging', () => {
	it('removes staging folders left by a crash and keeps a recent one', async () => {
		const stale = path.join(root, '.staging', 'crashed');
		const fresh = path.join(root, '.staging', 'running');
		mkdirSync(stale, { recursive: true });
		mkdirSync(fresh, { recursive: true });
		const old = new Date(Date.now() - STALE_STAGING_MS - 60_000);
		utimesSync(stale, old, old);
		expect(await sweepStaleStaging(root)).toBe(1);
		expect(existsSync(stale)).toBe(false);
		expect(existsSync(fresh)).toBe(true);
	});
});
