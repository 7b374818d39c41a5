/**
 * Translation. zh-CN is the default; English is complete (checked by the type of `en`).
 * Domain modules keep their own message records (codes raised by the rules); `translate`
 * looks a key up in the app catalogue first, then in those records.
 */
import { fill, type Locale } from './format';
import { zhCN } from './zh-CN';
import { en } from './en';
import { domainMessages } from './domain';
import { publicNav, roleNav } from '$lib/nav';
import { registrationTexts as registrationOnly } from './areas/registration';
import { privacyTexts } from './areas/privacy';
import { competitionTexts } from './areas/competition';
import { scoringTexts } from './areas/scoring';
import { liveTexts } from './areas/live';
import { artTexts } from './areas/art';
import { callroomTexts } from './areas/callroom';
import { orderOfPlayTexts } from './areas/orderOfPlay';

/** The registration area's texts include those of personal data protection (consents, rights). */
const registrationTexts = {
	'zh-CN': { ...registrationOnly['zh-CN'], ...privacyTexts['zh-CN'] },
	en: { ...registrationOnly.en, ...privacyTexts.en }
};

/** The app's texts: the site-wide catalogue plus one catalogue per feature area. */
const zhAll = {
	...zhCN,
	...registrationTexts['zh-CN'],
	...competitionTexts['zh-CN'],
	...scoringTexts['zh-CN'],
	...liveTexts['zh-CN'],
	...artTexts['zh-CN'],
	...callroomTexts['zh-CN'],
	...orderOfPlayTexts['zh-CN']
};
const enAll: Record<keyof typeof zhAll, string> = {
	...en,
	...registrationTexts.en,
	...competitionTexts.en,
	...scoringTexts.en,
	...liveTexts.en,
	...artTexts.en,
	...callroomTexts.en,
	...orderOfPlayTexts.en
};
export type MessageKey = keyof typeof zhAll;

export { LOCALES, DEFAULT_LOCALE, LOCALE_COOKIE, toLocale, fill } from './format';
export type { Locale } from './format';

const catalogues: Record<Locale, Record<string, string>> = { 'zh-CN': zhAll, en: enAll };


/** Whether `key` names a message in the app catalogue or a domain record. */
export function hasMessage(key: string): boolean {
	return key in zhAll || key in domainMessages;
}

/** The message for `key` in `locale`, with `{name}` placeholders filled from `params`. */
export function translate(
	locale: Locale,
	key: MessageKey | (string & {}),
	params: Record<string, string | number> = {}
): string {
	return fill(catalogues[locale][key] ?? domainMessages[key]?.[locale] ?? key, params);
}

/** The texts of a feature area: its app catalogue and the codes its domain rules raise. */
type Area = 'live' | 'competition' | 'registration' | 'scoring' | 'art' | 'callroom' | 'orderOfPlay';

const areaTexts: Record<Area, { app: Record<Locale, Record<string, string>>; domainPrefixes: string[] }> = {
	live: { app: liveTexts, domainPrefixes: [] },
	competition: { app: competitionTexts, domainPrefixes: ['draw.', 'standings.', 'placings.', 'swiss', 'schedule.', 'order.'] },
	registration: {
		app: registrationTexts,
		domainPrefixes: ['identity.', 'certificate.', 'date.', 'sport_class.', 'eligibility', 'quota.', 'window.', 'entry.', 'guardian.', 'person.', 'contact.', 'import.', 'reference.', 'disability.', 'gender.']
	},
	scoring: { app: scoringTexts, domainPrefixes: ['scoring.', 'tt.', 'darts.', 'dartsTotal.', 'xq.', 'ui.'] },
	art: { app: artTexts, domainPrefixes: ['jury.', 'art.'] },
	callroom: { app: callroomTexts, domainPrefixes: [] },
	orderOfPlay: { app: orderOfPlayTexts, domainPrefixes: [] }
};

/**
 * Which areas' texts a route needs, by the start of its route id. A page carries the site-wide
 * texts plus these, instead of the whole catalogue (about 65 KB of every page before). The
 * organizer's pages get everything; an unknown route (error page) only the site's texts.
 */
const routeAreas: Array<[prefix: string, areas: Area[]]> = [
	['/admin', ['live', 'competition', 'registration', 'scoring', 'art', 'callroom', 'orderOfPlay']],
	['/live', ['live', 'callroom']],
	['/categories', ['live', 'competition']],
	['/register', ['registration']],
	['/entry', ['registration']],
	['/street', ['registration']],
	['/checkin', ['registration', 'scoring']],
	['/referee', ['scoring', 'live', 'callroom']],
	['/art', ['art', 'registration']],
	['/jury', ['art']]
];

/** The areas whose texts the route `routeId` (SvelteKit's route id, e.g. '/live/match/[id]') uses. */
export function areasForRoute(routeId: string | null): Area[] {
	if (!routeId) return [];
	const found = routeAreas.find(([prefix]) => routeId === prefix || routeId.startsWith(`${prefix}/`));
	return found ? found[1] : [];
}

const siteTexts: Record<Locale, Record<string, string>> = { 'zh-CN': zhCN, en };
const cache = new Map<string, Record<string, string>>();

/**
 * The texts of a language a page needs — the site's, and the app's and the domain rules' texts
 * of the areas its route uses — as one flat record. The root layout sends it to the browser
 * as data (it reruns when the route changes), so pages carry one language, only the texts
 * they use, and no text in their JavaScript.
 */
export function messagesFor(locale: Locale, routeId: string | null = null): Record<string, string> {
	const areas = areasForRoute(routeId);
	const key = `${locale}|${areas.join(',')}`;
	const hit = cache.get(key);
	if (hit) return hit;
	const prefixes = areas.flatMap((area) => areaTexts[area].domainPrefixes);
	const domain = Object.fromEntries(
		Object.entries(domainMessages)
			.filter(([code]) => prefixes.some((prefix) => code.startsWith(prefix)))
			.map(([code, texts]) => [code, texts[locale]])
	);
	// The site navigation on every page names pages of every area.
	const nav = Object.fromEntries(
		[...publicNav, ...Object.values(roleNav).flat()].map((item) => [item.label, translate(locale, item.label)])
	);
	const texts = Object.assign({}, domain, siteTexts[locale], nav, ...areas.map((area) => areaTexts[area].app[locale])) as Record<string, string>;
	cache.set(key, texts);
	return texts;
}

/** Every app text of a language (for completeness tests). */
export function catalogue(locale: Locale): Readonly<Record<string, string>> {
	return catalogues[locale];
}
