import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { chooseEncoding, compressResponse } from './compress';

const page = '<!doctype html><html><body>' + '<p>区残疾人运动会 实时成绩</p>'.repeat(200) + '</body></html>';
const request = (accept: string | null, method = 'GET') =>
	new Request('http://localhost/live', { method, headers: accept === null ? {} : { 'accept-encoding': accept } });
const html = (body = page, headers: Record<string, string> = {}) =>
	new Response(body, { headers: { 'content-type': 'text/html; charset=utf-8', ...headers } });

describe('chooseEncoding', () => {
	it('prefers brotli, falls back to gzip, and respects q=0', () => {
		expect(chooseEncoding('gzip, deflate, br, zstd')).toBe('br');
		expect(chooseEncoding('gzip, deflate')).toBe('gzip');
		expect(chooseEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
		expect(chooseEncoding('identity')).toBeNull();
		expect(chooseEncoding('*')).toBe('br');
		expect(chooseEncoding(null)).toBeNull();
	});
});

describe('compressResponse', () => {
	it('sends a page brotli-compressed to a browser that accepts it, and the page decompresses intact', async () => {
		const response = compressResponse(request('gzip, br'), html());
		expect(response.headers.get('content-encoding')).toBe('br');
		expect(response.headers.get('vary')).toContain('Accept-Encoding');
		const bytes = Buffer.from(await response.arrayBuffer());
		expect(bytes.length).toBeLessThan(Buffer.byteLength(page) / 5);
		expect(brotliDecompressSync(bytes).toString()).toBe(page);
	});

	it('sends gzip to a client that accepts only gzip', async () => {
		const response = compressResponse(request('gzip'), html());
		expect(response.headers.get('content-encoding')).toBe('gzip');
		expect(gunzipSync(Buffer.from(await response.arrayBuffer())).toString()).toBe(page);
	});

	it('leaves images, already encoded bodies, tiny bodies and clients without compression alone', async () => {
		const image = new Response(new Uint8Array(4096), { headers: { 'content-type': 'image/webp' } });
		expect(compressResponse(request('br'), image).headers.get('content-encoding')).toBeNull();
		const encoded = html(page, { 'content-encoding': 'gzip' });
		expect(compressResponse(request('br'), encoded)).toBe(encoded);
		expect(compressResponse(request('br'), html('<p>short</p>', { 'content-length': '12' })).headers.get('content-encoding')).toBeNull();
		const plain = compressResponse(request(null), html());
		expect(plain.headers.get('content-encoding')).toBeNull();
		expect(await plain.text()).toBe(page);
	});
});
