/**
 * The page's language for components. The root layout provides it from its data (the locale
 * and that language's texts); components call `useI18n()` and `i18n.t(key)`. No catalogue is
 * imported here, so no text ends up in the browser's JavaScript.
 */
import { getContext, setContext } from 'svelte';
import { fill, type Locale } from './format';
import { DEFAULT_TIME_ZONE, formatTime, type TimeStyle } from './time';
import type { MessageKey } from './index';

const KEY = Symbol('i18n');

export interface I18n {
	readonly locale: Locale;
	t(key: MessageKey | (string & {}), params?: Record<string, string | number>): string;
	/** Picks the Chinese or English variant of a record's name. */
	name(record: { nameZh: string; nameEn: string }): string;
	/** The edition's time zone (every time shown is on it). */
	readonly timeZone: string;
	/** An instant written on the edition's clock in the page's language ('' for none). */
	time(value: string | Date | null | undefined, style?: TimeStyle): string;
}

/** Creates the translator over a language's texts (unknown keys show as themselves). */
export function createI18n(
	getLocale: () => Locale,
	getMessages: () => Record<string, string>,
	getTimeZone: () => string | undefined = () => DEFAULT_TIME_ZONE
): I18n {
	const zone = () => getTimeZone() ?? DEFAULT_TIME_ZONE;
	return {
		get locale() {
			return getLocale();
		},
		get timeZone() {
			return zone();
		},
		time: (value, style) => formatTime(value, { locale: getLocale(), timeZone: zone(), style }),
		t: (key, params) => fill(getMessages()[key] ?? key, params),
		name: (record) => (getLocale() === 'en' ? record.nameEn : record.nameZh)
	};
}

/** Makes the page's translator (language, texts, edition clock) available to components. */
export function provideI18n(
	getLocale: () => Locale,
	getMessages: () => Record<string, string>,
	getTimeZone?: () => string | undefined
): I18n {
	return setContext<I18n>(KEY, createI18n(getLocale, getMessages, getTimeZone));
}

export function useI18n(): I18n {
	return getContext<I18n>(KEY);
}
