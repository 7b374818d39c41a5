import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getApp } from '$lib/server/app';

/**
 * Health check for load balancers and monitoring: 200 when the database answers, 503 when it
 * does not. Says nothing about data.
 */
export const GET: RequestHandler = async () => {
	const started = performance.now();
	try {
		const { db, provider } = await getApp();
		await db.$queryRawUnsafe('SELECT 1');
		return json(
			{ status: 'ok', database: provider, latencyMs: Math.round(performance.now() - started) },
			{ headers: { 'cache-control': 'no-store' } }
		);
	} catch {
		return json({ status: 'unavailable' }, { status: 503, headers: { 'cache-control': 'no-store' } });
	}
};
