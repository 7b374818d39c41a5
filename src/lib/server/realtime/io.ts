/**
 * Socket.IO on the app's own HTTP server. The node entry (`server.js`) and the Vite dev plugin
 * put the HTTP server on `globalThis` before the app starts; `attachRealtime` (called from the
 * server `init` hook) attaches Socket.IO to it once. `publish` is how server code broadcasts,
 * always after the change is persisted.
 *
 * Protocol (typed in $lib/realtime/events):
 * - a client `subscribe`s to rooms with its last position per room; it gets exactly the
 *   missed updates (from the room log) or, when the gap is too old, a snapshot of the room;
 * - every `update` carries the room's sequence number and epoch;
 * - Socket.IO's connection state recovery replays packets of a short disconnection when the
 *   in-memory adapter is used; the subscribe/snapshot path works behind it in every set-up;
 * - messages are validated with zod; a malformed, oversized, unknown or too frequent message
 *   is dropped and only its sender gets a `problem`. Spectators have no event that scores
 *   or relays anything into a room.
 *
 * Scale-out: with REDIS_URL, the Socket.IO Redis adapter (pub/sub) shares rooms between
 * processes and the room log lives in Redis (see log.ts), so sequence numbers are monotonic
 * per room across processes. Clients connect with the WebSocket transport first: one
 * connection is one TCP stream, so no sticky sessions are needed.
 */
import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import type {
	ClientToServer,
	RealtimeErrorCode,
	RoomCatchUp,
	RoomUpdate,
	ServerToClient
} from '$lib/realtime/events';
import { CLIENT_LIMITS } from '$lib/realtime/events';
import type { Db } from '../db';
import { loadEnv } from '../env';
import { getApp } from '../app';
import { roomExists, roomSnapshot } from '../live/views';
import { FailoverRoomLog, MemoryRoomLog, RedisRoomLog, type RoomLog, type RedisLike } from './log';
import { CLIENT_EVENTS, roomSchema, subscribeSchema, unsubscribeSchema } from './schemas';
import { errorFields, log } from '../log';
import { clientAddress, ConnectionCounter, RoomHolder, SharedConnectionCounter, type ConnectionStore } from './caps';
import { observeBroadcast, roomKind, setRealtimeProbe } from '../ops/metrics';

export type Io = Server<ClientToServer, ServerToClient>;
type ServerSocket = Socket<ClientToServer, ServerToClient>;

const SERVER_KEY = Symbol.for('district-games.httpServer');
const STATE_KEY = Symbol.for('district-games.realtime');

interface RealtimeState {
	io: Io | null;
	log: RoomLog;
	db: (() => Promise<Db>) | null;
	redis: { pub: ReturnType<typeof createClient>; sub: ReturnType<typeof createClient> } | null;
	/** Rooms known to exist (expiry time), so 3,000 spectators joining cost one query. */
	existing: Map<string, number>;
	ready: Promise<void>;
	/** Whether the Redis connections are up right now (null: no Redis configured). */
	redisUp: () => boolean | null;
	/** Batched rooms: the latest payload per item key waiting to go out (see `publishBatched`). */
	batches: Map<string, Batch>;
	batchTimer: ReturnType<typeof setTimeout> | null;
	batchMs: number;
	/** The snapshot last taken of each room, with the room position it was taken at. */
	snapshots: Map<string, { position: string; at: number; value: Promise<unknown> }>;
	/** Open connections per client address (LIVE_MAX_CONNECTIONS_PER_ADDRESS), across processes with Redis. */
	connections: ConnectionCounter | SharedConnectionCounter;
}

/** How long a room's snapshot is shared by the spectators who join at the same position. */
const SNAPSHOT_MS = 1_000;

/** How long changes for a room that shows many matches are collected before they go out. */
export const DEFAULT_BATCH_MS = 500;

/** A batched room's waiting changes; `since` is when the oldest of them was committed. */
interface Batch {
	type: string;
	items: Map<string, unknown>;
	since: number;
}

type Globals = { [SERVER_KEY]?: HttpServer; [STATE_KEY]?: RealtimeState };
const globals = globalThis as Globals;

