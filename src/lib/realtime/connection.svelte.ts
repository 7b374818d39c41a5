/**
 * The browser's one Socket.IO connection and its state, shared by every component that shows
 * live data. WebSocket first (no sticky sessions needed behind a load balancer), polling as
 * the fallback for networks that block WebSockets. The Socket.IO client (about 13 KB gzip) is
 * loaded on first use, after the page has hydrated: a page paints and responds from its
 * server-rendered state without waiting for it (`npm run bench:pages` shows it as lazy JS).
 *
 * `watch(room, …)` keeps a view of a room current: it subscribes from the position the page
 * was rendered at (server-side first), applies updates in order through a `RoomSequencer`,
 * asks the server for any gap (after a reconnect, or when an update arrives early and the
 * missing one does not follow), and takes a snapshot when the server says the gap is too old.
 */
import type { Socket } from 'socket.io-client';
import type { ClientToServer, RealtimeProblem, RoomUpdate, ServerToClient } from './events';
import { RoomSequencer } from './sequencer';

export type ConnectionState = 'connecting' | 'connected' | 'offline';

export interface RoomWatcher {
	/** An update in order; never twice, never one that the snapshot already contains. */
	update(update: RoomUpdate): void;
	/** The room's whole state, after a gap too old to fill. */
	snapshot(snapshot: unknown, seq: number): void;
	/** The room does not exist (or the server refused it). */
	refused?(): void;
}

/** How long an early update waits for the missing one before the client asks the server. */
const GAP_WAIT_MS = 300;

class Connection {
	state = $state<ConnectionState>('connecting');
	/** True once the connection has dropped after having worked (for announcements). */
	hasDropped = $state(false);
	/** The last message the server refused, for diagnostics. */
	lastProblem = $state<RealtimeProblem | null>(null);
	#socket: Socket<ServerToClient, ClientToServer> | null = null;
	#opening: Promise<Socket<ServerToClient, ClientToServer>> | null = null;
	#rooms = new Map<string, { sequencer: RoomSequencer; watchers: Set<RoomWatcher>; timer: ReturnType<typeof setTimeout> | null }>();

	/** The socket once it exists (null before `open()` has finished). */
	get socket(): Socket<ServerToClient, ClientToServer> | null {
		return this.#socket;
	}

	/** Opens the connection on first use (browser only): loads the client, then connects. */
	open(): Promise<Socket<ServerToClient, ClientToServer>> {
		this.#opening ??= import('socket.io-client').then(({ io }) => {
			const socket: Socket<ServerToClient, ClientToServer> = io({
				transports: ['websocket', 'polling'],
				tryAllTransports: true
			});
			socket.on('connect', () => {
				this.state = 'connected';
				// A recovered session got its missed packets replayed by Socket.IO; the
				// sequencers still check the numbers. Otherwise, catch up room by room.
				// A subscribe whose answer was lost with the connection is asked again in any case.
				const rooms = [...this.#rooms.entries()].filter(([, e]) => !socket.recovered || e.sequencer.pending);
				this.#resubscribe(rooms.map(([room]) => room));
			});
			socket.on('disconnect', () => {
				this.state = 'offline';
				this.hasDropped = true;
			});
			socket.on('connect_error', () => (this.state = 'offline'));
			socket.on('update', (update) => this.#receive(update));
			socket.on('problem', (problem) => (this.lastProblem = problem));
			this.#socket = socket;
			return socket;
		});
		return this.#opening;
	}

	/**
	 * Joins a plain room (no numbered catch-up) while the returned function has not been called:
	 * on every (re)connection, with `onUpdate` for each of its updates. For pages that only need
	 * a nudge (the art gallery's "results changed", the referee console's "someone else scored").
	 */
	join(room: string, onUpdate: (update: RoomUpdate) => void, onConnect?: () => void): () => void {
		let stopped = false;
		let leave = () => {};
		void this.open().then((socket) => {
			if (stopped) return;
			const join = () => {
				socket.emit('join', room, () => undefined);
				onConnect?.();
			};
			const receive = (update: RoomUpdate) => {
				if (update.room === room) onUpdate(update);
			};
			if (socket.connected) join();
			socket.on('connect', join);
			socket.on('update', receive);
			leave = () => {
				socket.off('connect', join);
				socket.off('update', receive);
				socket.emit('leave', room);
			};
		});
		return () => {
			stopped = true;
			leave();
		};
	}

	/**
	 * Follows a room from the position the page was rendered at. Returns the function that
	 * stops following.
	 */
	watch(room: string, start: { seq?: number; epoch?: string }, watcher: RoomWatcher): () => void {
		let entry = this.#rooms.get(room);
		if (!entry) {
			const watchers = new Set<RoomWatcher>();
			const sequencer = new RoomSequencer(room, {
				apply: (u) => watchers.forEach((w) => w.update(u)),
				snapshot: (s, seq) => watchers.forEach((w) => w.snapshot(s, seq))
			}, start);
			entry = { sequencer, watchers, timer: null };
			this.#rooms.set(room, entry);
			if (this.#socket?.connected) this.#resubscribe([room]);
			else void this.open();
		}
		entry.watchers.add(watcher);
		return () => {
			const current = this.#rooms.get(room);
			if (!current) return;
			current.watchers.delete(watcher);
			if (current.watchers.size === 0) {
				if (current.timer) clearTimeout(current.timer);
				this.#rooms.delete(room);
				if (this.#socket?.connected) this.#socket.emit('unsubscribe', { rooms: [room] });
			}
		};
	}

	#receive(update: RoomUpdate): void {
		const entry = this.#rooms.get(update.room);
		if (!entry) return;
		const verdict = entry.sequencer.receive(update);
		if (verdict === 'resync') this.#resubscribe([update.room]);
		else if (entry.sequencer.waiting && !entry.sequencer.pending && !entry.timer) {
			entry.timer = setTimeout(() => {
				entry.timer = null;
				if (entry.sequencer.waiting) this.#resubscribe([update.room]);
			}, GAP_WAIT_MS);
		}
	}

	#resubscribe(rooms: string[]): void {
		const socket = this.#socket;
		if (!socket?.connected) return;
		for (let i = 0; i < rooms.length; i += 20) {
			const batch = rooms.slice(i, i + 20).map((room) => this.#rooms.get(room)).filter((e) => e !== undefined);
			if (!batch.length) continue;
			for (const entry of batch) entry.sequencer.pending = true;
			socket.emit('subscribe', { rooms: batch.map((e) => e.sequencer.position()) }, (result) => {
				if (!result.ok) {
					for (const entry of batch) entry.sequencer.pending = false;
					return;
				}
				for (const catchUp of result.rooms) {
					const entry = this.#rooms.get(catchUp.room);
					if (!entry) continue;
					const outcome = entry.sequencer.catchUp(catchUp);
					if (outcome === 'refused') entry.watchers.forEach((w) => w.refused?.());
					if (outcome === 'resync') this.#resubscribe([catchUp.room]);
				}
			});
		}
	}
}

export const connection = new Connection();
