/**
 * Texts of the art pages and procedures. Add keys to `zh` first; the type of `en`
 * makes a missing English text a compile error. Prefix every key with 'art.'.
 */
const zh = {} as const;

export const artTexts = {
	'zh-CN': zh,
	en: {} satisfies Record<keyof typeof zh, string>
};
