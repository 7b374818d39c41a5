/**
 * The most calls one tRPC batch may carry. The server refuses a larger batch whole (400) before
 * running any of it — an anonymous batch of 800 `live.nowPlaying` calls once froze the server
 * for a minute — and the browser's batch link splits its batches at the same size.
 */
export const MAX_BATCH_ITEMS = 10;
