/**
 * Socket.IO on the app's own HTTP server. The node entry (`server.js`) and the Vite dev plugin
 * put the HTTP server on `globalThis` before the app starts; `attachRealtime` (called from the
 * server `init` hook) attaches Socket.IO to it once. `publish` is how server code broadcasts,
 * always after the change is persisted.
 */
import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { z } from 'zod';
import type { ClientToServer, RoomUpdate, ServerToClient } from '$lib/realtime/events';

type Io = Server<ClientToServer, ServerToClient>;

const SERVER_KEY = Symbol.for('district-games.httpServer');
const IO_KEY = Symbol.for('district-games.io');
type Globals = { [SERVER_KEY]?: HttpServer; [IO_KEY]?: Io };
const globals = globalThis as Globals;

/** Public rooms a spectator may join; private rooms (e.g. referee consoles) come with auth. */
const roomSchema = z
	.string()
	.max(80)
	.regex(/^(match|category|venue|street):[A-Za-z0-9_-]{1,60}$|^(medals|live)$/);

const sequences = new Map<string, number>();

/** Attaches Socket.IO to the HTTP server the entry point registered, once per process. */
export function attachRealtime(): Io | null {
	if (globals[IO_KEY]) return globals[IO_KEY];
	const httpServer = globals[SERVER_KEY];
	if (!httpServer) return null;
	const io: Io = new Server(httpServer, {
		serveClient: false,
		transports: ['websocket', 'polling'],
		maxHttpBufferSize: 16 * 1024,
		destroyUpgrade: false,
		connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000 }
	});
	io.on('connection', (socket: Socket<ClientToServer, ServerToClient>) => {
		socket.emit('welcome', { serverTime: new Date().toISOString() });
		socket.on('join', (room, ack) => {
			if (typeof ack !== 'function') return;
			const parsed = roomSchema.safeParse(room);
			if (!parsed.success) return ack({ ok: false, error: 'unknown room' });
			void socket.join(parsed.data);
			ack({ ok: true, seq: sequences.get(parsed.data) ?? 0 });
		});
		socket.on('leave', (room) => {
			if (typeof room === 'string') void socket.leave(room);
		});
	});
	globals[IO_KEY] = io;
	return io;
}

/** Broadcasts a persisted change to a room with the room's next sequence number. */
export function publish<T>(room: string, type: string, payload: T): RoomUpdate<T> {
	const seq = (sequences.get(room) ?? 0) + 1;
	sequences.set(room, seq);
	const update = { room, seq, type, payload };
	globals[IO_KEY]?.to(room).emit('update', update);
	return update;
}
