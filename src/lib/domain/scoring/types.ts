/**
 * Small shapes shared by the scoring engines: the two sides of a match and a score pair.
 * Side 'A' is the first-named player (in xiangqi: red), 'B' the second (black).
 */

import { violation } from './violation';

/** One of the two sides of a match. */
export type Side = 'A' | 'B';

/** A value per side, keyed in lower case as the contracts require (`{ a, b }`). */
export interface Pair {
	readonly a: number;
	readonly b: number;
}

/** How a match ended; `null` while it is still running. */
export type ResultMethod = 'played' | 'walkover' | 'retired' | 'disqualified' | 'bullOff';

/** The other side; used for service order, turn order and "the opponent wins". */
export function otherSide(side: Side): Side {
	return side === 'A' ? 'B' : 'A';
}

/** The lower-case key of a side in a `Pair`; used everywhere a side indexes a score. */
export function sideKey(side: Side): 'a' | 'b' {
	return side === 'A' ? 'a' : 'b';
}

/** A copy of `pair` with `amount` added to one side (pairs are never changed in place). */
export function addTo(pair: Pair, side: Side, amount: number): Pair {
	return side === 'A' ? { a: pair.a + amount, b: pair.b } : { a: pair.a, b: pair.b + amount };
}

/**
 * Refuses anything but 'A' or 'B'. Events arrive from tablets (validated by zod at the
 * boundary), but the engines re-check so a replayed log can never reach an odd state.
 */
export function assertSide(value: unknown, field = 'side'): asserts value is Side {
	if (value !== 'A' && value !== 'B') {
		throw violation('scoring.invalid_side', { field, value: String(value) });
	}
}

/** Refuses an event whose `type` the engine does not know. */
export function unknownEvent(event: unknown): never {
	const type =
		typeof event === 'object' && event !== null && 'type' in event
			? String((event as { type: unknown }).type)
			: String(event);
	throw violation('scoring.unknown_event', { type });
}

/** Refuses a correction without a reason: corrections are audited and need one. */
export function assertReason(reason: unknown): asserts reason is string {
	if (typeof reason !== 'string' || reason.trim() === '') {
		throw violation('scoring.correction_reason_required');
	}
}

/** True for a whole number in [min, max]; used to validate format fields and event values. */
export function isIntIn(value: unknown, min: number, max: number): value is number {
	return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}
