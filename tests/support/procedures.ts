/**
 * Every tRPC procedure of the app, discovered from the router itself, so the permission
 * matrix and the fuzz tests cover procedures added later without anyone remembering to.
 */
import { appRouter } from '../../src/lib/server/trpc/router';

export interface ProcedureInfo {
	path: string;
	type: 'query' | 'mutation' | 'subscription';
	/** The zod input schema, when the procedure declares one. */
	input: unknown;
}

export function listProcedures(): ProcedureInfo[] {
	const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { type: ProcedureInfo['type']; inputs: unknown[] } }>;
	return Object.entries(procedures)
		.map(([path, p]) => ({ path, type: p._def.type, input: p._def.inputs[0] }))
		.sort((a, b) => a.path.localeCompare(b.path));
}

/** Calls `path` on a caller (`caller.a.b.c(input)`). */
export function callPath(caller: unknown, path: string, input: unknown): Promise<unknown> {
	let target: unknown = caller;
	for (const segment of path.split('.')) target = (target as Record<string, unknown>)[segment];
	return (target as (input: unknown) => Promise<unknown>)(input);
}

/** The keys of a zod object schema (looking through wrappers), or [] for anything else. */
export function inputKeys(schema: unknown): string[] {
	let current = schema as { shape?: Record<string, unknown>; def?: { innerType?: unknown; in?: unknown; schema?: unknown } } | undefined;
	for (let depth = 0; current && depth < 6; depth++) {
		if (current.shape && typeof current.shape === 'object') return Object.keys(current.shape);
		current = (current.def?.innerType ?? current.def?.in ?? current.def?.schema) as typeof current;
	}
	return [];
}
