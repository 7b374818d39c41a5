/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * The service worker keeps the referee console usable when the hall's network drops. Only the
 * referee pages register it, with scope `/referee/` (src/routes/referee/+layout.svelte), so it
 * never controls a spectator's page. The app's built assets are cached when it installs, and
 * referee pages are fetched network-first with the last good copy as the fallback, so reloading
 * the scoring page offline still opens it; the page then restores its queued operations and the
 * last server state from IndexedDB. API calls and everything else go to the network untouched.
 */
import { build, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;
const ASSETS = `assets-${version}`;
const PAGES = 'referee-pages';

sw.addEventListener('install', (event) => {
	event.waitUntil(
		caches
			.open(ASSETS)
			.then((cache) => cache.addAll(build))
			.then(() => sw.skipWaiting())
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		caches
			.keys()
			.then((keys) => Promise.all(keys.filter((k) => k.startsWith('assets-') && k !== ASSETS).map((k) => caches.delete(k))))
			.then(() => sw.clients.claim())
	);
});

sw.addEventListener('fetch', (event) => {
	const request = event.request;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;

	if (build.includes(url.pathname)) {
		event.respondWith(caches.match(request).then((hit) => hit ?? fetch(request)));
		return;
	}
	const refereePage = url.pathname === '/referee' || url.pathname.startsWith('/referee/');
	if (!refereePage || (request.mode !== 'navigate' && !url.pathname.endsWith('__data.json'))) return;
	event.respondWith(
		(async () => {
			const cache = await caches.open(PAGES);
			try {
				const response = await fetch(request);
				if (response.ok && response.type === 'basic') await cache.put(request, response.clone());
				return response;
			} catch (error) {
				const hit = await cache.match(request);
				if (hit) return hit;
				throw error;
			}
		})()
	);
});
