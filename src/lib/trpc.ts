/**
 * The typed tRPC client for the browser (pages that act without a form post, such as the
 * referee console). Server `load` functions and form actions use `callerFor(event)` instead.
 */
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import { MAX_BATCH_ITEMS } from './apiLimits';
import type { AppRouter } from '$lib/server/trpc/router';

export const trpc = createTRPCClient<AppRouter>({
	links: [httpBatchLink({ url: '/api/trpc', maxURLLength: 2000, maxItems: MAX_BATCH_ITEMS })]
});

/** The translated message and per-field messages of a failed call, for showing to the person. */
export function clientError(error: unknown): { message: string; fieldErrors: Record<string, string[]> } {
	if (error instanceof TRPCClientError) {
		const data = (error as TRPCClientError<AppRouter>).data as
			| { fieldErrors?: Record<string, string[]> | null }
			| undefined;
		return { message: error.message, fieldErrors: data?.fieldErrors ?? {} };
	}
	return { message: error instanceof Error ? error.message : String(error), fieldErrors: {} };
}
