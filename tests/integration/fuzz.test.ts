import fc from 'fast-check';
import { TRPCError } from '@trpc/server';
import { expect, it } from 'vitest';
import { describeWithDatabase } from '../support/setup';
import { callPath, inputKeys, listProcedures } from '../support/procedures';
import { fingerprinter } from '../support/fingerprint';
import { findPersonalNumbers } from '../../src/lib/domain/registration/mask';
import { makeResidentId } from '../../src/lib/domain/registration/identity';
import type { SessionUser } from '../../src/lib/roles';

/** Cases per database; the suite runs on SQLite and PostgreSQL, 12,000 cases in total. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 6000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261129);

/** Values that break naive code: wrong types, edges, huge strings, injection-shaped text, ID numbers. */
const nasty: fc.Arbitrary<unknown> = fc.oneof(
	fc.constant(undefined),
	fc.constant(null),
	fc.boolean(),
	fc.integer(),
	fc.constantFrom(0, -1, 2 ** 31, Number.MAX_SAFE_INTEGER, 1e308, -0),
	fc.double(),
	fc.string(),
	fc.string({ unit: 'grapheme', maxLength: 40 }),
	fc.constantFrom('', ' ', 'x'.repeat(5000), "'; DROP TABLE \"User\"; --", '../../etc/passwd', '<script>alert(1)</script>', '{}', 'cuid', '\u0000', 'S01', 'admin'),
	fc.constant(makeResidentId('110105', '1980-01-01', 15)),
	fc.array(fc.jsonValue(), { maxLength: 4 }),
	fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue(), { maxKeys: 4 })
);

describeWithDatabase('every procedure under random input', (ctx) => {
	it(`answers ${RUNS} seeded random calls without a server error, and a refused call changes nothing`, async () => {
		const { db, provider } = ctx().database;
		const people: Array<SessionUser | null> = [
			null,
			await ctx().createUser('organizer'),
			await ctx().createUser('coordinator', { streetCode: 'S01' }),
			await ctx().createUser('referee'),
			await ctx().createUser('juror', { streetCode: 'S02' })
		];
		const procedures = listProcedures();
		const fingerprint = await fingerprinter(db, provider);
		const inputFor = (keys: string[]): fc.Arbitrary<unknown> =>
			keys.length === 0
				? nasty
				: fc.oneof(
						{ weight: 1, arbitrary: nasty },
						{ weight: 4, arbitrary: fc.record(Object.fromEntries(keys.map((k) => [k, nasty])), { requiredKeys: [] }) }
					);
		const cases = fc
			.constantFrom(...procedures)
			.chain((p) => fc.tuple(fc.constant(p), fc.nat({ max: people.length - 1 }), inputFor(inputKeys(p.input))));
		const serverErrors: string[] = [];
		let refused = 0;

		await fc.assert(
			fc.asyncProperty(cases, async ([procedure, who, input]) => {
				const before = await fingerprint();
				try {
					const result = await callPath(ctx().caller(people[who] ?? null, { address: `10.9.${who}.1` }), procedure.path, input);
					if (people[who] === null) {
						expect(findPersonalNumbers(JSON.stringify(result ?? null)), `${procedure.path} leaked a personal number`).toEqual([]);
					}
				} catch (error) {
					if (!(error instanceof TRPCError) || error.code === 'INTERNAL_SERVER_ERROR') {
						serverErrors.push(`${procedure.path} as ${people[who]?.role ?? 'public'}: ${error instanceof Error ? error.message : String(error)} — input ${JSON.stringify(input)?.slice(0, 200)}`);
						return;
					}
					refused++;
					expect(await fingerprint(), `${procedure.path} refused ${JSON.stringify(input)?.slice(0, 120)} but changed the database`).toBe(before);
				}
			}),
			{ seed: SEED, numRuns: RUNS, endOnFailure: true }
		);
		expect(serverErrors).toEqual([]);
		expect(refused).toBeGreaterThan(RUNS / 2);
	}, 600_000);
});
