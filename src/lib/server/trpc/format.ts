/**
 * One translation of errors for both ways of calling procedures: the HTTP error formatter and
 * form actions that call procedures in-process (whose errors are not formatted by tRPC).
 */
import { TRPCError } from '@trpc/server';
import { z, ZodError } from 'zod';
import { UserFacingError } from './errors';
import { hasMessage, translate, type Locale } from '$lib/i18n';
import { RuleViolation } from '$lib/domain/errors';

const zodLocales = { 'zh-CN': z.locales.zhCN(), en: z.locales.en() };

/** A zod issue's message in the caller's language: our own keys first, zod's texts otherwise. */
function issueMessage(locale: Locale, issue: z.core.$ZodIssue): string {
	if (hasMessage(issue.message)) return translate(locale, issue.message);
	const text = zodLocales[locale].localeError(issue as unknown as z.core.$ZodRawIssue);
	return typeof text === 'string' ? text : (text?.message ?? issue.message);
}

export interface FormattedError {
	key: string | null;
	message: string;
	fieldErrors: Record<string, string[]> | null;
}

/** The message (and per-field messages) a person sees for an error thrown by a procedure. */
export function formatError(error: TRPCError, locale: Locale): FormattedError {
	const cause = error.cause;
	if (cause instanceof ZodError) {
		const { fieldErrors, formErrors } = z.flattenError(cause, (issue) => issueMessage(locale, issue));
		const fields = fieldErrors as Record<string, string[]>;
		if (formErrors.length) fields._form = formErrors;
		return { key: 'errors.bad_request', message: translate(locale, 'errors.bad_request'), fieldErrors: fields };
	}
	if (cause instanceof UserFacingError) {
		return { key: cause.key, message: translate(locale, cause.key, cause.params), fieldErrors: null };
	}
	if (cause instanceof RuleViolation) {
		return { key: cause.code, message: translate(locale, cause.code, cause.params), fieldErrors: null };
	}
	if (error.code !== 'INTERNAL_SERVER_ERROR' && hasMessage(error.message)) {
		return { key: error.message, message: translate(locale, error.message), fieldErrors: null };
	}
	// Never echo internals (they may quote stored values); the server log has the detail.
	const key = error.code === 'INTERNAL_SERVER_ERROR' ? 'errors.internal' : 'errors.bad_request';
	return { key, message: translate(locale, key), fieldErrors: null };
}

/** The HTTP status tRPC uses for an error code (for form actions' `fail`). */
export { getHTTPStatusCodeFromError as httpStatusOf } from '@trpc/server/http';
