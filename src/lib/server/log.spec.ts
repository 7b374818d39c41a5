import { describe, expect, it } from 'vitest';
import { createLogger, errorFields, redact } from './log';
import { makeResidentId } from '$lib/domain/registration/identity';

describe('redact', () => {
	it('masks resident ID and certificate numbers wherever they appear in a log line', () => {
		const id = makeResidentId('110105', '1980-05-17', 123);
		const line = JSON.stringify({ message: 'lookup failed', input: `id=${id} cert=${id}42` });
		const out = redact(line);
		expect(out).not.toContain(id);
		expect(out).toContain(`**************${id.slice(14)}`);
		// neither the region nor the birth date is left in the line
		expect(out).not.toContain('110105');
		expect(out).not.toContain('19800517');
	});

	it('leaves ordinary numbers such as timestamps and counts alone', () => {
		const line = '{"time":"2026-11-29T12:00:00.000Z","count":1234567890123}';
		expect(redact(line)).toBe(line);
	});
});

describe('the pino logger', () => {
	function capture(level = 'info') {
		const lines: string[] = [];
		const logger = createLogger({ write: (line: string) => void lines.push(line) }, level);
		return { logger, lines };
	}

	it('never writes an ID number carried by an error, its stack or a nested field', () => {
		const id = makeResidentId('110105', '1980-05-17', 123);
		const { logger, lines } = capture();
		const error = new Error(`Unique constraint failed on residentId ${id}`);
		logger.error({ err: error, ...errorFields(error), input: { athlete: { residentId: id, certificateNo: `${id}42` } } }, `lookup of ${id} failed`);
		expect(lines).toHaveLength(1);
		const text = lines.join('');
		expect(text).not.toContain(id);
		expect(text).not.toContain('19800517');
		const entry = JSON.parse(text) as { level: string; message: string; err: { stack: string }; detail: string };
		expect(entry.level).toBe('error');
		expect(entry.message).toBe(`lookup of **************${id.slice(14)} failed`);
		expect(entry.detail).toContain(`**************${id.slice(14)}`);
		expect(entry.err.stack).toContain('Unique constraint failed');
	});

	it('writes one JSON object per line with an ISO time and a level name', () => {
		const { logger, lines } = capture();
		logger.info({ room: 'live' }, 'broadcast');
		logger.debug('not at this level');
		expect(lines).toHaveLength(1);
		const entry = JSON.parse(lines[0]!) as Record<string, unknown>;
		expect(entry).toMatchObject({ level: 'info', message: 'broadcast', room: 'live' });
		expect(new Date(entry.time as string).toISOString()).toBe(entry.time);
		expect(lines[0]!.endsWith('\n')).toBe(true);
	});
});
