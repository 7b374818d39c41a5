import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getApp } from '$lib/server/app';
import { readiness } from '$lib/server/ops/health';
import { redisHealth } from '$lib/server/realtime/io';

/**
 * The original health check, kept for monitors already pointed at it: the readiness report
 * (`status` `ok` or `degraded`, the components and the failing ones; `database` names the
 * provider as it always did), but 503 only when the database
 * does not answer — the app still serves every page without Redis. New set-ups use
 * `/health/live` and `/health/ready`. Says nothing about data.
 */
export const GET: RequestHandler = async () => {
	const started = performance.now();
	const { db, provider } = await getApp();
	const result = await readiness({ db, provider, redis: redisHealth });
	return json(
		{
			status: result.status,
			database: provider,
			components: { database: result.database, redis: result.redis, migrations: result.migrations },
			limits: result.limits,
			failing: result.failing,
			latencyMs: Math.round(performance.now() - started) },
		{ status: result.database === 'up' ? 200 : 503, headers: { 'cache-control': 'no-store' } }
	);
};
