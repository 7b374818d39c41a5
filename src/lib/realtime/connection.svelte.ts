/**
 * The browser's one Socket.IO connection and its state, shared by every component that shows
 * live data. WebSocket first (no sticky sessions needed behind a load balancer), polling as
 * the fallback for networks that block WebSockets.
 */
import { io, type Socket } from 'socket.io-client';
import type { ClientToServer, ServerToClient } from './events';

export type ConnectionState = 'connecting' | 'connected' | 'offline';

class Connection {
	state = $state<ConnectionState>('connecting');
	/** True once the connection has dropped after having worked (for announcements). */
	hasDropped = $state(false);
	#socket: Socket<ServerToClient, ClientToServer> | null = null;

	/** Opens the connection on first use (browser only). */
	get socket(): Socket<ServerToClient, ClientToServer> {
		if (!this.#socket) {
			const socket: Socket<ServerToClient, ClientToServer> = io({ transports: ['websocket', 'polling'] });
			socket.on('connect', () => (this.state = 'connected'));
			socket.on('disconnect', () => {
				this.state = 'offline';
				this.hasDropped = true;
			});
			socket.on('connect_error', () => (this.state = 'offline'));
			this.#socket = socket;
		}
		return this.#socket;
	}
}

export const connection = new Connection();