/** The process's realtime state; an in-memory log until `attachRealtime` decides otherwise. */
function state(): RealtimeState {
	return (globals[STATE_KEY] ??= {
		io: null,
		log: new MemoryRoomLog(),
		db: null,
		redis: null,
		existing: new Map(),
		ready: Promise.resolve(),
		redisUp: () => null,
		batches: new Map(),
		batchTimer: null,
		batchMs: DEFAULT_BATCH_MS,
		snapshots: new Map(),
		connections: new ConnectionCounter(1_000)
	});
}

export interface RealtimeOptions {
	/** Defaults to the server registered by server.js / the Vite plugin. */
	httpServer?: HttpServer;
	/** Defaults to the started app's database. */
	db?: Db;
	/** Defaults to REDIS_URL; null forces the single-process set-up. */
	redisUrl?: string | null;
	/** Updates kept per room for catch-up. */
	historySize?: number;
	/** How long batched rooms collect changes (default DEFAULT_BATCH_MS). */
	batchMs?: number;
	/** Connections per client address (default LIVE_MAX_CONNECTIONS_PER_ADDRESS). */
	maxConnectionsPerAddress?: number;
	/**
	 * Socket.IO's connection state recovery (default: on for a single process, off with Redis,
	 * where the pub/sub adapter cannot recover sessions across processes and the room log's
	 * numbered catch-up does the job). See the README for what it costs.
	 */
	connectionStateRecovery?: boolean;
}

/** Attaches Socket.IO to the HTTP server the entry point registered, once per process. */
export function attachRealtime(options: RealtimeOptions = {}): Io | null {
	const current = state();
	if (current.io) return current.io;
	const httpServer = options.httpServer ?? globals[SERVER_KEY];
	if (!httpServer) return null;
	const redisUrl = options.redisUrl === undefined ? loadEnv().REDIS_URL : options.redisUrl;

	const io: Io = new Server(httpServer, {
		serveClient: false,
		transports: ['websocket', 'polling'],
		// A hard cap: the engine closes a connection that sends more. Below it, `guard` drops
		// a message larger than CLIENT_LIMITS.maxMessageBytes with a problem to its sender.
		maxHttpBufferSize: 64 * 1024,
		perMessageDeflate: false,
		destroyUpgrade: false,
		...((options.connectionStateRecovery ?? !redisUrl) ? { connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: true } } : {})
	});
	current.db = options.db ? async () => options.db as Db : async () => (await getApp()).db;
	if (options.batchMs !== undefined) current.batchMs = options.batchMs;
	if (redisUrl) {
		const { pub, sub, up, ready } = connectRedis(redisUrl);
		current.redis = { pub, sub };
		current.redisUp = up;
		current.ready = ready;
		io.adapter(createAdapter(publishWhenUp(pub, up), subscribeWhenReady(sub), { key: 'dg:socket.io' }));
		const shared = new RedisRoomLog(pub as unknown as RedisLike, { historySize: options.historySize });
		pub.on('ready', () => shared.resetEpoch());
		current.log = new FailoverRoomLog(shared, new MemoryRoomLog(options.historySize), up, REDIS_TIMEOUT_MS, (error) =>
			log.warn('redis room log unavailable: this process numbers its rooms alone', errorFields(error))
		);
	} else if (options.historySize) {
		current.log = new MemoryRoomLog(options.historySize);
	}
	const env = loadEnv();
	const local = new ConnectionCounter(options.maxConnectionsPerAddress ?? env.LIVE_MAX_CONNECTIONS_PER_ADDRESS);
	if (current.redis) {
		const { pub } = current.redis;
		const shared = new SharedConnectionCounter(local, pub as unknown as ConnectionStore, () => current.redisUp() === true, {
			onDegrade: (error) => log.warn('redis unreachable: connections per address are capped per process until it is back', errorFields(error)),
			onRecover: () => log.info('redis back: connections per address are capped across processes again')
		});
		pub.on('ready', () => void shared.resync().catch(() => undefined));
		current.connections = shared;
	} else {
		current.connections = local;
	}
	const trust = { addressHeader: env.ADDRESS_HEADER, xffDepth: env.XFF_DEPTH };
	// Refused before the connection is set up: the client gets a connect_error, nothing else.
	io.use((socket, next) => {
		const address = clientAddress(socket.handshake.address, socket.handshake.headers, trust);
		void Promise.resolve(current.connections.admit(address)).then((admitted) => {
			if (!admitted) return next(new Error('too_many_connections'));
			addresses.set(socket, address);
			next();
		});
	});
	io.on('connection', (socket: ServerSocket) => {
		// A recovered session skips the middleware: count it, it held a place before.
		if (!addresses.has(socket)) {
			const address = clientAddress(socket.handshake.address, socket.handshake.headers, trust);
			current.connections.add(address);
			addresses.set(socket, address);
		}
		socket.on('disconnect', () => current.connections.release(addresses.get(socket) ?? ''));
		// The upgrade request and its headers were needed for the address only: let them go
		// (an IncomingMessage, its headers and raw headers stay alive per connection otherwise).
		(socket.conn as unknown as { request: unknown }).request = null;
		socket.handshake.headers = {};
		onConnection(socket);
	});
	current.io = io;
	setRealtimeProbe({
		connections: () => io.engine.clientsCount,
		socketsByRoomKind: () => {
			const counts = new Map<string, number>();
			for (const [room, members] of io.of('/').adapter.rooms) {
				// Every socket is in a room named after its own id: not a room anyone watches.
				if (members.has(room)) continue;
				const kind = roomKind(room);
				counts.set(kind, (counts.get(kind) ?? 0) + members.size);
			}
			return counts;
		},
		roomLog: () => current.log.size()
	});
	return io;
}

