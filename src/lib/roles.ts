/** The roles a logged-in person can have. Athletes and spectators do not log in. */
export const ROLES = ['organizer', 'coordinator', 'referee', 'juror'] as const;
export type Role = (typeof ROLES)[number];

/** What the server tells pages about the logged-in person (never a password or a token). */
export interface SessionUser {
	id: string;
	username: string;
	displayName: string;
	role: Role;
	streetId: string | null;
	mustChangePassword: boolean;
}

/** The page a person lands on after logging in (each role's console joins as it is built). */
export function homeOf(role: Role): string {
	if (role === 'organizer') return '/admin';
	if (role === 'referee') return '/referee';
	if (role === 'juror') return '/jury';
	if (role === 'coordinator') return '/street';
	return '/';
}
