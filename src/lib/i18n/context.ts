/**
 * The page's language for components. The root layout provides it from the server's locale;
 * components call `useI18n()` and `i18n.t(key)` re-renders when the locale changes.
 */
import { getContext, setContext } from 'svelte';
import { translate, type Locale, type MessageKey } from './index';

const KEY = Symbol('i18n');

export interface I18n {
	readonly locale: Locale;
	t(key: MessageKey | (string & {}), params?: Record<string, string | number>): string;
	/** Picks the Chinese or English variant of a record's name. */
	name(record: { nameZh: string; nameEn: string }): string;
}

export function provideI18n(getLocale: () => Locale): void {
	setContext<I18n>(KEY, {
		get locale() {
			return getLocale();
		},
		t: (key, params) => translate(getLocale(), key, params),
		name: (record) => (getLocale() === 'en' ? record.nameEn : record.nameZh)
	});
}

export function useI18n(): I18n {
	return getContext<I18n>(KEY);
}
