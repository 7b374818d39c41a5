/**
 * The registry of scoring engines and the event-log helpers around them.
 *
 * Each engine is a pure reducer over an event log: `init(format)` gives the state before
 * the first event and `apply(state, event)` the state after one more. The caller (the
 * server) stores the log, never a mutable score:
 *
 * - the current score is `replay(engine, format, events)`;
 * - undo removes the last event: `replay(engine, format, undo(events))`;
 * - a correction after the match is a new, audited event (`{ type: 'correction', … }`)
 *   appended to the log, never an overwrite of an earlier event.
 *
 * Replaying is O(events) and cheap (a table tennis match is at most a few hundred events);
 * a server may cache the last state and `apply` new events to it.
 */

import type { Result } from '../errors';
import { RuleViolation } from '../errors';
import * as darts from './darts';
import * as dartsTotal from './dartsTotal';
import * as tableTennis from './tableTennis';
import * as xiangqi from './xiangqi';
import { violation } from './violation';

/** The sports that have a scoring engine. */
export type SportKey = 'tableTennis' | 'darts' | 'dartsTotal' | 'xiangqi';

/** The shape every engine module has. */
export interface Engine<Format, State, Event, Summary> {
	init(format: Format): State;
	apply(state: State, event: Event): State;
	summary(state: State): Summary;
}

/** Format, event, state and summary types of each sport, for typed callers. */
export interface EngineTypes {
	tableTennis: {
		format: tableTennis.TableTennisFormat;
		state: tableTennis.TableTennisState;
		event: tableTennis.TableTennisEvent;
		summary: tableTennis.TableTennisSummary;
	};
	darts: {
		format: darts.DartsFormat;
		state: darts.DartsState;
		event: darts.DartsEvent;
		summary: darts.DartsSummary;
	};
	dartsTotal: {
		format: dartsTotal.DartsTotalFormat;
		state: dartsTotal.DartsTotalState;
		event: dartsTotal.DartsTotalEvent;
		summary: dartsTotal.DartsTotalSummary;
	};
	xiangqi: {
		format: xiangqi.XiangqiFormat;
		state: xiangqi.XiangqiState;
		event: xiangqi.XiangqiEvent;
		summary: xiangqi.XiangqiSummary;
	};
}

/** The engine of sport `K`. */
export type EngineOf<K extends SportKey> = Engine<
	EngineTypes[K]['format'],
	EngineTypes[K]['state'],
	EngineTypes[K]['event'],
	EngineTypes[K]['summary']
>;

/** Every engine by sport key; the server looks the engine up from the event's sport. */
export const engines: { [K in SportKey]: EngineOf<K> } = {
	tableTennis: { init: tableTennis.init, apply: tableTennis.apply, summary: tableTennis.summary },
	darts: { init: darts.init, apply: darts.apply, summary: darts.summary },
	dartsTotal: { init: dartsTotal.init, apply: dartsTotal.apply, summary: dartsTotal.summary },
	xiangqi: { init: xiangqi.init, apply: xiangqi.apply, summary: xiangqi.summary }
};

/** True for a known sport key; lets the server narrow a string from the database. */
export function isSportKey(value: unknown): value is SportKey {
	return typeof value === 'string' && Object.prototype.hasOwnProperty.call(engines, value);
}

/** The engine for a sport key read from storage; throws 'scoring.unknown_sport' otherwise. */
export function engineFor<K extends SportKey>(sport: K): EngineOf<K>;
export function engineFor(sport: string): EngineOf<SportKey>;
export function engineFor(sport: string): EngineOf<SportKey> {
	if (!isSportKey(sport)) throw violation('scoring.unknown_sport', { sport });
	return engines[sport] as EngineOf<SportKey>;
}

/**
 * Folds an event log into a state: the current score of a match. Throws the first event's
 * `RuleViolation` (with `params.eventIndex` set) if the log contains an illegal event.
 */
export function replay<Format, State, Event>(
	engine: Pick<Engine<Format, State, Event, unknown>, 'init' | 'apply'>,
	format: NoInfer<Format>,
	events: readonly NoInfer<Event>[]
): State {
	let state = engine.init(format);
	events.forEach((event, index) => {
		try {
			state = engine.apply(state, event);
		} catch (error) {
			if (error instanceof RuleViolation) {
				throw new RuleViolation(error.code, error.message, { ...error.params, eventIndex: index });
			}
			throw error;
		}
	});
	return state;
}

/**
 * The log after an undo: every event but the last (an empty log stays empty). Undo is only
 * for mistakes while the match runs; after it, append a correction event instead.
 */
export function undo<Event>(events: readonly Event[]): Event[] {
	return events.slice(0, -1);
}

/**
 * Applies an event without throwing: the server uses it to validate a referee's entry
 * before storing it, and to turn the violation into a response with a code.
 */
export function tryApply<State, Event>(
	engine: Pick<Engine<unknown, State, Event, unknown>, 'apply'>,
	state: State,
	event: Event
): Result<State> {
	try {
		return { ok: true, value: engine.apply(state, event) };
	} catch (error) {
		if (error instanceof RuleViolation) {
			return { ok: false, error: { code: error.code, message: error.message, params: error.params } };
		}
		throw error;
	}
}
