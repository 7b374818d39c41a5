import { describe, expect, it } from 'vitest';
import { clientAddress, ConnectionCounter, RoomHolder } from './caps';

describe('socket caps', () => {
	it('reserves rooms all or none, counting a room already held once', () => {
		const held = new RoomHolder(3, ['a']);
		expect(held.reserve(['a', 'b'])).toBe(true);
		expect(held.reserve(['c', 'd'])).toBe(false);
		expect(held.size).toBe(2);
		held.release('a');
		expect(held.reserve(['c', 'd'])).toBe(true);
	});

	it('counts connections per address and frees a place when one closes', () => {
		const counter = new ConnectionCounter(2);
		expect([counter.admit('x'), counter.admit('x'), counter.admit('x'), counter.admit('y')]).toEqual([true, true, false, true]);
		counter.release('x');
		expect(counter.admit('x')).toBe(true);
	});

	it('trusts a forwarded address only when ADDRESS_HEADER names the header', () => {
		const headers = { 'x-forwarded-for': '203.0.113.9, 10.0.0.2' };
		expect(clientAddress('10.0.0.1', headers, { xffDepth: 1 })).toBe('10.0.0.1');
		expect(clientAddress('10.0.0.1', headers, { addressHeader: 'X-Forwarded-For', xffDepth: 1 })).toBe('10.0.0.2');
		expect(clientAddress('10.0.0.1', headers, { addressHeader: 'x-forwarded-for', xffDepth: 2 })).toBe('203.0.113.9');
		expect(clientAddress('10.0.0.1', { 'x-real-ip': '198.51.100.3' }, { addressHeader: 'x-real-ip', xffDepth: 1 })).toBe('198.51.100.3');
		expect(clientAddress('10.0.0.1', {}, { addressHeader: 'x-real-ip', xffDepth: 1 })).toBe('10.0.0.1');
	});
});
