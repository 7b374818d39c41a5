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
	{ href: '/live', label: 'site.nav.live' },
	{ href: '/register', label: 'registration.nav.register' },
	{ href: '/entry', label: 'registration.nav.entry' },
	{ href: '/categories', label: 'competition.categories.title' },
	{ href: '/art', label: 'art.nav.gallery' }
];

export const roleNav: Record<Role, NavItem[]> = {
	organizer: [
		{ href: '/admin', label: 'site.nav.dashboard' },
		{ href: '/admin/programme', label: 'registration.nav.programme' },
		{ href: '/admin/entries', label: 'registration.nav.entries' },
		{ href: '/checkin', label: 'registration.nav.checkin' },
		{ href: '/admin/draws', label: 'competition.admin.nav' },
		{ href: '/admin/schedule', label: 'competition.admin.scheduleNav' },
		{ href: '/admin/art', label: 'art.nav.admin' },
		{ href: '/admin/matches', label: 'scoring.admin.title' }
	],
	coordinator: [
		{ href: '/street', label: 'registration.nav.street' },
		{ href: '/art/entries', label: 'art.nav.entries' }
	],
	referee: [
		{ href: '/referee', label: 'scoring.referee.title' },
		{ href: '/checkin', label: 'registration.nav.checkin' }
	],
	juror: [{ href: '/jury', label: 'art.nav.jury' }]
};
