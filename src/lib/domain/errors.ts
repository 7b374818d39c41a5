/**
 * Errors raised by the domain core. The core never speaks a language itself: it raises a
 * stable `code` plus the values a message needs (`params`), and the layers around it turn
 * that into zh-CN or English through the message catalogue. `message` is an English
 * fallback for logs and tests only.
 */

/** Raised by a scoring engine or a draw when an event or request breaks a rule of the game. */
export class RuleViolation extends Error {
	readonly code: string;
	readonly params: Record<string, string | number>;

	constructor(code: string, message: string, params: Record<string, string | number> = {}) {
		super(message);
		this.name = 'RuleViolation';
		this.code = code;
		this.params = params;
	}
}

/** Result type used by parsers that report a problem instead of throwing. */
export type Result<T> =
	| { ok: true; value: T }
	| { ok: false; error: { code: string; message: string; params?: Record<string, string | number> } };
