import type { RequestHandler } from './$types';

/**
 * The big screen's rotation as a tiny classic (ES5) script, so that TV browsers too old for
 * the app's modules still rotate. It reads the next address and pace from
 * `#screen-rotation` and goes there when the time is up; with rotation stopped (no element)
 * it does nothing. Browsers without JavaScript use the page's <noscript> meta refresh.
 */
const SCRIPT = `(function () {
	var key = '', deadline = 0;
	setInterval(function () {
		var el = document.getElementById('screen-rotation');
		if (!el) { key = ''; return; }
		var next = el.getAttribute('data-next'), pace = Number(el.getAttribute('data-pace'));
		if (!next || !(pace > 0)) return;
		var now = new Date().getTime();
		if (next !== key) { key = next; deadline = now + pace * 1000; return; }
		if (now >= deadline) { key = ''; window.location.replace(next); }
	}, 500);
})();
`;

export const GET: RequestHandler = () =>
	new Response(SCRIPT, {
		headers: { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=3600' }
	});
