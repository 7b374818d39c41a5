/**
 * The call room (检录): which match a table calls next, and when a player who has not come
 * may be recorded as a no-show (a walkover, 弃权). Pure rules; the call-room service reads
 * the matches and writes the result.
 *
 * - A table, board or lane holds one match at a time: nothing is called while a match on it
 *   is called or live.
 * - The next match is the first scheduled one of the table in the order of play (slot, then
 *   planned time, then code) whose players are known.
 * - A no-show may be recorded `noShowMinutes` after the call (per category, default 10). An
 *   organizer may also record an absence in advance, on a match not called yet.
 */

/** What the call room needs to know of a match. */
export interface CallableMatch {
	id: string;
	status: string;
	slot: number | null;
	scheduledAt: Date | null;
	code: string;
	/** Whether every player of the match is known (not waiting for an earlier result). */
	playersKnown: boolean;
}

/** A refusal with a message code (translated by the layer above) and its parameters. */
export interface CallRoomRefusal {
	code:
		| 'callroom.refused.table_busy'
		| 'callroom.refused.nothing_to_call'
		| 'callroom.refused.too_early'
		| 'callroom.refused.not_open'
		| 'callroom.refused.not_called';
	params: Record<string, string | number>;
}

const BUSY = new Set(['called', 'live']);

/**
 * The match a table calls next, or the reason none can be called. Called by the call-room
 * service with every match planned on the table.
 */
export function nextToCall(matches: ReadonlyArray<CallableMatch>): { ok: true; match: CallableMatch } | { ok: false; refusal: CallRoomRefusal } {
	const busy = matches.find((m) => BUSY.has(m.status));
	if (busy) return { ok: false, refusal: { code: 'callroom.refused.table_busy', params: { code: busy.code } } };
	const candidates = matches
		.filter((m) => m.status === 'scheduled' && m.playersKnown)
		.sort(
			(a, b) =>
				(a.slot ?? Number.MAX_SAFE_INTEGER) - (b.slot ?? Number.MAX_SAFE_INTEGER) ||
				(a.scheduledAt?.getTime() ?? Number.MAX_SAFE_INTEGER) - (b.scheduledAt?.getTime() ?? Number.MAX_SAFE_INTEGER) ||
				(a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
		);
	const first = candidates[0];
	return first ? { ok: true, match: first } : { ok: false, refusal: { code: 'callroom.refused.nothing_to_call', params: {} } };
}

/**
 * Whether a no-show may be recorded now. `advance` is an organizer's absence announced before
 * the call (allowed on a scheduled match, at any time); otherwise the match must have been
 * called at least `noShowMinutes` ago. Returns the minutes still to wait when it is too early.
 */
export function noShowCheck(input: {
	status: string;
	calledAt: Date | null;
	now: Date;
	noShowMinutes: number;
	advance: boolean;
}): { ok: true } | { ok: false; refusal: CallRoomRefusal } {
	if (input.status === 'scheduled') {
		return input.advance ? { ok: true } : { ok: false, refusal: { code: 'callroom.refused.not_called', params: {} } };
	}
	if (input.status !== 'called') return { ok: false, refusal: { code: 'callroom.refused.not_open', params: {} } };
	if (input.calledAt === null) return { ok: true };
	const due = input.calledAt.getTime() + input.noShowMinutes * 60_000;
	const waitMs = due - input.now.getTime();
	if (waitMs > 0) {
		return { ok: false, refusal: { code: 'callroom.refused.too_early', params: { minutes: input.noShowMinutes, remaining: Math.ceil(waitMs / 60_000) } } };
	}
	return { ok: true };
}
