/**
 * Structured logs through pino: one JSON object per line (`time`, `level`, `message`, fields),
 * info on stdout and warnings and errors on stderr, so a log collector (journald, Loki…) can
 * parse them. Every line passes through `redact` on its way out (pino's `streamWrite` hook):
 * anything shaped like a resident ID or certificate number is masked, whatever a caller
 * passes in — a field, an error message, a nested object — so personal numbers never reach
 * the logs. Server code logs through `log`; `createLogger` exists so a test can capture lines.
 */
import { pino, type DestinationStream, type Logger } from 'pino';
import { findPersonalNumbers, maskResidentId } from '$lib/domain/registration/mask';

/** Replaces every ID- or certificate-shaped run in `text` with the one mask of the domain (last four characters). */
export function redact(text: string): string {
	const hits = findPersonalNumbers(text);
	let out = text;
	for (const hit of [...hits].sort((a, b) => b.index - a.index)) {
		out = out.slice(0, hit.index) + maskResidentId(hit.text) + out.slice(hit.index + hit.text.length);
	}
	return out;
}

/**
 * A pino logger writing redacted JSON lines to `destination` (default: info and below to
 * stdout, warn and above to stderr). `LOG_LEVEL` (default `info`) sets the threshold.
 */
export function createLogger(destination?: DestinationStream, level = process.env.LOG_LEVEL || 'info'): Logger {
	const stream =
		destination ??
		pino.multistream(
			[
				{ level: 'trace', stream: pino.destination({ dest: 1, sync: true }) },
				{ level: 'warn', stream: pino.destination({ dest: 2, sync: true }) }
			],
			{ dedupe: true }
		);
	return pino(
		{
			level,
			messageKey: 'message',
			base: { pid: process.pid },
			timestamp: pino.stdTimeFunctions.isoTime,
			formatters: { level: (label) => ({ level: label }) },
			hooks: { streamWrite: redact }
		},
		stream
	);
}

let logger: Logger | null = null;

function root(): Logger {
	return (logger ??= createLogger());
}

type Fields = Record<string, unknown>;

/** The app's logger: `log.info('what happened', { fields })`. */
export const log = {
	info: (message: string, fields?: Fields) => root().info(fields ?? {}, message),
	warn: (message: string, fields?: Fields) => root().warn(fields ?? {}, message),
	error: (message: string, fields?: Fields) => root().error(fields ?? {}, message)
};

/** The loggable part of an error: its name and message, never the request that caused it. */
export function errorFields(error: unknown): Record<string, unknown> {
	return error instanceof Error ? { error: error.name, detail: error.message } : { detail: String(error) };
}
