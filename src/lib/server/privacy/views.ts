/**
 * Display helpers of the privacy layer that are not about ID or certificate numbers (their
 * one mask lives in src/lib/domain/registration/mask.ts).
 */

/** A phone number for audit records and logs: the last four digits only ('*******5678'). */
export function maskPhone(phone: string): string {
	const text = String(phone ?? '');
	if (text.length <= 4) return '*'.repeat(text.length);
	return '*'.repeat(text.length - 4) + text.slice(-4);
}
