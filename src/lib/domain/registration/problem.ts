/**
 * The shape every registration check reports a problem in: a stable code (see messages.ts
 * for the zh-CN and English texts) and the values its message needs. Checks return lists
 * of these instead of throwing, so a form or an Excel import can show every problem at once.
 */
export interface Problem {
	code: string;
	params: Record<string, string | number>;
}
