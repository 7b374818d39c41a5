/**
 * Errors a person can act on. Procedures throw `userError(code, key, params)`; the error
 * formatter translates `key` into the caller's language. Never put personal data in params.
 */
import { TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import type { MessageKey } from '$lib/i18n';

export class UserFacingError extends Error {
	constructor(
		readonly key: MessageKey | (string & {}),
		readonly params: Record<string, string | number> = {}
	) {
		super(key);
		this.name = 'UserFacingError';
	}
}

/** A tRPC error whose message is the translation of `key` in the caller's language. */
export function userError(
	code: TRPC_ERROR_CODE_KEY,
	key: MessageKey | (string & {}),
	params: Record<string, string | number> = {}
): TRPCError {
	return new TRPCError({ code, message: key, cause: new UserFacingError(key, params) });
}