/** Resolves once the Redis connections (if any) are up (tests wait on it; the app never does). */
export function realtimeReady(): Promise<void> {
	return state().ready;
}

/**
 * How long a Redis command may take before this process carries on without Redis (a Redis
 * that accepts connections but never answers). Not shorter: a busy process (hundreds of
 * spectators reconnecting at once after a failover) may run a 500 ms timer before it reads a
 * reply that arrived long before, and each such false alarm switched the room log to this
 * process's own epoch — every spectator of the room then needed a snapshot. A Redis that is
 * down is noticed at once anyway: its connection closes and commands fail without waiting.
 */
const REDIS_TIMEOUT_MS = 2_000;

/**
 * Opens the two Redis connections (commands + pub/sub) so that an unreachable Redis never
 * blocks a request: commands fail at once while disconnected (no offline queue) or after
 * REDIS_TIMEOUT_MS, the connection is retried in the background every ≤ 2 s for ever, and the
 * subscriptions are restored when it comes back. Logs each change of state once, not each retry.
 */
function connectRedis(url: string) {
	const pub = createClient({
		url,
		disableOfflineQueue: true,
		commandOptions: { timeout: REDIS_TIMEOUT_MS },
		socket: { connectTimeout: 1_000, reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2_000) }
	});
	// The subscriber keeps its offline queue: the adapter's SUBSCRIBE calls (which it never
	// awaits) must wait for the connection rather than fail, and are renewed on every reconnect.
	const sub = pub.duplicate({ disableOfflineQueue: false });
	let reported: 'up' | 'down' | null = null;
	const report = (now: 'up' | 'down', error?: unknown) => {
		if (reported === now) return;
		reported = now;
		if (now === 'up') log.info('redis connected: rooms are shared with the other app processes');
		else log.error('redis unreachable: serving from this process alone until it is back', errorFields(error));
	};
	const up = () => pub.isReady && sub.isReady;
	for (const client of [pub, sub]) {
		client.on('error', (error: Error) => report('down', error));
		client.on('ready', () => {
			if (up()) report('up');
		});
	}
	const ready = Promise.all([pub.connect(), sub.connect()]).then(() => undefined);
	ready.catch((error: unknown) => report('down', error));
	return { pub, sub, up, ready };
}

type RedisClient = ReturnType<typeof createClient>;

/** `client` with some methods replaced (the rest bound to the client itself). */
function withMethods(client: RedisClient, methods: Record<string, (...args: never[]) => unknown>): RedisClient {
	return new Proxy(client, {
		get(target, property, receiver) {
			if (typeof property === 'string' && property in methods) return methods[property];
			const value: unknown = Reflect.get(target, property, receiver);
			return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
		}
	});
}

