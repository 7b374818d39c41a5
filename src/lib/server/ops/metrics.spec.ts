import { describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { metrics, metricsAllowed, observeBroadcast, observeRequest, observeScoring, roomKind } from './metrics';

describe('who may read /metrics', () => {
	it('admits a request over loopback that did not come through a proxy when no token is set', () => {
		expect(metricsAllowed('127.0.0.1', {}, undefined)).toBe(true);
		expect(metricsAllowed('::1', {}, undefined)).toBe(true);
		expect(metricsAllowed('::ffff:127.0.0.1', {}, undefined)).toBe(true);
	});

	it('refuses requests forwarded by the proxy and requests from other addresses when no token is set', () => {
		expect(metricsAllowed('127.0.0.1', { 'x-forwarded-for': '203.0.113.9' }, undefined)).toBe(false);
		expect(metricsAllowed('127.0.0.1', { 'x-real-ip': '203.0.113.9' }, undefined)).toBe(false);
		expect(metricsAllowed('10.0.0.7', {}, undefined)).toBe(false);
		expect(metricsAllowed(undefined, {}, undefined)).toBe(false);
	});

	it('asks for the bearer token from everyone once a token is set', () => {
		const token = 'a-long-random-metrics-token';
		expect(metricsAllowed('10.0.0.7', { authorization: `Bearer ${token}` }, token)).toBe(true);
		expect(metricsAllowed('127.0.0.1', {}, token)).toBe(false);
		expect(metricsAllowed('127.0.0.1', { authorization: 'Bearer wrong' }, token)).toBe(false);
		expect(metricsAllowed('127.0.0.1', { authorization: token }, token)).toBe(false);
	});
});

describe('the metrics registry', () => {
	it('names room kinds from room names and files unknown ones under other', () => {
		expect(roomKind('match:abc')).toBe('match');
		expect(roomKind('live')).toBe('live');
		expect(roomKind('street:S01')).toBe('street');
		expect(roomKind('bogus:1')).toBe('other');
	});

	it('counts scoring operations by outcome, requests by route and broadcasts by room kind', async () => {
		await observeScoring(async () => ({ ok: true, duplicate: false }));
		await observeScoring(async () => ({ ok: true, duplicate: true }));
		await observeScoring(async () => ({ ok: false }));
		await expect(observeScoring(() => Promise.reject(new TRPCError({ code: 'FORBIDDEN' })))).rejects.toThrow();
		await expect(observeScoring(() => Promise.reject(new Error('database gone')))).rejects.toThrow();
		observeRequest('GET', '/live', 200, 12);
		observeBroadcast('match:m1', Date.now() - 20);
		const text = await metrics().registry.metrics();
		for (const outcome of ['accepted', 'duplicate', 'stale', 'refused', 'error']) {
			expect(text).toMatch(new RegExp(`dg_scoring_operation_duration_seconds_count\\{outcome="${outcome}"\\} 1`));
		}
		expect(text).toMatch(/dg_http_request_duration_seconds_count\{method="GET",route="\/live",status="200"\} 1/);
		expect(text).toMatch(/dg_broadcasts_total\{room_kind="match"\} 1/);
		expect(text).toMatch(/dg_fanout_lag_seconds_count\{room_kind="match"\} 1/);
		expect(text).toContain('nodejs_eventloop_lag_seconds');
		expect(text).toContain('dg_socket_connections 0');
		expect(text).toContain('dg_room_log_entries 0');
	});
});
