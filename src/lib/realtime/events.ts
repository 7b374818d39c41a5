/**
 * The Socket.IO event maps, shared by server and browser: one typed contract for both
 * directions. Every payload that arrives from a client is validated with zod on the server
 * (src/lib/server/realtime/schemas.ts — kept out of this file so the browser does not ship zod).
 *
 * Rooms are named after what they watch: `match:<id>`, `category:<id>`, `venue:<id>`,
 * `street:<code>`, `live` (every match in progress) and `medals` (the medal table).
 * Every broadcast carries the room's sequence number and epoch, so a client that reconnects
 * can ask for exactly what it missed (or gets a fresh snapshot when the gap is too old).
 */

/** e.g. `match:abc`, `category:xyz`, `venue:v1`, `street:S01`, `live`, `medals`. */
export type RoomName = string;

export type RoomKind = 'match' | 'category' | 'venue' | 'street' | 'live' | 'medals';

/** The rooms a spectator may ask for (existence is checked by the server as well). */
export const ROOM_PATTERN = /^(?:(match|category|venue|street):([A-Za-z0-9_-]{1,60})|(live|medals))$/;

/** The kind and key of a room name, or null when the name is not a public room. */
export function parseRoom(room: string): { kind: RoomKind; key: string } | null {
	const m = ROOM_PATTERN.exec(room);
	if (!m) return null;
	if (m[3]) return { kind: m[3] as RoomKind, key: '' };
	return { kind: m[1] as RoomKind, key: m[2] ?? '' };
}

/**
 * What changed: a match's public view, the whole medal table, or a batch (rooms that show
 * many matches get their changes at most every few hundred milliseconds, see `Batch`).
 */
export type UpdateType = 'match' | 'medals' | 'batch';

/**
 * The payload of a `batch` update: the latest payload of each item that changed since the
 * room's previous update, in the order they changed; each stands for an update of `type`.
 */
export interface Batch<T = unknown> {
	type: UpdateType | (string & {});
	items: T[];
}

/** The updates a batch stands for (a non-batch update stands for itself). */
export function unbatch(update: RoomUpdate): RoomUpdate[] {
	if (update.type !== 'batch') return [update];
	const batch = update.payload as Batch;
	return batch.items.map((payload) => ({ ...update, type: batch.type, payload }));
}

/** A change broadcast to a room, numbered per room so a reconnecting client can ask for the gap. */
export interface RoomUpdate<T = unknown> {
	room: RoomName;
	/** 1, 2, 3 … per room, monotonic across all app processes (Redis INCR when scaled out). */
	seq: number;
	/**
	 * Identifies the numbering: a new epoch (server restart without Redis, Redis flushed)
	 * means old sequence numbers mean nothing any more and the client needs a snapshot.
	 */
	epoch: string;
	type: UpdateType | (string & {});
	payload: T;
	/** Server time of the broadcast (ms since the epoch), for latency measurements. */
	at: number;
}

/** A client's position in one room: the last update it applied. */
export interface RoomPosition {
	room: RoomName;
	/** Last sequence number applied; omit (or 0) for a fresh snapshot. */
	since?: number;
	epoch?: string;
}

/** The server's answer for one room of a `subscribe`. */
export type RoomCatchUp =
	/** Exactly the missed updates, in order (possibly none). */
	| { room: RoomName; ok: true; mode: 'updates'; epoch: string; seq: number; updates: RoomUpdate[] }
	/** The gap is too old (or the numbering changed): the room's current state instead. */
	| { room: RoomName; ok: true; mode: 'snapshot'; epoch: string; seq: number; snapshot: unknown }
	| { room: RoomName; ok: false; error: RealtimeErrorCode };

export type SubscribeResult =
	| { ok: true; rooms: RoomCatchUp[] }
	| { ok: false; error: RealtimeErrorCode };

export type JoinResult = { ok: true; seq: number; epoch: string } | { ok: false; error: string };

/** Why the server refused a client message; the browser shows a translated text (live.error.*). */
export type RealtimeErrorCode =
	| 'bad_message'
	| 'too_large'
	| 'unknown_event'
	| 'unknown_room'
	| 'too_many_rooms'
	| 'rate_limited'
	| 'server_error';

export interface RealtimeProblem {
	code: RealtimeErrorCode;
	/** The event the client sent that was refused. */
	event: string;
}

export interface ServerToClient {
	/** Sent once per connection, so the page can show that live updates work. */
	welcome: (info: { serverTime: string; recovered: boolean }) => void;
	update: (update: RoomUpdate) => void;
	/** A message of this client was dropped; nobody else hears about it. */
	problem: (problem: RealtimeProblem) => void;
}

export interface ClientToServer {
	/** Joins rooms and catches up on each from the given position (or gets a snapshot). */
	subscribe: (request: { rooms: RoomPosition[] }, ack: (result: SubscribeResult) => void) => void;
	unsubscribe: (request: { rooms: RoomName[] }) => void;
	/** Simple join of one room (kept for callers that only need the current sequence number). */
	join: (room: RoomName, ack: (result: JoinResult) => void) => void;
	leave: (room: RoomName) => void;
}

/** Limits the server enforces on client messages (documented for client authors). */
export const CLIENT_LIMITS = {
	/** Larger messages are dropped with a `too_large` problem. */
	maxMessageBytes: 4096,
	/** Rooms per subscribe request, and per connection. */
	maxRoomsPerRequest: 20,
	maxRoomsPerSocket: 50
} as const;
