import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { describeWithDatabase } from '../support/setup';
import { createTestDatabase } from '../support/database';
import { adapterFor, migrationsDir } from '../../src/lib/server/db/provider';
import { applyMigrations, diffDatamodels } from '../../src/lib/server/db/schemaEngine';

describeWithDatabase('migrations', (ctx) => {
	it('applies nothing the second time: a restart on a migrated database changes nothing', async () => {
		const fresh = await createTestDatabase();
		const { url, schema, provider } = fresh;
		const tables = await fresh.db.$queryRawUnsafe<unknown[]>('SELECT migration_name FROM _prisma_migrations');
		expect(tables.length).toBeGreaterThan(0);
		await fresh.db.$disconnect();
		try {
			expect(await applyMigrations(adapterFor(url, schema), migrationsDir(provider))).toEqual([]);
		} finally {
			await fresh.close();
		}
	});

	it('records applied migrations in the table prisma migrate deploy reads', async () => {
		const rows = await ctx().database.db.$queryRawUnsafe<Array<{ migration_name: string; finished_at: unknown }>>(
			'SELECT migration_name, finished_at FROM _prisma_migrations'
		);
		expect(rows.length).toBeGreaterThan(0);
		expect(rows.every((r) => r.finished_at !== null)).toBe(true);
	});

	it('has a migration for every change in prisma/schema.prisma (the snapshot equals the schema)', async () => {
		const schema = readFileSync('prisma/schema.prisma', 'utf8');
		const snapshot = readFileSync('prisma/migrations/schema.snapshot.prisma', 'utf8');
		const sql = await diffDatamodels(adapterFor('file::memory:'), snapshot, schema);
		expect(sql.trim()).toMatch(/^(-- This is an empty migration\.)?$/);
	});
});
