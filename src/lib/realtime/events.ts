/**
 * The Socket.IO event maps, shared by server and browser: one typed contract for both
 * directions. Every payload that arrives from a client is validated with zod on the server.
 */

/** Rooms are named after what they watch, e.g. `match:abc`, `category:xyz`, `venue:v1`, `medals`. */
export type RoomName = string;

/** A change broadcast to a room, numbered per room so a reconnecting client can ask for the gap. */
export interface RoomUpdate<T = unknown> {
	room: RoomName;
	seq: number;
	type: string;
	payload: T;
}

export interface ServerToClient {
	/** Sent once per connection, so the page can show that live updates work. */
	welcome: (info: { serverTime: string }) => void;
	update: (update: RoomUpdate) => void;
}

export type JoinResult = { ok: true; seq: number } | { ok: false; error: string };

export interface ClientToServer {
	join: (room: RoomName, ack: (result: JoinResult) => void) => void;
	leave: (room: RoomName) => void;
}
