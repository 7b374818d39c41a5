/**
 * Per-room sequence numbers and the recent history of each room, so that a client that
 * reconnects gets exactly the updates it missed, in order — or `null` ("too old, take a
 * snapshot") when the gap is no longer in the history.
 *
 * Two implementations with one interface:
 * - `MemoryRoomLog` for a single process (the default): a counter and a bounded ring per room;
 *   its epoch is new at every start, so clients of a previous run get snapshots.
 * - `RedisRoomLog` when REDIS_URL is set: one Lua script does `INCR` of the room's counter
 *   and `ZADD` of the update (scored by its seq) to a sorted set trimmed to the last
 *   `historySize` entries, atomically. Sequence numbers therefore stay monotonic per room
 *   across every app process, and any process can serve any client's catch-up. The epoch
 *   is one Redis key set once (`SET NX`); if Redis is flushed it changes and clients resync.
 */
import { randomUUID } from 'node:crypto';
import type { RoomUpdate } from '$lib/realtime/events';

export interface RoomLog {
	/** Numbers, stores and returns an update (the caller then emits it). */
	append(room: string, type: string, payload: unknown): Promise<RoomUpdate>;
	/** The room's current position (seq 0 when nothing was ever published). */
	position(room: string): Promise<{ epoch: string; seq: number }>;
	/**
	 * The updates after `since`, in order, or null when some of them are no longer kept
	 * (or `since` is ahead of the room: the numbering was reset).
	 */
	since(room: string, since: number): Promise<RoomUpdate[] | null>;
	/** How many rooms have a history and how many updates are kept over all rooms (for /metrics). */
	size(): Promise<{ rooms: number; entries: number }>;
	close(): Promise<void>;
}

/** How many updates per room are kept for catch-up (about a game of table tennis). */
export const DEFAULT_HISTORY = 256;

/** In-process log: for one app process (tests, the embedded SQLite set-up). */
export class MemoryRoomLog implements RoomLog {
	readonly epoch = randomUUID().slice(0, 8);
	#rooms = new Map<string, { seq: number; items: RoomUpdate[] }>();
	constructor(private readonly historySize = DEFAULT_HISTORY) {}

	async append(room: string, type: string, payload: unknown): Promise<RoomUpdate> {
		let entry = this.#rooms.get(room);
		if (!entry) this.#rooms.set(room, (entry = { seq: 0, items: [] }));
		const update: RoomUpdate = { room, seq: ++entry.seq, epoch: this.epoch, type, payload, at: Date.now() };
		entry.items.push(update);
		if (entry.items.length > this.historySize) entry.items.splice(0, entry.items.length - this.historySize);
		return update;
	}

