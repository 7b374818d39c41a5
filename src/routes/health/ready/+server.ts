import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getApp } from '$lib/server/app';
import { readiness } from '$lib/server/ops/health';
import { redisHealth } from '$lib/server/realtime/io';

/**
 * Readiness for load balancers and monitoring: 200 `ok` when the database answers, Redis
 * answers (when REDIS_URL is set) and the migrations are current; otherwise 503 `degraded`
 * with the failing components named. Answers within about a second whatever is down.
 */
export const GET: RequestHandler = async () => {
	const { db, provider } = await getApp();
	const result = await readiness({ db, provider, redis: redisHealth });
	return json(result, { status: result.status === 'ok' ? 200 : 503, headers: { 'cache-control': 'no-store' } });
};
