/**
 * Form actions call procedures in-process; `actionError` turns what a procedure throws into
 * SvelteKit's `fail` with the translated message and per-field messages for the form.
 */
import { fail } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';
import type { Locale } from '$lib/i18n';
import { formatError, httpStatusOf } from './trpc/format';

export function actionError(error: unknown, locale: Locale, values: Record<string, unknown> = {}) {
	if (!(error instanceof TRPCError)) throw error;
	const { message, fieldErrors } = formatError(error, locale);
	return fail(httpStatusOf(error), { message, fieldErrors: fieldErrors ?? {}, values });
}

/** A form field as a string ('' when missing or a file). */
export function field(form: FormData, name: string): string {
	const value = form.get(name);
	return typeof value === 'string' ? value : '';
}
