// Production entry: one HTTP server for the SvelteKit app (adapter-node's handler) and
// Socket.IO. The app attaches Socket.IO itself at start-up (src/hooks.server.ts → init) to the
// server registered here, so the realtime code lives in one place for dev and production.
import http from 'node:http';

// adapter-node assumes https when it cannot tell; with neither ORIGIN nor PROTOCOL_HEADER set,
// tell it what this server really speaks, so same-origin form posts pass the CSRF check on
// plain http (npm start on a laptop). Behind a TLS proxy, the proxy's header wins.
const inferProtocol = !process.env.ORIGIN && !process.env.PROTOCOL_HEADER;
if (inferProtocol) process.env.PROTOCOL_HEADER = 'x-forwarded-proto';

// adapter-node refuses request bodies above BODY_SIZE_LIMIT (512 KB by default), far below an
// art entry's photos. Allow up to five images of ART_MAX_IMAGE_MB (default 15) plus the form;
// the art form action still refuses an oversized upload early from its declared length.
process.env.BODY_SIZE_LIMIT ??= `${Math.ceil(Number(process.env.ART_MAX_IMAGE_MB || 15) * 5 + 1)}M`;

const server = http.createServer((req, res) => {
	// Prometheus metrics of this process, before SvelteKit (no session, no page): the app
	// decides who may read them (METRICS_TOKEN, or loopback without a proxy in between).
	if (req.method === 'GET' && req.url?.split('?')[0] === '/metrics') {
		const metrics = globalThis[Symbol.for('district-games.serveMetrics')];
		if (metrics) return void metrics(req, res);
	}
	if (inferProtocol && !req.headers['x-forwarded-proto']) req.headers['x-forwarded-proto'] = 'http';
	handle(req, res);
});
globalThis[Symbol.for('district-games.httpServer')] = server;

/** @type {(req: http.IncomingMessage, res: http.ServerResponse) => void} */
let handle = (_req, res) => {
	res.statusCode = 503;
	res.end('starting');
};
// Importing the handler runs the app's start-up: environment, migrations, seed, Socket.IO.
const { handler } = await import('./build/handler.js');
handle = handler;

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';
server.listen(port, host, () => {
	const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
	console.log(`District games app listening on http://${shown}:${port}`);
});

// Graceful shutdown: stop accepting connections, let requests in flight finish (each write is
// one database transaction, so it either completes or never happened), close Socket.IO and the
// database, then exit. A hard limit keeps a stuck connection from blocking a deploy.
let closing = false;
function shutdown(signal) {
	if (closing) return;
	closing = true;
	console.log(`${signal} received: finishing requests in flight, then stopping.`);
	setTimeout(() => process.exit(1), 10_000).unref();
	const app = globalThis[Symbol.for('district-games.shutdown')];
	server.close(() => {
		Promise.resolve(app?.stop()).then(
			() => process.exit(0),
			(error) => {
				console.error('stopping failed:', error);
				process.exit(1);
			}
		);
	});
	server.closeIdleConnections?.();
	// Socket.IO's long-lived connections would hold server.close open: close them now.
	void app?.closeConnections();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
