/**
 * What the polite live region says when several updates arrive within one window. Kept apart
 * from the rune module so the rule is unit tested: a summary counts the MATCHES that changed
 * (many updates of one match are one match), and keeps the sentences of matches that just
 * finished, so a listener hears which match ended and who won.
 */
export interface Announcement {
	text: string;
	important: boolean;
	/** What the message is about (a match id); messages without a key count by their text. */
	key?: string;
}

/**
 * Reduces a window of messages to the number of distinct things that changed and the sentence
 * to read: the finished matches' results when there are any, else the latest message.
 */
export function summariseAnnouncements(queue: readonly Announcement[]): { count: number; latest: string } {
	const keys = new Set(queue.map((m) => m.key ?? `text:${m.text}`));
	const important = [...new Set(queue.filter((m) => m.important).map((m) => m.text))];
	const latest = important.length ? important.join('；') : (queue.at(-1)?.text ?? '');
	return { count: keys.size, latest };
}
