/**
 * Structured logs: one JSON object per line on stdout/stderr, so a log collector can parse
 * them. Anything shaped like a resident ID or certificate number is masked before it is
 * written — personal numbers never reach the logs, whatever a caller passes in.
 */
import { findPersonalNumbers, maskResidentId } from '$lib/domain/registration/mask';

type Level = 'info' | 'warn' | 'error';

/** Replaces every ID- or certificate-shaped run in `text` with the one mask of the domain (last four characters). */
export function redact(text: string): string {
	const hits = findPersonalNumbers(text);
	let out = text;
	for (const hit of [...hits].sort((a, b) => b.index - a.index)) {
		out = out.slice(0, hit.index) + maskResidentId(hit.text) + out.slice(hit.index + hit.text.length);
	}
	return out;
}

function write(level: Level, message: string, fields: Record<string, unknown> = {}): void {
	const line = redact(JSON.stringify({ time: new Date().toISOString(), level, message, ...fields }));
	if (level === 'info') process.stdout.write(line + '\n');
	else process.stderr.write(line + '\n');
}

export const log = {
	info: (message: string, fields?: Record<string, unknown>) => write('info', message, fields),
	warn: (message: string, fields?: Record<string, unknown>) => write('warn', message, fields),
	error: (message: string, fields?: Record<string, unknown>) => write('error', message, fields)
};

/** The loggable part of an error: its name and message, never the request that caused it. */
export function errorFields(error: unknown): Record<string, unknown> {
	return error instanceof Error ? { error: error.name, detail: error.message } : { detail: String(error) };
}
