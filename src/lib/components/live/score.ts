/**
 * Reading the engine summaries of a public match view for display: a compact score line per
 * sport, and the sentence a screen reader hears when a match changes. The summaries are the
 * engines' own (src/lib/domain/scoring/*); fields are read defensively because an old or
 * empty summary ('{}' before the first event) must still render.
 */
import type { PublicMatchView, PublicSide } from '$lib/realtime/views';
import type { RoomUpdate } from '$lib/realtime/events';

export interface Pair {
	a: number;
	b: number;
}

type Translate = (key: string, params?: Record<string, string | number>) => string;

export interface TableTennisView {
	games: Pair[];
	gamesWon: Pair;
	currentGame: Pair;
	gameNumber: number;
	server: 'A' | 'B';
	deuce: boolean;
	gamePoint: 'A' | 'B' | null;
	matchPoint: 'A' | 'B' | null;
	finished: boolean;
}

export interface DartsView {
	remaining: Pair;
	legsWon: Pair;
	setsWon: Pair;
	averages: Pair;
	onThrow: 'A' | 'B' | null;
	legNumber: number;
	lastTurn: { side: 'A' | 'B'; scored: number; bust: boolean } | null;
	lastTurnBust: boolean;
	checkout: string[] | null;
	stats?: { a: { highestCheckout: number; max180: number }; b: { highestCheckout: number; max180: number } };
	finished: boolean;
}

export interface XiangqiView {
	outcome: 'A' | 'B' | 'draw' | 'forfeitA' | 'forfeitB' | 'forfeitBoth' | null;
	points: Pair;
	moves: number | null;
	finished: boolean;
}

export interface DartsTotalView {
	standings: Array<{ id: string; total: number; rank: number | null; roundsThrown: number; withdrawn: boolean }>;
	roundsLeft: number;
	finished: boolean;
}

const isPair = (v: unknown): v is Pair =>
	typeof v === 'object' && v !== null && typeof (v as Pair).a === 'number' && typeof (v as Pair).b === 'number';

const obj = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {});

export function tableTennis(view: PublicMatchView): TableTennisView | null {
	const s = obj(view.summary);
	if (!Array.isArray(s.games) || !isPair(s.gamesWon)) return null;
	return {
		games: (s.games as unknown[]).filter(isPair),
		gamesWon: s.gamesWon,
		currentGame: isPair(s.currentGame) ? s.currentGame : { a: 0, b: 0 },
		gameNumber: typeof s.gameNumber === 'number' ? s.gameNumber : 1,
		server: s.server === 'B' ? 'B' : 'A',
		deuce: s.deuce === true,
		gamePoint: s.gamePoint === 'A' || s.gamePoint === 'B' ? s.gamePoint : null,
		matchPoint: s.matchPoint === 'A' || s.matchPoint === 'B' ? s.matchPoint : null,
		finished: s.finished === true
	};
}

export function darts(view: PublicMatchView): DartsView | null {
	const s = obj(view.summary);
	if (!isPair(s.remaining) || !isPair(s.legsWon)) return null;
	const last = obj(s.lastTurn);
	return {
		remaining: s.remaining,
		legsWon: isPair(s.totalLegsWon) ? s.totalLegsWon : s.legsWon,
		setsWon: isPair(s.setsWon) ? s.setsWon : { a: 0, b: 0 },
		averages: isPair(s.averages) ? s.averages : { a: 0, b: 0 },
		onThrow: s.onThrow === 'A' || s.onThrow === 'B' ? s.onThrow : null,
		legNumber: typeof s.legNumber === 'number' ? s.legNumber : 1,
		lastTurn:
			last.side === 'A' || last.side === 'B'
				? { side: last.side, scored: Number(last.scored) || 0, bust: last.bust === true }
				: null,
		lastTurnBust: s.lastTurnBust === true,
		checkout: Array.isArray(s.checkout) ? (s.checkout as string[]) : null,
		finished: s.finished === true
	};
}

export function xiangqi(view: PublicMatchView): XiangqiView | null {
	const s = obj(view.summary);
	if (!('outcome' in s) && !isPair(s.points)) return null;
	const outcomes = ['A', 'B', 'draw', 'forfeitA', 'forfeitB', 'forfeitBoth'];
	return {
		outcome: typeof s.outcome === 'string' && outcomes.includes(s.outcome) ? (s.outcome as XiangqiView['outcome']) : null,
		points: isPair(s.points) ? s.points : { a: 0, b: 0 },
		moves: typeof s.moves === 'number' ? s.moves : null,
		finished: s.finished === true
	};
}

export function dartsTotal(view: PublicMatchView): DartsTotalView | null {
	const s = obj(view.summary);
	if (!Array.isArray(s.standings)) return null;
	return {
		standings: s.standings as DartsTotalView['standings'],
		roundsLeft: typeof s.roundsLeft === 'number' ? s.roundsLeft : 0,
		finished: s.finished === true
	};
}

