import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig, type Plugin } from 'vitest/config';

/**
 * `vite dev` has Socket.IO too: register the dev HTTP server where the app's start-up
 * (src/hooks.server.ts → init) looks for it, exactly as server.js does in production.
 */
function socketIoDevServer(): Plugin {
	return {
		name: 'district-games:socket.io',
		configureServer(server) {
			if (server.httpServer) {
				(globalThis as Record<symbol, unknown>)[Symbol.for('district-games.httpServer')] =
					server.httpServer;
			}
		}
	};
}

export default defineConfig({
	plugins: [sveltekit(), socketIoDevServer()],
	test: {
		expect: { requireAssertions: true },
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					environment: 'node',
					include: ['src/**/*.spec.ts']
				}
			},
			// The same integration tests run on both databases (see tests/support/database.ts).
			...(['sqlite', 'postgresql'] as const).map((db) => ({
				extends: true as const,
				test: {
					name: `integration-${db}`,
					environment: 'node',
					include: ['tests/integration/**/*.test.ts'],
					env: { TEST_DB: db },
					testTimeout: 30_000,
					hookTimeout: 60_000
				}
			})),
			{
				extends: true,
				test: {
					name: 'e2e',
					environment: 'node',
					include: ['tests/e2e/**/*.e2e.ts'],
					globalSetup: ['tests/e2e/global-setup.ts'],
					testTimeout: 60_000,
					hookTimeout: 120_000,
					fileParallelism: false
				}
			}
		]
	}
});
