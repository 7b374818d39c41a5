import type { Locale } from '$lib/i18n';
import type { SessionUser } from '$lib/roles';

declare global {
	namespace App {
		interface Locals {
			user: SessionUser | null;
			locale: Locale;
		}
		interface Error {
			message: string;
			key?: string;
		}
	}
}

export {};
