/**
 * Texts of the competition pages and procedures. Add keys to `zh` first; the type of `en`
 * makes a missing English text a compile error. Prefix every key with 'competition.'.
 */
const zh = {} as const;

export const competitionTexts = {
	'zh-CN': zh,
	en: {} satisfies Record<keyof typeof zh, string>
};
