/**
 * Texts of the live pages and procedures. Add keys to `zh` first; the type of `en`
 * makes a missing English text a compile error. Prefix every key with 'live.'.
 */
const zh = {} as const;

export const liveTexts = {
	'zh-CN': zh,
	en: {} satisfies Record<keyof typeof zh, string>
};
