import type { PageServerLoad } from './$types';
import { loadCaller } from '$lib/server/trpc/http';
import { nextScreen, parseScreen, SCREEN_VIEWS } from '$lib/components/live/screen';

/**
 * Big-screen mode. Without `run`, the settings form. With `run=1`, one view of the rotation,
 * rendered server-side; the page refreshes itself to the next view after `pace` seconds
 * (a meta refresh: works on TV browsers without JavaScript); with JavaScript the view is live.
 */
export const load: PageServerLoad = async (event) => {
	const caller = await loadCaller(event);
	const settings = parseScreen(event.url.searchParams);
	const venues = await caller.live.venues();
	if (settings.venue && !venues.some((v) => v.id === settings.venue)) settings.venue = null;
	if (!settings.run) return { settings, venues, views: SCREEN_VIEWS, screen: null };
	const view = settings.views[settings.index % settings.views.length] ?? 'now';
	const [live, medals] = await Promise.all([
		view === 'medals' ? null : settings.venue ? caller.live.venue({ id: settings.venue }) : caller.live.nowPlaying(),
		view === 'medals' ? caller.live.medals() : null
	]);
	const items =
		view === 'now'
			? (live?.data.playing.length ?? 0)
			: view === 'callroom'
				? (live?.data.playing.filter((m) => m.status === 'called').length ?? 0)
				: view === 'recent'
					? (live?.data.recent.length ?? 0)
					: 0;
	const next = nextScreen(settings, items);
	return { settings, venues, views: SCREEN_VIEWS, screen: { view, live, medals, next } };
};
