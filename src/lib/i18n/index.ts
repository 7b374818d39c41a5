/**
 * Translation. zh-CN is the default; English is complete (checked by the type of `en`).
 * Domain modules keep their own message records (codes raised by the rules); `translate`
 * looks a key up in the app catalogue first, then in those records.
 */
import { fill, type Locale } from './format';
import { zhCN } from './zh-CN';
import { en } from './en';
import { domainMessages } from './domain';
import { registrationTexts } from './areas/registration';
import { competitionTexts } from './areas/competition';
import { scoringTexts } from './areas/scoring';
import { liveTexts } from './areas/live';
import { artTexts } from './areas/art';

/** The app's texts: the site-wide catalogue plus one catalogue per feature area. */
const zhAll = {
	...zhCN,
	...registrationTexts['zh-CN'],
	...competitionTexts['zh-CN'],
	...scoringTexts['zh-CN'],
	...liveTexts['zh-CN'],
	...artTexts['zh-CN']
};
const enAll: Record<keyof typeof zhAll, string> = {
	...en,
	...registrationTexts.en,
	...competitionTexts.en,
	...scoringTexts.en,
	...liveTexts.en,
	...artTexts.en
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

/**
 * Every text of a language — the app's and the domain rules' — as one flat record. The root
 * layout sends it to the browser as data, so pages carry one language and no text in their
 * JavaScript.
 */
export function messagesFor(locale: Locale): Record<string, string> {
	const domain = Object.fromEntries(Object.entries(domainMessages).map(([key, texts]) => [key, texts[locale]]));
	return { ...domain, ...catalogues[locale] };
}

/** Every app text of a language (for completeness tests). */
export function catalogue(locale: Locale): Readonly<Record<string, string>> {
	return catalogues[locale];
}
