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
				extends: './vite.config.ts',
				test: {
					name: 'unit',
					environment: 'node',
					include: ['src/**/*.spec.ts']
				}
			}
		]
	}
});
