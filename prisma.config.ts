// Configuration for the Prisma CLI (users with internet access can run `prisma migrate deploy`).
// The app itself never runs the CLI: it migrates with its own WASM-based step
// (src/lib/server/db/migrate.ts). The provider follows DATABASE_URL, like the app.
import { defineConfig } from 'prisma/config';

const url = process.env.DATABASE_URL ?? 'file:./data/district-games.db';
const postgres = /^postgres(ql)?:\/\//.test(url);

export default defineConfig({
	schema: postgres ? 'prisma/postgresql/schema.prisma' : 'prisma/schema.prisma',
	migrations: { path: postgres ? 'prisma/migrations/postgresql' : 'prisma/migrations/sqlite' },
	datasource: { url }
});
