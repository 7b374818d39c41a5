/**
 * The main navigation: public links for everyone, plus the console of the logged-in role.
 * Each feature adds its own entries here when its pages exist.
 */
import type { MessageKey } from '$lib/i18n';
import type { Role } from '$lib/roles';

export interface NavItem {
	href: string;
	label: MessageKey;
}

export const publicNav: NavItem[] = [
	{ href: '/', label: 'site.nav.home' },
	{ href: '/live', label: 'site.nav.live' }
];

export const roleNav: Record<Role, NavItem[]> = {
	organizer: [{ href: '/admin', label: 'site.nav.dashboard' }],
	coordinator: [],
	referee: [],
	juror: []
};
