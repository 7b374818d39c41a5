/**
 * Socket.IO limits that hold whatever path a client takes: one room cap per connection
 * (every way of adding rooms reserves through `RoomHolder.reserve`, synchronously, so
 * concurrent requests cannot overshoot while they wait for the database) and a cap of
 * connections per client address (a venue's NAT puts hundreds of phones behind one address,
 * so the default is generous; it stops one machine opening thousands of connections). With
 * REDIS_URL the address cap counts the connections of every app process
 * (`SharedConnectionCounter`); without Redis, or while it is down, each process counts its own.
 */

/** The rooms one connection holds or is joining, checked against one cap. */
export class RoomHolder {
	private readonly rooms = new Set<string>();

	constructor(
		private readonly max: number,
		initial: Iterable<string> = []
	) {
		for (const room of initial) this.rooms.add(room);
	}

	/** Reserves `rooms` (all or none); false when the connection would hold more than the cap. */
	reserve(rooms: string[]): boolean {
		const fresh = new Set(rooms.filter((room) => !this.rooms.has(room)));
		if (this.rooms.size + fresh.size > this.max) return false;
		for (const room of fresh) this.rooms.add(room);
		return true;
	}

	/** Gives a room back (left, or it turned out not to exist). */
	release(room: string): void {
		this.rooms.delete(room);
	}

	get size(): number {
		return this.rooms.size;
	}
}

/** Open connections per client address, in this process. */
export class ConnectionCounter {
	private readonly open = new Map<string, number>();

	constructor(readonly max: number) {}

	/** Counts a new connection from `address`; false (and nothing counted) beyond the cap. */
	admit(address: string): boolean {
		const now = this.open.get(address) ?? 0;
		if (now >= this.max) return false;
		this.open.set(address, now + 1);
		return true;
	}

	/** Counts a connection that cannot be refused (a recovered session), even beyond the cap. */
	add(address: string): void {
		this.open.set(address, (this.open.get(address) ?? 0) + 1);
	}

	/** Forgets one closed connection from `address`. */
	release(address: string): void {
		const now = (this.open.get(address) ?? 0) - 1;
		if (now > 0) this.open.set(address, now);
		else this.open.delete(address);
	}

	count(address: string): number {
		return this.open.get(address) ?? 0;
	}

	/** Every address with open connections, and how many. */
	entries(): Array<[string, number]> {
		return [...this.open];
	}
}

/** The Redis commands the shared connection counter uses (node-redis's client has them). */
export interface ConnectionStore {
	eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
	set(key: string, value: string, options: { PX: number }): Promise<unknown>;
	del(key: string | string[]): Promise<unknown>;
}

/**
 * Admits a connection when the live processes together hold fewer than `max` from the
 * address. The per-address hash holds one count per process id; a field counts only while
 * its process's alive key exists (renewed every 10 s, expiring after 30 s), so a crashed
 * process's connections stop counting within half a minute, and its field is dropped here.
 */
const ADMIT = `
local fields = redis.call('HGETALL', KEYS[1])
local total = 0
for i = 1, #fields, 2 do
  local field = fields[i]
  if field == ARGV[2] or redis.call('EXISTS', ARGV[3] .. field) == 1 then
    total = total + tonumber(fields[i + 1])
  else
    redis.call('HDEL', KEYS[1], field)
  end
end
redis.call('SET', ARGV[3] .. ARGV[2], '1', 'PX', ARGV[5])
if total >= tonumber(ARGV[1]) then return 0 end
redis.call('HINCRBY', KEYS[1], ARGV[2], 1)
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1`;

/** Takes one connection of this process off the address's count (never below zero). */
const RELEASE = `
local left = redis.call('HINCRBY', KEYS[1], ARGV[1], -1)
if left <= 0 then redis.call('HDEL', KEYS[1], ARGV[1]) end
return left`;

/** Sets this process's count for one address (after a reconnect to Redis). */
const SET_COUNT = `
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1`;

const ALIVE_MS = 30_000;
const HEARTBEAT_MS = 10_000;
const COUNT_TTL_MS = 24 * 60 * 60_000;

/**
 * Connections per client address across every app process, in Redis (with REDIS_URL): the
 * cap holds for the cluster, not per process. This process keeps its own counts too
 * (`local`), which serve twice: while Redis is unreachable the cap holds per process (logged
 * once, and readiness reports the limits as per process), and when Redis is back this process
 * writes its counts again under a fresh id (connections opened or closed meanwhile are right
 * again at once; the old id's counts expire with its alive key).
 */
export class SharedConnectionCounter {
	private id = SharedConnectionCounter.newId();
	private readonly heartbeat: ReturnType<typeof setInterval>;
	private degraded = false;
	private resyncing: Promise<void> | null = null;

