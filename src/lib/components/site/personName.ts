/**
 * The `lang` attribute of a person's name in the interface language `locale`: names are
 * Chinese, so the English interface marks them (for elements that cannot use PersonName,
 * such as table header cells holding only a name). undefined in the Chinese interface, where
 * the page's own lang is already right.
 */
export function nameLang(locale: string): 'zh-CN' | undefined {
	return locale === 'en' ? 'zh-CN' : undefined;
}
