/**
 * The referee console's tRPC client: one request per operation (no batching), so operations
 * reach the server in the order they were entered. Errors are sorted into "the network is
 * down" (keep the operation queued and retry) and "the server refused it" (show the message).
 */
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import type { AppRouter } from '$lib/server/trpc/router';

export const api = createTRPCClient<AppRouter>({
	links: [httpLink({ url: '/api/trpc' })]
});

/** A refusal by the server, with its translated message and key. */
export interface Refusal {
	kind: 'refused';
	status: number;
	key: string | null;
	message: string;
}

/** Sorts an error from `api`: a refusal, or a network failure (offline, server unreachable). */
export function classify(error: unknown): Refusal | { kind: 'network' } {
	if (error instanceof TRPCClientError) {
		const data = (error as TRPCClientError<AppRouter>).data as { httpStatus?: number; key?: string | null } | undefined;
		const status = data?.httpStatus ?? 0;
		// No HTTP status: the request never got an answer. 5xx from a proxy: try again later.
		if (!data || status === 0 || status >= 500) return { kind: 'network' };
		return { kind: 'refused', status, key: data.key ?? null, message: error.message };
	}
	return { kind: 'network' };
}