	constructor(
		readonly local: ConnectionCounter,
		private readonly store: ConnectionStore,
		private readonly up: () => boolean,
		private readonly options: { prefix?: string; onDegrade?: (error: unknown) => void; onRecover?: () => void } = {}
	) {
		this.heartbeat = setInterval(() => void this.beat(), HEARTBEAT_MS);
		this.heartbeat.unref?.();
	}

	private static newId(): string {
		return `${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
	}

	private get prefix(): string {
		return this.options.prefix ?? 'dg:rt:conn';
	}

	private key(address: string): string {
		return `${this.prefix}:n:${address}`;
	}

	private aliveKey(id = this.id): string {
		return `${this.prefix}:alive:${id}`;
	}

	get max(): number {
		return this.local.max;
	}

	/** Where the cap holds right now: across processes, or (Redis down) per process. */
	get scope(): 'shared' | 'process' {
		return this.up() && !this.degraded ? 'shared' : 'process';
	}

	private async beat(): Promise<void> {
		if (!this.up()) return;
		await this.store.set(this.aliveKey(), '1', { PX: ALIVE_MS }).catch(() => undefined);
	}

	private fallBack(error: unknown): void {
		if (!this.degraded) this.options.onDegrade?.(error);
		this.degraded = true;
	}

	/** Counts a new connection from `address`; false (and nothing counted) beyond the cap. */
	async admit(address: string): Promise<boolean> {
		if (this.up()) {
			try {
				if (this.degraded) await this.resync();
				const admitted = await this.store.eval(ADMIT, {
					keys: [this.key(address)],
					arguments: [String(this.max), this.id, `${this.prefix}:alive:`, String(COUNT_TTL_MS), String(ALIVE_MS)]
				});
				if (Number(admitted) !== 1) return false;
				this.local.add(address);
				return true;
			} catch (error) {
				this.fallBack(error);
			}
		} else {
			this.fallBack(new Error('redis unreachable'));
		}
		return this.local.admit(address);
	}

	/** Counts a connection that cannot be refused (a recovered session), even beyond the cap. */
	add(address: string): void {
		this.local.add(address);
		if (this.up() && !this.degraded) {
			void this.store.eval(SET_COUNT, { keys: [this.key(address)], arguments: [this.id, String(this.local.count(address)), String(COUNT_TTL_MS)] }).catch((error: unknown) => this.fallBack(error));
		}
	}

	/** Forgets one closed connection from `address`. */
	release(address: string): void {
		this.local.release(address);
		if (this.up() && !this.degraded) {
			void this.store.eval(RELEASE, { keys: [this.key(address)], arguments: [this.id] }).catch((error: unknown) => this.fallBack(error));
		}
	}

	/**
	 * Writes this process's counts again under a fresh id (Redis came back, or was flushed):
	 * every connection this process holds counts again, and nothing it closed meanwhile does.
	 */
	resync(): Promise<void> {
		this.resyncing ??= this.writeCounts().finally(() => (this.resyncing = null));
		return this.resyncing;
	}

	private async writeCounts(): Promise<void> {
		const id = SharedConnectionCounter.newId();
		await this.store.set(this.aliveKey(id), '1', { PX: ALIVE_MS });
		for (const [address, count] of this.local.entries()) {
			await this.store.eval(SET_COUNT, { keys: [this.key(address)], arguments: [id, String(count), String(COUNT_TTL_MS)] });
		}
		const old = this.id;
		this.id = id;
		await this.store.del(this.aliveKey(old)).catch(() => undefined);
		if (this.degraded) this.options.onRecover?.();
		this.degraded = false;
	}

	/** Stops the heartbeat and lets this process's counts go (graceful shutdown). */
	async close(): Promise<void> {
		clearInterval(this.heartbeat);
		if (this.up()) await this.store.del(this.aliveKey()).catch(() => undefined);
	}
}

/**
 * The client address of a connection: the TCP peer, or — only when the app is configured to
 * trust a proxy with adapter-node's ADDRESS_HEADER (and XFF_DEPTH) — the address that header
 * carries, read the way adapter-node reads it for HTTP requests.
 */
export function clientAddress(
	peer: string,
	headers: Record<string, string | string[] | undefined>,
	trust: { addressHeader?: string; xffDepth: number }
): string {
	if (!trust.addressHeader) return peer;
	const raw = headers[trust.addressHeader.toLowerCase()];
	const value = (Array.isArray(raw) ? raw.join(',') : raw)?.trim();
	if (!value) return peer;
	if (trust.addressHeader.toLowerCase() !== 'x-forwarded-for') return value;
	const addresses = value.split(',').map((a) => a.trim());
	return addresses[Math.max(0, addresses.length - trust.xffDepth)] ?? peer;
}
