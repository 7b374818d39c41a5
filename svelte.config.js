import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// precompress: .br and .gz copies of the built assets, which adapter-node serves by
		// Accept-Encoding (pages and data are compressed at request time by the handle).
		adapter: adapter({ out: 'build', precompress: true }),
		// The service worker serves only the referee console offline; the referee pages register
		// it (scope /referee/), so spectators never download it or its cache.
		serviceWorker: { register: false },
		// Content Security Policy: no inline scripts except SvelteKit's own (hashed/nonced),
		// no framing (clickjacking), same-origin connections only (tRPC and Socket.IO).
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
