/**
 * Prometheus metrics of this process (prom-client): HTTP latency by route, scoring operations
 * and their latency, broadcasts and fan-out lag, connected sockets by room kind, room-log
 * size, and Node's own metrics (event-loop lag, memory, CPU, handles). Each app process has
 * its own registry, so Prometheus scrapes every process on its own port (never through the
 * proxy, which would answer from a random process).
 *
 * `/metrics` is answered by server.js (before SvelteKit, without a session) through
 * `serveMetrics`, and only to whom `metricsAllowed` admits: a bearer token when METRICS_TOKEN
 * is set; otherwise a request from the loopback interface that did not come through a proxy.
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { TRPCError } from '@trpc/server';
import { loadEnv } from '../env';

const KEY = Symbol.for('district-games.metrics');

/** Room kinds for the socket gauge: the part of a room name before its first colon. */
export const ROOM_KINDS = ['match', 'category', 'venue', 'street', 'live', 'medals', 'other'] as const;

export function roomKind(room: string): string {
	const kind = room.split(':', 1)[0] ?? '';
	return (ROOM_KINDS as readonly string[]).includes(kind) ? kind : 'other';
}

/** What the realtime layer reports when scraped (set by io.ts; null before Socket.IO is attached). */
export interface RealtimeProbe {
	connections(): number;
	socketsByRoomKind(): Map<string, number>;
	roomLog(): Promise<{ rooms: number; entries: number } | null>;
}

function build() {
	const registry = new Registry();
	collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
	const state: { probe: RealtimeProbe | null } = { probe: null };
	const seconds = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
	const metrics = {
		state,
		registry,
		http: new Histogram({
			name: 'dg_http_request_duration_seconds',
			help: 'Time to answer an HTTP request handled by the app (pages, form actions, tRPC), by route',
			labelNames: ['method', 'route', 'status'] as const,
			buckets: seconds,
			registers: [registry]
		}),
		scoring: new Histogram({
			name: 'dg_scoring_operation_duration_seconds',
			help: 'Time to carry out one referee scoring operation (transaction included), by outcome',
			labelNames: ['outcome'] as const,
			buckets: seconds,
			registers: [registry]
		}),
		broadcasts: new Counter({
			name: 'dg_broadcasts_total',
			help: 'Updates broadcast to a room, by room kind',
			labelNames: ['room_kind'] as const,
			registers: [registry]
		}),
		fanoutLag: new Histogram({
			name: 'dg_fanout_lag_seconds',
			help: 'Time from the commit of a change to its broadcast being handed to Socket.IO (batched rooms include their batch wait), by room kind',
			labelNames: ['room_kind'] as const,
			buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 0.75, 1, 2, 5],
			registers: [registry]
		})
	};
	new Gauge({
		name: 'dg_socket_connections',
		help: 'Socket.IO connections open on this process',
		registers: [registry],
		collect() {
			this.set(state.probe?.connections() ?? 0);
		}
	});
	new Gauge({
		name: 'dg_room_sockets',
		help: 'Socket memberships on this process by room kind (a spectator of two matches counts twice under match)',
		labelNames: ['room_kind'] as const,
		registers: [registry],
		collect() {
			this.reset();
			for (const [kind, count] of state.probe?.socketsByRoomKind() ?? []) this.set({ room_kind: kind }, count);
		}
	});
	const logRooms = new Gauge({
		name: 'dg_room_log_rooms',
		help: 'Rooms with a catch-up history in the room log (Redis when configured and reachable, else this process)',
		registers: [registry]
	});
	new Gauge({
		name: 'dg_room_log_entries',
		help: 'Updates kept for catch-up in the room log, over all rooms',
		registers: [registry],
		async collect() {
			const size = await state.probe?.roomLog().catch(() => null);
			this.set(size?.entries ?? 0);
			logRooms.set(size?.rooms ?? 0);
		}
	});
	return metrics;
}

type Metrics = ReturnType<typeof build>;

/** This process's metrics (one registry per process, kept across dev reloads). */
export function metrics(): Metrics {
	const holder = globalThis as { [KEY]?: Metrics };
	return (holder[KEY] ??= build());
}

/** Called by io.ts once Socket.IO is attached. */
export function setRealtimeProbe(probe: RealtimeProbe | null): void {
	metrics().state.probe = probe;
}

/** Records one answered HTTP request (hooks.server.ts). `route` is SvelteKit's route id. */
export function observeRequest(method: string, route: string | null, status: number, ms: number): void {
	metrics().http.observe({ method, route: route ?? 'unmatched', status: String(status) }, ms / 1000);
}

/** Records a broadcast to `room` of a change committed at `committedAt` (epoch ms). */
export function observeBroadcast(room: string, committedAt: number): void {
	const kind = roomKind(room);
	const m = metrics();
	m.broadcasts.inc({ room_kind: kind });
	m.fanoutLag.observe({ room_kind: kind }, Math.max(0, Date.now() - committedAt) / 1000);
}

/**
 * Times one scoring operation and counts it by outcome: `accepted`, `duplicate` (a replayed
 * opId), `stale` (based on an old version), `refused` (a rule or permission said no) or `error`.
 */
export async function observeScoring<T extends { ok: boolean; duplicate?: boolean }>(work: () => Promise<T>): Promise<T> {
	const end = metrics().scoring.startTimer();
	try {
		const result = await work();
		end({ outcome: result.ok ? (result.duplicate ? 'duplicate' : 'accepted') : 'stale' });
		return result;
	} catch (error) {
		end({ outcome: error instanceof TRPCError && error.code !== 'INTERNAL_SERVER_ERROR' ? 'refused' : 'error' });
		throw error;
	}
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;
const PROXY_HEADERS = ['x-forwarded-for', 'x-real-ip', 'forwarded'];

/**
 * Who may read /metrics: with a token configured, whoever sends `Authorization: Bearer <token>`
 * (compared in constant time); without one, only a request over the loopback interface that
 * carries no proxy header — the proxy on the same machine forwards public requests from
 * loopback too, but always adds X-Forwarded-For/X-Real-IP (and the shipped nginx config also
 * refuses /metrics itself).
 */
export function metricsAllowed(remoteAddress: string | undefined, headers: IncomingMessage['headers'], token: string | undefined): boolean {
	if (token) {
		const given = /^Bearer (.+)$/.exec(String(headers.authorization ?? ''))?.[1] ?? '';
		const digest = (text: string) => createHash('sha256').update(text).digest();
		return timingSafeEqual(digest(given), digest(token));
	}
	return LOOPBACK.test(remoteAddress ?? '') && !PROXY_HEADERS.some((h) => headers[h] !== undefined);
}

/** Answers GET /metrics (server.js): the exposition text, or 404 to whom may not see it. */
export async function serveMetrics(req: IncomingMessage, res: ServerResponse): Promise<void> {
	if (!metricsAllowed(req.socket.remoteAddress, req.headers, loadEnv().METRICS_TOKEN)) {
		res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
		res.end('Not found');
		return;
	}
	try {
		const { registry } = metrics();
		const body = await registry.metrics();
		res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
		res.end(body);
	} catch {
		res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
		res.end('metrics unavailable');
	}
}
