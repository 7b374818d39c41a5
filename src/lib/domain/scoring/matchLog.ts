/**
 * The stored event log of a match, as the referee tablet and the server both read it.
 *
 * The log holds the engines' events plus a few control events that are no rules of the
 * sport but of running a match at a table:
 *
 * - `call`    — the referee calls the match (the players are asked to the table);
 * - `start`   — both players are present: play begins (otherwise a walkover is entered);
 * - `undo`    — removes the last live entry (an engine event, or `start`); the undo itself
 *               stays in the log, so the audit trail keeps what happened;
 * - `signoff` — the referee confirms the final result on the summary screen; afterwards only
 *               an organizer's audited correction can change the match.
 *
 * `foldLog` turns a log into the live entries, the engine state and the phase; `appendEvent`
 * validates one more event and returns the new fold (or throws a `RuleViolation`). Both the
 * server (before it stores an operation) and the browser (optimistic scoring while offline)
 * call these, so a tablet can never show a score the server would refuse. Pure.
 */

import { RuleViolation } from '../errors';
import { engineFor, isSportKey, type SportKey } from './engine';

/** The control events of running a match (see the module comment). */
export type ControlEvent =
	| { type: 'call' }
	| { type: 'start' }
	| { type: 'undo' }
	| { type: 'signoff' };

/** An engine event of any sport; the engine validates its fields. */
export interface EngineEvent {
	type: string;
	[field: string]: unknown;
}

/** Anything the match log stores. */
export type LogEvent = ControlEvent | EngineEvent;

/** Where a match stands, derived from its log. */
export type MatchPhase = 'scheduled' | 'called' | 'live' | 'signedOff';

/** A sport key with its engine format, as stored in `Match.format` (`{ sport, ...format }`). */
export interface MatchFormat {
	sport: SportKey;
	[field: string]: unknown;
}

interface StackEntry {
	event: LogEvent;
	state: unknown;
	phase: MatchPhase;
}

/** A folded log: the entries still in force and the state after each of them. */
export interface FoldedLog {
	readonly sport: SportKey;
	readonly format: MatchFormat;
	readonly initial: unknown;
	readonly stack: readonly StackEntry[];
	readonly phase: MatchPhase;
	/** The engine state after the live entries. */
	readonly state: unknown;
	/** `engine.summary(state)`: what the tablet and spectators show. */
	readonly summary: EngineSummary;
}

/** The fields every engine summary has (contract), plus the sport's own. */
export interface EngineSummary {
	finished: boolean;
	winner: string | null;
	[field: string]: unknown;
}

const CONTROL_TYPES = new Set(['call', 'start', 'undo', 'signoff']);

function logViolation(code: string, message: string, params: Record<string, string | number> = {}) {
	return new RuleViolation(code, message, params);
}

/** True for `call`, `start`, `undo` and `signoff`. */
export function isControlEvent(event: LogEvent): event is ControlEvent {
	return CONTROL_TYPES.has(event.type);
}

/**
 * True for an event that ends a match before play (a walkover or a forfeit): allowed right
 * after the call, without `start`.
 */
export function isWalkoverEvent(event: LogEvent): boolean {
	if (event.type === 'walkover') return true;
	return event.type === 'result' && typeof event.outcome === 'string' && event.outcome.startsWith('forfeit');
}

/** The engine format of a stored `Match.format` (everything but `sport`). */
export function engineFormat(format: MatchFormat): Record<string, unknown> {
	const { sport: _sport, ...rest } = format;
	return rest;
}

/** Reads a stored `Match.format`; throws 'scoring.unknown_sport' for a missing sport. */
export function parseMatchFormat(value: unknown): MatchFormat {
	const sport = typeof value === 'object' && value !== null ? (value as { sport?: unknown }).sport : undefined;
	if (!isSportKey(sport)) {
		throw logViolation('scoring.unknown_sport', `There are no scoring rules for "${String(sport)}".`, {
			sport: String(sport)
		});
	}
	return value as MatchFormat;
}

function summarise(sport: SportKey, state: unknown): EngineSummary {
	return engineFor(sport).summary(state as never) as unknown as EngineSummary;
}

function top(folded: Pick<FoldedLog, 'stack' | 'initial'>): { state: unknown; phase: MatchPhase } {
	const last = folded.stack[folded.stack.length - 1];
	return last ? { state: last.state, phase: last.phase } : { state: folded.initial, phase: 'scheduled' };
}

function make(sport: SportKey, format: MatchFormat, initial: unknown, stack: StackEntry[]): FoldedLog {
	const { state, phase } = top({ stack, initial });
	return { sport, format, initial, stack, phase, state, summary: summarise(sport, state) };
}

/** The fold of an empty log: the match before it is called. */
export function emptyLog(format: MatchFormat): FoldedLog {
	const sport = parseMatchFormat(format).sport;
	const initial = engineFor(sport).init(engineFormat(format) as never);
	return make(sport, format, initial, []);
}

