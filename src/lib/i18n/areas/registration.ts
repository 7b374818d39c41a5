/**
 * Texts of the registration pages and procedures. Add keys to `zh` first; the type of `en`
 * makes a missing English text a compile error. Prefix every key with 'registration.'.
 */
const zh = {} as const;

export const registrationTexts = {
	'zh-CN': zh,
	en: {} satisfies Record<keyof typeof zh, string>
};
