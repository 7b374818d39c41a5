import { describe, expect, it } from 'vitest';
import { redact } from './log';
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
