/**
 * The catalogue-free part of translation, safe to ship to the browser: the locales and the
 * placeholder filling. The texts themselves reach the browser as the root layout's data (only
 * the page's language), never as JavaScript.
 */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';
export const LOCALE_COOKIE = 'dg_locale';

/** Parses a cookie or query value into a supported locale. */
export function toLocale(value: string | null | undefined): Locale {
	return value === 'en' ? 'en' : DEFAULT_LOCALE;
}

/** Fills `{name}` placeholders from `params`; unknown placeholders stay visible. */
export function fill(text: string, params: Record<string, string | number> = {}): string {
	return text.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}
