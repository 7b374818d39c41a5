/**
 * Socket.IO limits that hold whatever path a client takes: one room cap per connection
 * (every way of adding rooms reserves through `RoomHolder.reserve`, synchronously, so
 * concurrent requests cannot overshoot while they wait for the database) and a cap of
 * connections per client address (a venue's NAT puts hundreds of phones behind one address,
 * so the default is generous; it stops one machine opening thousands of connections).
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