/**
 * The adapter's publishing client, except that a broadcast while Redis is down is delivered to
 * this process's sockets only instead of failing (the adapter does not handle a rejected publish).
 */
function publishWhenUp(pub: RedisClient, up: () => boolean): RedisClient {
	return withMethods(pub, {
		publish: (channel: string, message: string | Buffer) => (up() ? pub.publish(channel, message).catch(() => 0) : Promise.resolve(0))
	});
}

/**
 * The adapter's subscribing client, except that its subscriptions wait until the connection is
 * ready. node-redis (5.10) loses the messages of a subscription sent while its first connection
 * attempt failed (the reply decoder is reset), so with Redis down at start this process would
 * never hear the others; once subscribed, the client renews them itself on every reconnect.
 */
function subscribeWhenReady(sub: RedisClient): RedisClient {
	const whenReady =
		<A extends unknown[]>(method: (...args: A) => Promise<unknown>) =>
		(...args: A): Promise<unknown> =>
			sub.isReady ? method(...args) : new Promise((resolve) => sub.once('ready', () => resolve(method(...args))));
	return withMethods(sub, {
		subscribe: whenReady(sub.subscribe.bind(sub) as (...args: unknown[]) => Promise<unknown>),
		pSubscribe: whenReady(sub.pSubscribe.bind(sub) as (...args: unknown[]) => Promise<unknown>)
	});
}

/**
 * Whether Redis is configured and reachable, for the readiness check: `off` without REDIS_URL,
 * else `up` when a PING answers within REDIS_TIMEOUT_MS, `down` otherwise.
 */
export async function redisHealth(): Promise<'off' | 'up' | 'down'> {
	const current = state();
	if (!current.redis) return 'off';
	if (!current.redisUp()) return 'down';
	try {
		await current.redis.pub.ping();
		return 'up';
	} catch {
		return 'down';
	}
}

/** Closes Socket.IO and Redis connections (tests; graceful shutdown). */
export async function detachRealtime(): Promise<void> {
	const current = globals[STATE_KEY];
	if (!current) return;
	await flushBatches();
	delete globals[STATE_KEY];
	if (current.connections instanceof SharedConnectionCounter) await current.connections.close();
	setRealtimeProbe(null);
	await new Promise<void>((resolve) => {
		if (current.io) void current.io.close(() => resolve());
		else resolve();
	});
	if (current.redis) {
		// A connection still retrying is dropped; a live one finishes its commands first.
		await Promise.allSettled([current.redis.pub, current.redis.sub].map((client) => (client.isReady ? client.quit() : client.destroy())));
	}
	await current.log.close();
}

/** The room log (sequence numbers and history) of this process. */
export function roomLog(): RoomLog {
	return state().log;
}

/**
 * Broadcasts a persisted change to a room with the room's next sequence number and keeps it
 * in the room's history. Call only after the transaction that made the change has committed;
 * `committedAt` (epoch ms, default now) is when it did, for the fan-out lag metric.
 */
export async function publish<T>(room: string, type: string, payload: T, committedAt = Date.now()): Promise<RoomUpdate<T>> {
	const current = state();
	const update = (await current.log.append(room, type, payload)) as RoomUpdate<T>;
	current.io?.to(room).emit('update', update);
	observeBroadcast(room, committedAt);
	return update;
}

/**
 * Queues a persisted change for a room that shows many items (the live overview, a venue, a
 * category, a street): such a room gets at most one update every `batchMs`, a `batch` holding
 * the latest payload of each item (by `key`) that changed, in the order they changed. With
 * 40 tables scoring, a spectator of "now playing" gets two messages a second instead of one per
 * point of every table — the cost of a room is its messages × its spectators. Each batch is
 * numbered and kept like any update, so catch-up and snapshots work unchanged. Call only after
 * the change has committed.
 */
