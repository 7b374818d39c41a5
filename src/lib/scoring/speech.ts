/**
 * Reads a text aloud with the Web Speech API where the browser has it (most tablets do).
 * Returns false where it is missing, so the console can say so instead of failing silently.
 */
export function speechAvailable(): boolean {
	return typeof window !== 'undefined' && 'speechSynthesis' in window && typeof SpeechSynthesisUtterance !== 'undefined';
}

/** Speaks `text` in `locale` (zh-CN or en), interrupting anything still being read. */
export function speak(text: string, locale: string): boolean {
	if (!speechAvailable()) return false;
	const utterance = new SpeechSynthesisUtterance(text);
	utterance.lang = locale === 'en' ? 'en-GB' : 'zh-CN';
	utterance.rate = 0.95;
	window.speechSynthesis.cancel();
	window.speechSynthesis.speak(utterance);
	return true;
}
