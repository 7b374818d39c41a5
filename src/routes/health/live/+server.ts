import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/**
 * Liveness: the process is up and its event loop answers. Depends on nothing else, so an
 * orchestrator restarts the process only when restarting can help (not when Redis is down).
 */
export const GET: RequestHandler = () => json({ status: 'live' }, { headers: { 'cache-control': 'no-store' } });
