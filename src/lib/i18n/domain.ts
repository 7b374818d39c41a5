/**
 * The domain core's message records, merged: every code a rule raises, in both languages.
 * Each domain area exports its own record beside its rules; add new areas here.
 */
type Messages = Record<string, { 'zh-CN': string; en: string }>;

const records: Messages[] = [];

export const domainMessages: Messages = Object.assign({}, ...records);
