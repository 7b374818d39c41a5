/**
 * Texts of the scoring pages and procedures. Add keys to `zh` first; the type of `en`
 * makes a missing English text a compile error. Prefix every key with 'scoring.'.
 */
const zh = {} as const;

export const scoringTexts = {
	'zh-CN': zh,
	en: {} satisfies Record<keyof typeof zh, string>
};
