/**
 * Memory per connected spectator (`npm run bench:socket-memory`, prints a table): the app's
 * realtime layer (attachRealtime, as server.js runs it) in this process, N Socket.IO clients
 * in a child process, each subscribed to the `live` room; heap and resident memory after a
 * full GC, before and after the clients connect, divided by N. `--heap-snapshot DIR` writes
 * a heap snapshot with the clients connected (open it in Chrome DevTools → Memory).
 *
 *   npm run bench:socket-memory [-- --clients 2000 --recovery on|off --heap-snapshot /tmp]
 */
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import v8 from 'node:v8';

const { values } = parseArgs({
	options: {
		role: { type: 'string', default: 'driver' },
		clients: { type: 'string', default: '2000' },
		url: { type: 'string' },
		'heap-snapshot': { type: 'string' },
		recovery: { type: 'string', default: 'on' }
	}
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function clients(): Promise<void> {
	const { io } = await import('socket.io-client');
	const sockets = [];
	for (let i = 0; i < Number(values.clients); i++) {
		const socket = io(values.url as string, { transports: ['websocket'], reconnection: false, forceNew: true });
		await new Promise<void>((resolve, reject) => {
			socket.once('connect', () => socket.emit('subscribe', { rooms: [{ room: 'live' }] }, () => resolve()));
			socket.once('connect_error', reject);
		});
		sockets.push(socket);
		if (i % 100 === 99) await sleep(5);
	}
	process.send?.({ ready: true });
	process.on('message', () => process.exit(0));
}

function measure(): { heap: number; rss: number } {
	for (let i = 0; i < 3; i++) (globalThis as { gc?: () => void }).gc?.();
	const m = process.memoryUsage();
	return { heap: m.heapUsed + m.external + m.arrayBuffers, rss: m.rss };
}

async function driver(): Promise<void> {
	if (!(globalThis as { gc?: () => void }).gc) throw new Error('run with node --expose-gc (npm run bench:socket-memory does)');
	const n = Number(values.clients);
	const { openDatabase } = await import('../../src/lib/server/db');
	const { seedBase } = await import('../../src/lib/server/db/seed');
	const { attachRealtime, detachRealtime } = await import('../../src/lib/server/realtime/io');
	const dir = mkdtempSync(path.join(tmpdir(), 'dg-socket-memory-'));
	const opened = await openDatabase(`file:${path.join(dir, 'm.db')}`);
	await seedBase(opened.db);
	const server = createServer((_req, res) => res.writeHead(404).end());
	const recovery = values.recovery !== 'off';
	attachRealtime({ httpServer: server, db: opened.db, redisUrl: null, maxConnectionsPerAddress: 1_000_000, connectionStateRecovery: recovery });
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	// One client first: every module and lazily created structure is in place before measuring.
	const warm = fork(fileURLToPath(import.meta.url), ['--role', 'clients', '--clients', '1', '--url', url], { execArgv: ['--import', 'tsx'] });
	await new Promise((r) => warm.once('message', r));
	await sleep(500);
	const before = measure();
	const child = fork(fileURLToPath(import.meta.url), ['--role', 'clients', '--clients', String(n), '--url', url], { execArgv: ['--import', 'tsx'] });
	await new Promise((r) => child.once('message', r));
	await sleep(1000);
	const after = measure();
	if (values['heap-snapshot']) console.log(`heap snapshot: ${v8.writeHeapSnapshot(path.join(values['heap-snapshot'], `socket-memory-${n}.heapsnapshot`))}`);
	console.log(`\n${n} spectators connected over WebSocket, each in the live room (one process, after a full GC), connection state recovery ${recovery ? 'on' : 'off'}:`);
	console.log(`  JS heap + external per spectator: ${((after.heap - before.heap) / n / 1024).toFixed(1)} KB`);
	console.log(`  resident memory per spectator:    ${((after.rss - before.rss) / n / 1024).toFixed(1)} KB`);
	child.send('stop');
	warm.send('stop');
	await sleep(500);
	await detachRealtime();
	server.closeAllConnections();
	server.close();
	await opened.close();
	rmSync(dir, { recursive: true, force: true });
	process.exit(0);
}

if (values.role === 'clients') await clients();
else await driver();