/**
 * The compact score split per side for scoreboard rows: the main figure (games, legs, points)
 * and, while a game or leg is running, the current one (points, remaining). Visual only; the
 * words for assistive technology come from `scoreSpeech`.
 */
export function scoreParts(view: PublicMatchView): { main: Pair; current: Pair | null } | null {
	switch (view.category.sport) {
		case 'tableTennis': {
			const tt = tableTennis(view);
			return tt ? { main: tt.gamesWon, current: tt.finished ? null : tt.currentGame } : null;
		}
		case 'darts': {
			const d = darts(view);
			return d ? { main: d.legsWon, current: d.finished ? null : d.remaining } : null;
		}
		case 'xiangqi': {
			const x = xiangqi(view);
			return x && x.finished ? { main: x.points, current: null } : null;
		}
		default:
			return null;
	}
}

/** Formats a number the way the sport's scoreboards do (½ for xiangqi half points). */
export function points(n: number): string {
	return Number.isInteger(n) ? String(n) : n % 1 === 0.5 ? `${Math.floor(n) || ''}½` : n.toFixed(1);
}

/** The short score of a match, e.g. "2 : 1 (7 : 5)" — for lists, the big screen and announcements. */
export function scoreLine(view: PublicMatchView): string {
	switch (view.category.sport) {
		case 'tableTennis': {
			const tt = tableTennis(view);
			if (!tt) return '';
			const game = tt.finished ? '' : ` (${tt.currentGame.a} : ${tt.currentGame.b})`;
			return `${tt.gamesWon.a} : ${tt.gamesWon.b}${game}`;
		}
		case 'darts': {
			const d = darts(view);
			if (!d) return '';
			return d.finished ? `${d.legsWon.a} : ${d.legsWon.b}` : `${d.legsWon.a} : ${d.legsWon.b} (${d.remaining.a} / ${d.remaining.b})`;
		}
		case 'xiangqi': {
			const x = xiangqi(view);
			if (!x || !x.finished) return '';
			return `${points(x.points.a)} : ${points(x.points.b)}`;
		}
		case 'dartsTotal': {
			const t = dartsTotal(view);
			const leader = t?.standings.find((s) => s.rank === 1);
			return leader ? String(leader.total) : '';
		}
		default:
			return '';
	}
}

/**
 * The score in words for assistive technology ("games 2–1, points 7–5"): a bare "2 : 1 (7 : 5)"
 * does not say which number is games and which points. Used as the accessible label of every
 * compact score and in the live region's sentences.
 */
export function scoreSpeech(view: PublicMatchView, t: Translate): string {
	switch (view.category.sport) {
		case 'tableTennis': {
			const tt = tableTennis(view);
			if (!tt) return '';
			const games = { a: tt.gamesWon.a, b: tt.gamesWon.b };
			return tt.finished
				? t('live.speech.tt.final', games)
				: t('live.speech.tt', { ...games, pa: tt.currentGame.a, pb: tt.currentGame.b });
		}
		case 'darts': {
			const d = darts(view);
			if (!d) return '';
			const legs = { a: d.legsWon.a, b: d.legsWon.b };
			return d.finished ? t('live.speech.darts.final', legs) : t('live.speech.darts', { ...legs, ra: d.remaining.a, rb: d.remaining.b });
		}
		case 'xiangqi': {
			const x = xiangqi(view);
			if (!x || !x.finished) return '';
			return t('live.speech.xq', { a: points(x.points.a), b: points(x.points.b) });
		}
		case 'dartsTotal': {
			const line = scoreLine(view);
			return line ? t('live.speech.total', { total: line }) : '';
		}
		default:
			return '';
	}
}

/** The name shown for a side, or "to be decided" before a previous round has been played. */
export function sideName(side: PublicSide | null, t: Translate): string {
	return side?.name ?? t('live.side.tbd');
}

/** Where the match is played, in words. */
export function placeLabel(view: PublicMatchView, t: Translate): string {
	if (!view.table) return t('live.place.none');
	return t(`live.place.${view.table.kind}`, { label: view.table.label });
}

/**
 * The sentence for a screen reader about a match update: the score line, or the result when
 * it just finished (marked important so a summary keeps it). Nothing for unchanged views.
 */
export function describeMatch(
	update: RoomUpdate,
	before: PublicMatchView | null,
	t: Translate
): { text: string; important?: boolean; key: string } | null {
	if (update.type !== 'match') return null;
	const view = update.payload as PublicMatchView;
	if (before && before.version === view.version && before.status === view.status) return null;
	const a = sideName(view.sideA, t);
	const b = sideName(view.sideB, t);
	if ((view.status === 'finished' || view.status === 'walkover') && before?.status !== view.status) {
		const winner = view.winner === 'A' ? a : view.winner === 'B' ? b : null;
		return {
			text: winner ? t('live.announce.finished', { code: view.code, winner }) : t('live.announce.finished_draw', { code: view.code }),
			important: true,
			key: view.id
		};
	}
	const score = scoreSpeech(view, t);
	if (!score) return null;
	return { text: t('live.announce.one', { code: view.code, a, b, score }), key: view.id };
}
