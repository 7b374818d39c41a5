/**
 * zod schemas of everything a client may send over Socket.IO. A message that does not match
 * is dropped and only its sender gets a `problem` event (see io.ts).
 */
import { z } from 'zod';
import { CLIENT_LIMITS, ROOM_PATTERN } from '$lib/realtime/events';

export const roomSchema = z.string().max(80).regex(ROOM_PATTERN);

export const positionSchema = z.strictObject({
	room: roomSchema,
	since: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
	epoch: z.string().max(40).optional()
});

export const subscribeSchema = z.strictObject({
	rooms: z.array(positionSchema).min(1).max(CLIENT_LIMITS.maxRoomsPerRequest)
});

export const unsubscribeSchema = z.strictObject({
	rooms: z.array(roomSchema).min(1).max(CLIENT_LIMITS.maxRoomsPerRequest)
});

/** The events a spectator's client may send, and nothing else (no scoring, no relaying). */
export const CLIENT_EVENTS = new Set(['subscribe', 'unsubscribe', 'join', 'leave']);
