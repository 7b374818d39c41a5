/**
 * Settings and rotation of the big-screen mode (/live/screen), read from the address so a
 * TV browser can be pointed at one URL and rotate without JavaScript (meta refresh).
 */
export const SCREEN_VIEWS = ['now', 'callroom', 'recent', 'medals'] as const;
export type ScreenView = (typeof SCREEN_VIEWS)[number];

/** Matches per screen of the "now playing" and "latest results" views (readable from 5 m). */
export const PER_SCREEN = 6;
export const PACE = { min: 5, max: 300, default: 15 };

export interface ScreenSettings {
	run: boolean;
	pace: number;
	views: ScreenView[];
	venue: string | null;
	/** Position in the rotation and page within a paged view. */
	index: number;
	page: number;
	/** Rotation stopped by the visitor (WCAG 2.2.2). */
	hold: boolean;
}

export function parseScreen(params: URLSearchParams): ScreenSettings {
	const pace = Math.round(Number(params.get('pace') ?? PACE.default));
	const views = (params.getAll('views').flatMap((v) => v.split(',')) as string[]).filter((v): v is ScreenView =>
		(SCREEN_VIEWS as readonly string[]).includes(v)
	);
	const int = (name: string) => {
		const n = Math.floor(Number(params.get(name) ?? 0));
		return Number.isFinite(n) && n >= 0 && n < 10_000 ? n : 0;
	};
	const venue = params.get('venue');
	return {
		run: params.get('run') === '1',
		pace: Number.isFinite(pace) ? Math.min(PACE.max, Math.max(PACE.min, pace)) : PACE.default,
		views: views.length ? [...new Set(views)] : [...SCREEN_VIEWS],
		venue: venue && /^[A-Za-z0-9_-]{1,60}$/.test(venue) ? venue : null,
		index: int('i'),
		page: int('p'),
		hold: params.get('hold') === '1'
	};
}

export function screenUrl(settings: ScreenSettings, change: Partial<ScreenSettings> = {}): string {
	const s = { ...settings, ...change };
	const params = new URLSearchParams({ run: '1', pace: String(s.pace), views: s.views.join(',') });
	if (s.venue) params.set('venue', s.venue);
	params.set('i', String(s.index % s.views.length));
	if (s.page) params.set('p', String(s.page));
	if (s.hold) params.set('hold', '1');
	return `/live/screen?${params}`;
}

/** The next screen: the next page of a paged view, else the first page of the next view. */
export function nextScreen(settings: ScreenSettings, items: number): { url: string; view: ScreenView; pages: number } {
	const view = settings.views[settings.index % settings.views.length] ?? 'now';
	const pages = view === 'medals' ? 1 : Math.max(1, Math.ceil(items / PER_SCREEN));
	if (settings.page + 1 < pages) return { url: screenUrl(settings, { page: settings.page + 1 }), view, pages };
	const index = (settings.index + 1) % settings.views.length;
	return { url: screenUrl(settings, { index, page: 0 }), view: settings.views[index] ?? 'now', pages };
}
