import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import type { RequestHandler } from './$types';
import { contextFromEvent, trpcHandlerOptions } from '$lib/server/trpc/http';

/**
 * tRPC over HTTP. A mutation from another origin is refused: the session cookie is SameSite=Lax,
 * and this check closes the remaining gap for browsers that send cross-site JSON requests.
 */
const handler: RequestHandler = async (event) => {
	const origin = event.request.headers.get('origin');
	if (event.request.method === 'POST' && origin && origin !== event.url.origin) {
		return new Response(JSON.stringify({ error: { message: 'cross-origin request refused' } }), {
			status: 403,
			headers: { 'content-type': 'application/json' }
		});
	}
	return fetchRequestHandler({
		...trpcHandlerOptions,
		req: event.request,
		createContext: () => contextFromEvent(event)
	});
};

export const GET = handler;
export const POST = handler;