export function publishBatched<T>(room: string, type: string, key: string, payload: T, committedAt = Date.now()): void {
	const current = state();
	let batch = current.batches.get(room);
	if (!batch || batch.type !== type) {
		if (batch) void sendBatch(room, batch);
		current.batches.set(room, (batch = { type, items: new Map(), since: committedAt }));
	}
	batch.items.delete(key);
	batch.items.set(key, payload);
	current.batchTimer ??= setTimeout(() => void flushBatches(), current.batchMs);
}

/** Sends every waiting batch now (the timer's job; also before shutting down, and in tests). */
export async function flushBatches(): Promise<void> {
	const current = state();
	if (current.batchTimer) clearTimeout(current.batchTimer);
	current.batchTimer = null;
	const waiting = [...current.batches];
	current.batches.clear();
	await Promise.all(waiting.map(([room, batch]) => sendBatch(room, batch)));
}

async function sendBatch(room: string, batch: Batch): Promise<void> {
	try {
		await publish(room, 'batch', { type: batch.type, items: [...batch.items.values()] }, batch.since);
	} catch (error) {
		log.error('batched broadcast failed', errorFields(error));
	}
}

function problem(socket: ServerSocket, code: RealtimeErrorCode, event: string): void {
	socket.emit('problem', { code, event });
}

function byteLength(args: unknown[]): number {
	try {
		return Buffer.byteLength(JSON.stringify(args.filter((a) => typeof a !== 'function')) ?? '');
	} catch {
		return Number.POSITIVE_INFINITY;
	}
}

/** A token bucket per socket: 30 messages, refilled at 3 per second. */
function rateLimiter(): () => boolean {
	let tokens = 30;
	let last = Date.now();
	return () => {
		const now = Date.now();
		tokens = Math.min(30, tokens + ((now - last) / 1000) * 3);
		last = now;
		if (tokens < 1) return false;
		tokens -= 1;
		return true;
	};
}

async function exists(room: string): Promise<boolean> {
	const current = state();
	const until = current.existing.get(room);
	if (until && until > Date.now()) return true;
	if (!current.db) return false;
	const ok = await roomExists(await current.db(), room);
	if (ok) {
		if (current.existing.size > 50_000) current.existing.clear();
		current.existing.set(room, Date.now() + 10 * 60_000);
	}
	return ok;
}

async function catchUp(room: string, since: number | undefined, epoch: string | undefined): Promise<RoomCatchUp> {
	const current = state();
	const position = await current.log.position(room);
	if (since !== undefined && epoch === position.epoch) {
		const updates = await current.log.since(room, since);
		// An update of another epoch means the log switched (Redis went or came) in between.
		if (updates && updates.every((u) => u.epoch === position.epoch)) return { room, ok: true, mode: 'updates', epoch: position.epoch, seq: updates.at(-1)?.seq ?? since, updates };
	}
	// Position first, then the state: an update after `position` may already be in the
	// snapshot and arrive again; the client ignores what it already has.
	const snapshot = current.db ? await sharedSnapshot(room, `${position.epoch}:${position.seq}`) : null;
	return { room, ok: true, mode: 'snapshot', epoch: position.epoch, seq: position.seq, snapshot };
}

/**
 * A room's snapshot, shared by everyone who asks within SNAPSHOT_MS while the room is at the
 * same position: when a crowd opens a streamed final at once, the database answers once per
 * second instead of once per spectator. A new update moves the position, so nobody gets a
 * snapshot older than the updates they will receive; changes that are never broadcast show
 * within a second.
 */
async function sharedSnapshot(room: string, position: string): Promise<unknown> {
	const current = state();
	const cached = current.snapshots.get(room);
	if (cached && cached.position === position && Date.now() - cached.at < SNAPSHOT_MS) return cached.value;
	const db = current.db as () => Promise<Db>;
	const value = db().then((d) => roomSnapshot(d, room));
	if (current.snapshots.size > 10_000) current.snapshots.clear();
	current.snapshots.set(room, { position, at: Date.now(), value });
	value.catch(() => {
		if (current.snapshots.get(room)?.value === value) current.snapshots.delete(room);
	});
	return value;
}

/** The client address each connection was counted under. */
const addresses = new WeakMap<ServerSocket, string>();

