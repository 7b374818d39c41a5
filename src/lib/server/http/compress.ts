/**
 * Compression of the app's own responses (pages, their data, tRPC answers, small scripts):
 * brotli or gzip with node:zlib, chosen from the browser's Accept-Encoding. Called by the
 * SvelteKit handle for every response it produces. Static files under /_app are served by
 * adapter-node from their precompressed .br/.gz copies (svelte.config.js `precompress`), and
 * Socket.IO never passes through SvelteKit, so neither is compressed here twice.
 */
import { Readable } from 'node:stream';
import zlib from 'node:zlib';

export type Encoding = 'br' | 'gzip';

/** Below this size compression costs more than it saves. */
const MIN_BYTES = 1024;
const COMPRESSIBLE = /^(text\/|application\/(json|javascript|xml|manifest\+json)|image\/svg\+xml)/;

/**
 * The encoding to use for an Accept-Encoding header: brotli when accepted, else gzip, else none.
 * Honours q=0 ("not acceptable") and the `*` wildcard.
 */
export function chooseEncoding(accept: string | null): Encoding | null {
	if (!accept) return null;
	const q = new Map<string, number>();
	for (const part of accept.toLowerCase().split(',')) {
		const [name, ...params] = part.trim().split(';');
		if (!name) continue;
		const weight = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
		const value = weight ? Number(weight.slice(2)) : 1;
		q.set(name.trim(), Number.isFinite(value) ? value : 0);
	}
	const accepted = (name: string) => (q.get(name) ?? q.get('*') ?? 0) > 0;
	if (accepted('br')) return 'br';
	if (accepted('gzip')) return 'gzip';
	return null;
}

/** Whether a response is worth compressing: text-like, not already encoded, not tiny. */
function compressible(response: Response, method: string): boolean {
	if (method === 'HEAD' || !response.body) return false;
	if (response.status === 204 || response.status === 206 || response.status === 304) return false;
	if (response.headers.has('content-encoding')) return false;
	if (!COMPRESSIBLE.test(response.headers.get('content-type') ?? '')) return false;
	const length = response.headers.get('content-length');
	return length === null || Number(length) >= MIN_BYTES;
}

/**
 * The response compressed for the request, or unchanged. Streamed pages stay streamed: every
 * chunk is flushed, so a deferred part of a page still arrives when it is ready.
 */
export function compressResponse(request: Request, response: Response): Response {
	const vary = response.headers.get('vary');
	const encoding = chooseEncoding(request.headers.get('accept-encoding'));
	if (!compressible(response, request.method)) return response;
	if (!/accept-encoding/i.test(vary ?? '')) response.headers.set('vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
	if (!encoding) return response;
	const compressor =
		encoding === 'br'
			? zlib.createBrotliCompress({
					flush: zlib.constants.BROTLI_OPERATION_FLUSH,
					params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5, [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT }
				})
			: zlib.createGzip({ flush: zlib.constants.Z_SYNC_FLUSH, level: 6 });
	const source = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>);
	source.on('error', (error) => compressor.destroy(error));
	const body = Readable.toWeb(source.pipe(compressor)) as unknown as ReadableStream<Uint8Array>;
	const headers = new Headers(response.headers);
	headers.delete('content-length');
	headers.set('content-encoding', encoding);
	return new Response(body, { status: response.status, statusText: response.statusText, headers });
}