	async position(room: string) {
		return { epoch: this.epoch, seq: this.#rooms.get(room)?.seq ?? 0 };
	}

	async since(room: string, since: number): Promise<RoomUpdate[] | null> {
		const entry = this.#rooms.get(room);
		const seq = entry?.seq ?? 0;
		if (since > seq) return null;
		if (since === seq) return [];
		const items = entry?.items ?? [];
		if (!items.length || (items[0]?.seq ?? Infinity) > since + 1) return null;
		return items.filter((u) => u.seq > since);
	}

	async size() {
		let entries = 0;
		for (const entry of this.#rooms.values()) entries += entry.items.length;
		return { rooms: this.#rooms.size, entries };
	}

	async close() {}
}

/** The subset of a node-redis client this log uses. */
export interface RedisLike {
	eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
	get(key: string): Promise<string | null>;
	set(key: string, value: string, options: { NX: true }): Promise<unknown>;
}

const APPEND = `
local seq = redis.call('INCR', KEYS[1])
local msg = '{"seq":' .. seq .. ',' .. string.sub(ARGV[1], 2)
redis.call('ZADD', KEYS[2], seq, msg)
redis.call('ZREMRANGEBYRANK', KEYS[2], 0, -(tonumber(ARGV[2]) + 1))
redis.call('EXPIRE', KEYS[2], ARGV[3])
return seq`;

/** Returns [current seq, oldest kept seq or -1, ...updates after ARGV[1]]. */
const SINCE = `
local seq = tonumber(redis.call('GET', KEYS[1]) or '0')
local oldest = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
local first = -1
if oldest[2] then first = tonumber(oldest[2]) end
local result = { seq, first }
if tonumber(ARGV[1]) < seq and first ~= -1 and first <= tonumber(ARGV[1]) + 1 then
  local items = redis.call('ZRANGEBYSCORE', KEYS[2], '(' .. ARGV[1], '+inf')
  for i = 1, #items do result[#result + 1] = items[i] end
end
return result`;

/** One SCAN step over the logs: returns [next cursor, rooms seen, entries in them]. */
const SIZE_STEP = `
local scan = redis.call('SCAN', ARGV[1], 'MATCH', ARGV[2], 'COUNT', 500)
local entries = 0
for i = 1, #scan[2] do entries = entries + redis.call('ZCARD', scan[2][i]) end
return { scan[1], #scan[2], entries }`;

/** Shared log in Redis, for several app processes behind one address. */
export class RedisRoomLog implements RoomLog {
	#epochValue: Promise<string> | null = null;
	constructor(
		private readonly redis: RedisLike,
		private readonly options: { prefix?: string; historySize?: number; ttlSeconds?: number } = {}
	) {}

	/**
	 * The epoch, read (or set) once Redis answers. A failed read is not kept: while Redis is
	 * unreachable every call fails fast and the next one after it comes back reads it again.
	 */
	get #epoch(): Promise<string> {
		if (this.#epochValue) return this.#epochValue;
		const key = `${this.prefix}epoch`;
		const value = (async () => {
			await this.redis.set(key, randomUUID().slice(0, 8), { NX: true });
			return (await this.redis.get(key)) ?? 'redis';
		})();
		this.#epochValue = value;
		value.catch(() => {
			if (this.#epochValue === value) this.#epochValue = null;
		});
		return value;
	}

	/** Forgets the epoch, so that it is read again (after Redis came back, it may have been flushed). */
	resetEpoch(): void {
		this.#epochValue = null;
	}

	get prefix(): string {
		return this.options.prefix ?? 'dg:rt:';
	}

	#keys(room: string): string[] {
		return [`${this.prefix}seq:${room}`, `${this.prefix}log:${room}`];
	}

	#seqKey(room: string): string {
		return `${this.prefix}seq:${room}`;
	}

	async append(room: string, type: string, payload: unknown): Promise<RoomUpdate> {
		const epoch = await this.#epoch;
		const at = Date.now();
		// The script puts `"seq":n,` in front of the rest of the stored JSON.
		const body = JSON.stringify({ room, epoch, type, payload, at });
		const seq = Number(
			await this.redis.eval(APPEND, {
				keys: this.#keys(room),
				arguments: [body, String(this.options.historySize ?? DEFAULT_HISTORY), String(this.options.ttlSeconds ?? 2 * 86_400)]
			})
		);
		return { room, seq, epoch, type, payload, at };
	}

	async position(room: string) {
		const epoch = await this.#epoch;
		const seq = Number((await this.redis.get(this.#seqKey(room))) ?? 0);
		return { epoch, seq };
	}

	async since(room: string, since: number): Promise<RoomUpdate[] | null> {
		const [seqRaw, firstRaw, ...items] = (await this.redis.eval(SINCE, {
			keys: this.#keys(room),
			arguments: [String(since)]
		})) as [number, number, ...string[]];
		const seq = Number(seqRaw);
		const first = Number(firstRaw);
		if (since > seq) return null;
		if (since === seq) return [];
		if (first === -1 || first > since + 1) return null;
		const updates = items.map((text) => JSON.parse(text) as RoomUpdate);
		// Every seq between since and seq must be there; anything else is a stale screen.
		if (updates.length !== seq - since) return null;
		return updates;
	}

	/** Walks the logs with SCAN in steps (never KEYS, which would block Redis). */
	async size() {
		let cursor = '0';
		let rooms = 0;
		let entries = 0;
		do {
			const [next, seen, kept] = (await this.redis.eval(SIZE_STEP, { keys: [], arguments: [cursor, `${this.prefix}log:*`] })) as [string, number, number];
			cursor = String(next);
			rooms += Number(seen);
			entries += Number(kept);
		} while (cursor !== '0');
		return { rooms, entries };
	}

	async close() {}
}

/**
 * Rejects after `ms` when `promise` has not settled (a Redis that accepts but never answers).
 * The rejection waits for the event loop's next I/O poll (setImmediate): on a busy process
 * the timer may fire late, after the reply has already arrived, and the reply must win then.
 */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => setImmediate(() => reject(new Error(`redis did not answer within ${ms} ms`))), ms);
	});
	return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The room log of a process configured with Redis that must keep serving when Redis does not:
 * while Redis is reachable every call goes to the shared log; while it is not (or a call fails
 * or takes longer than `timeoutMs`), the process numbers and keeps its rooms' updates in its
 * own memory log. The two logs have different epochs, so a client that crosses from one to the
 * other is sent a snapshot, never a wrong catch-up. Used by io.ts when REDIS_URL is set.
 */
export class FailoverRoomLog implements RoomLog {
	constructor(
		private readonly primary: RoomLog,
		private readonly fallback: RoomLog,
		private readonly isUp: () => boolean,
		private readonly timeoutMs = 2_000,
		private readonly onFailure: (error: unknown) => void = () => {}
	) {}

	async #call<T>(work: (log: RoomLog) => Promise<T>): Promise<T> {
		if (this.isUp()) {
			try {
				return await withTimeout(work(this.primary), this.timeoutMs);
			} catch (error) {
				this.onFailure(error);
			}
		}
		return work(this.fallback);
	}

	append(room: string, type: string, payload: unknown): Promise<RoomUpdate> {
		return this.#call((log) => log.append(room, type, payload));
	}

	position(room: string) {
		return this.#call((log) => log.position(room));
	}

	since(room: string, since: number): Promise<RoomUpdate[] | null> {
		return this.#call((log) => log.since(room, since));
	}

	size() {
		return this.#call((log) => log.size());
	}

	async close() {
		await Promise.allSettled([this.primary.close(), this.fallback.close()]);
	}
}
