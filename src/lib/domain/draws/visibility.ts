/**
 * The one visibility rule of draws: what spectators may see of a category's pairings.
 *
 * A draw is the organizer's working copy until it is published: it can be re-drawn, players can
 * be swapped, and showing it would let anyone watch (or game) the draw before it is final. So a
 * match is public only when the draw that made it is published. A match that no draw made (none
 * in the app today; tests build such fixtures) has nothing unpublished to hide. The server turns
 * this rule into its database filter (`publicMatchWhere` in src/lib/server/competition/visibility.ts)
 * and checks every row against it again before a public view or broadcast is built.
 */

/** What the rule needs to know about a match: the draw that made it, if any. */
export interface MatchVisibilityFacts {
	draw: { publishedAt: Date | string | null } | null;
}

/** True when spectators (public pages, live rooms, broadcasts) may see this match. */
export function isMatchPublic(match: MatchVisibilityFacts): boolean {
	return match.draw === null || match.draw.publishedAt !== null;
}

/** True when spectators may see this draw (its groups, bracket or pairings). */
export function isDrawPublic(draw: { publishedAt: Date | string | null }): boolean {
	return draw.publishedAt !== null;
}
