/**
 * Helpers for the scoring specs only (not used by production code): deep-freezing a value
 * so a test fails if an engine mutates its input, and catching a `RuleViolation` code.
 */

import { RuleViolation } from '../errors';

/** Freezes `value` and everything inside it; returns it for chaining. */
export function deepFreeze<T>(value: T): T {
	if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
		Object.freeze(value);
		for (const inner of Object.values(value)) deepFreeze(inner);
	}
	return value;
}

/** The code of the `RuleViolation` `run` throws, or 'no error' / 'not a RuleViolation'. */
export function violationCode(run: () => unknown): string {
	try {
		run();
	} catch (error) {
		return error instanceof RuleViolation ? error.code : 'not a RuleViolation';
	}
	return 'no error';
}

/**
 * A deep copy through JSON: the states are plain serialisable data (they are stored and
 * sent to clients), so a snapshot that loses nothing also proves that.
 */
export function snapshot<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}