function onConnection(socket: ServerSocket): void {
	const allow = rateLimiter();
	// Every path that adds rooms reserves them here first (recovered sessions keep theirs).
	const held = new RoomHolder(
		CLIENT_LIMITS.maxRoomsPerSocket,
		[...socket.rooms].filter((room) => room !== socket.id)
	);
	socket.emit('welcome', { serverTime: new Date().toISOString(), recovered: socket.recovered });

	// Every incoming packet passes here first: unknown events, oversized and too frequent
	// messages are dropped; only the sender hears why (and its ack, if any, gets the error).
	socket.use((packet, next) => {
		const [event, ...args] = packet as [unknown, ...unknown[]];
		const name = typeof event === 'string' ? event.slice(0, 40) : '?';
		const ack = args.at(-1);
		const refuse = (code: RealtimeErrorCode) => {
			problem(socket, code, name);
			if (typeof ack === 'function') (ack as (r: unknown) => void)({ ok: false, error: code });
		};
		if (typeof event !== 'string' || !CLIENT_EVENTS.has(event)) return refuse('unknown_event');
		if (byteLength(args) > CLIENT_LIMITS.maxMessageBytes) return refuse('too_large');
		if (!allow()) return refuse('rate_limited');
		next();
	});

	socket.on('subscribe', async (request, ack) => {
		const reply = typeof ack === 'function' ? ack : () => {};
		const parsed = subscribeSchema.safeParse(request);
		if (!parsed.success) {
			problem(socket, 'bad_message', 'subscribe');
			return reply({ ok: false, error: 'bad_message' });
		}
		const wanted = parsed.data.rooms.map((r) => r.room).filter((room) => !socket.rooms.has(room));
		if (!held.reserve(wanted)) {
			problem(socket, 'too_many_rooms', 'subscribe');
			return reply({ ok: false, error: 'too_many_rooms' });
		}
		try {
			const rooms = await Promise.all(
				parsed.data.rooms.map(async ({ room, since, epoch }): Promise<RoomCatchUp> => {
					if (!(await exists(room))) {
						if (!socket.rooms.has(room)) held.release(room);
						return { room, ok: false, error: 'unknown_room' };
					}
					await socket.join(room);
					return catchUp(room, since, epoch);
				})
			);
			if (rooms.some((r) => !r.ok)) problem(socket, 'unknown_room', 'subscribe');
			reply({ ok: true, rooms });
		} catch (error) {
			for (const room of wanted) if (!socket.rooms.has(room)) held.release(room);
			log.error('subscribe failed', errorFields(error));
			problem(socket, 'server_error', 'subscribe');
			reply({ ok: false, error: 'server_error' });
		}
	});

	socket.on('unsubscribe', (request) => {
		const parsed = unsubscribeSchema.safeParse(request);
		if (!parsed.success) return problem(socket, 'bad_message', 'unsubscribe');
		for (const room of parsed.data.rooms) {
			held.release(room);
			void socket.leave(room);
		}
	});

	socket.on('join', async (room, ack) => {
		const reply = typeof ack === 'function' ? ack : () => {};
		const parsed = roomSchema.safeParse(room);
		if (!parsed.success) {
			problem(socket, 'bad_message', 'join');
			return reply({ ok: false, error: 'bad_message' });
		}
		const already = socket.rooms.has(parsed.data);
		if (!held.reserve([parsed.data])) {
			problem(socket, 'too_many_rooms', 'join');
			return reply({ ok: false, error: 'too_many_rooms' });
		}
		try {
			if (!(await exists(parsed.data))) {
				if (!already) held.release(parsed.data);
				problem(socket, 'unknown_room', 'join');
				return reply({ ok: false, error: 'unknown_room' });
			}
			await socket.join(parsed.data);
			const position = await state().log.position(parsed.data);
			reply({ ok: true, seq: position.seq, epoch: position.epoch });
		} catch {
			if (!socket.rooms.has(parsed.data)) held.release(parsed.data);
			problem(socket, 'server_error', 'join');
			reply({ ok: false, error: 'server_error' });
		}
	});

	socket.on('leave', (room) => {
		const parsed = roomSchema.safeParse(room);
		if (!parsed.success) return problem(socket, 'bad_message', 'leave');
		held.release(parsed.data);
		void socket.leave(parsed.data);
	});
}
