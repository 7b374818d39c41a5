/**
 * Serves an art image from UPLOAD_DIR. The address names an image id and a rendition, never a
 * path: the stored path is looked up, checked against who may see it, and resolved strictly
 * inside the upload folder (a path that would leave it is refused as not found).
 */
import { error } from '@sveltejs/kit';
import { readFile } from 'node:fs/promises';
import type { RequestHandler } from './$types';
import { getApp } from '$lib/server/app';
import { artConfig } from '$lib/server/art/config';
import { imagePathFor, type Rendition } from '$lib/server/art/access';
import { resolveInside } from '$lib/server/art/storage';

const SIZES: Rendition[] = ['original', 'large', 'thumb'];

export const GET: RequestHandler = async ({ params, locals }) => {
	const size = params.size as Rendition;
	if (!SIZES.includes(size) || !/^[A-Za-z0-9-]{1,64}$/.test(params.imageId)) error(404, 'not found');
	const { db } = await getApp();
	const found = await imagePathFor(db, locals.user, params.imageId, size);
	if (!found) error(404, 'not found');
	const full = resolveInside(artConfig().uploadDir, found.path);
	if (!full) error(404, 'not found');
	let data: Buffer;
	try {
		data = await readFile(full);
	} catch {
		error(404, 'not found');
	}
	return new Response(new Uint8Array(data), {
		headers: {
			'content-type': found.mime,
			'content-length': String(data.byteLength),
			'cache-control': found.public ? 'public, max-age=3600' : 'private, no-store',
			'content-security-policy': "default-src 'none'",
			'content-disposition': 'inline'
		}
	});
};