/**
 * Validates `event` against the log so far and returns the log with it applied. Throws a
 * `RuleViolation` with a code the tablet translates: the engine's own (a point after the
 * match, a 181, a turn out of order) or the log's ('scoring.log.*').
 */
export function appendEvent(folded: FoldedLog, event: LogEvent, options: { lenient?: boolean } = {}): FoldedLog {
	const { sport, format } = folded;
	const phase = folded.phase;
	const stack = [...folded.stack];
	if (phase === 'signedOff' && event.type !== 'correction') {
		throw logViolation('scoring.log.signed_off', 'The result is signed off: only an organizer can correct it.');
	}
	switch (event.type) {
		case 'call':
			if (phase !== 'scheduled') throw logViolation('scoring.log.already_called', 'The match has already been called.');
			stack.push({ event, state: folded.state, phase: 'called' });
			break;
		case 'start':
			if (phase === 'scheduled') throw logViolation('scoring.log.not_called', 'Call the match first.');
			if (phase !== 'called') throw logViolation('scoring.log.already_started', 'The match has already started.');
			stack.push({ event, state: folded.state, phase: 'live' });
			break;
		case 'undo': {
			const last = stack[stack.length - 1];
			if (!last || last.event.type === 'call') {
				throw logViolation('scoring.log.nothing_to_undo', 'There is nothing to undo.');
			}
			stack.pop();
			break;
		}
		case 'signoff':
			if (!folded.summary.finished) {
				throw logViolation('scoring.log.not_finished', 'The match is not finished yet, so it cannot be signed off.');
			}
			stack.push({ event, state: folded.state, phase: 'signedOff' });
			break;
		default: {
			if (phase === 'scheduled' && !options.lenient) throw logViolation('scoring.log.not_called', 'Call the match first.');
			if (phase === 'called' && !isWalkoverEvent(event) && !options.lenient) {
				throw logViolation('scoring.log.not_started', 'Start the match (players present) before scoring.');
			}
			if (event.type === 'correction' && phase !== 'signedOff') {
				throw logViolation('scoring.correction_not_finished', 'The match is not finished, so it cannot be corrected.');
			}
			const state = engineFor(sport).apply(folded.state as never, event as never);
			stack.push({ event, state, phase: phase === 'called' || phase === 'scheduled' ? 'live' : phase });
		}
	}
	return make(sport, format, folded.initial, stack);
}

/**
 * Folds a whole stored log. Throws the first illegal event's `RuleViolation` with
 * `params.eventIndex` (a stored log is valid by construction; this guards against edits).
 */
export function foldLog(format: MatchFormat, log: readonly LogEvent[]): FoldedLog {
	let folded = emptyLog(format);
	log.forEach((event, index) => {
		try {
			folded = appendEvent(folded, event);
		} catch (error) {
			if (error instanceof RuleViolation) {
				throw new RuleViolation(error.code, error.message, { ...error.params, eventIndex: index });
			}
			throw error;
		}
	});
	return folded;
}

/**
 * Folds a log as stored, with the match's stored status. Lenient where a log was written by
 * another path than the tablet (seeded or imported results without `call`/`start`): engine
 * events before the call are accepted, and a match whose status is already 'finished' or
 * 'walkover' counts as signed off (no more scoring, no undo; corrections only).
 */
export function foldStoredLog(format: MatchFormat, log: readonly LogEvent[], status: string): FoldedLog {
	let folded = emptyLog(format);
	for (const event of log) folded = appendEvent(folded, event, { lenient: true });
	if ((status === 'finished' || status === 'walkover') && folded.phase !== 'signedOff' && folded.summary.finished) {
		const signoff: StackEntry = { event: { type: 'signoff' }, state: folded.state, phase: 'signedOff' };
		return make(folded.sport, format, folded.initial, [...folded.stack, signoff]);
	}
	return folded;
}

/** The engine events in force (undone ones removed), e.g. for a detailed score sheet. */
export function liveEngineEvents(folded: FoldedLog): EngineEvent[] {
	return folded.stack.map((e) => e.event).filter((e): e is EngineEvent => !isControlEvent(e));
}

/** True when the last live entry can be undone by the referee. */
export function canUndo(folded: FoldedLog): boolean {
	const last = folded.stack[folded.stack.length - 1];
	return folded.phase !== 'signedOff' && last !== undefined && last.event.type !== 'call';
}

/**
 * The `Match.status` a phase stands for: 'walkover' for a signed-off walkover or forfeit,
 * 'finished' for any other signed-off result; `current` before the call.
 */
export function statusOf(folded: FoldedLog, current: string): string {
	switch (folded.phase) {
		case 'scheduled':
			return current;
		case 'called':
			return 'called';
		case 'live':
			return 'live';
		case 'signedOff': {
			const s = folded.summary as { result?: { method?: string } | null; method?: string | null };
			const walkover = s.result?.method === 'walkover' || s.method === 'forfeit';
			return walkover ? 'walkover' : 'finished';
		}
	}
}
