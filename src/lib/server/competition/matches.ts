/**
 * Shapes of the Match rows the competition creates: the engine format stored in Match.format
 * (`{ sport, ...engineFormat }`, the contract with the scoring service), its initial summary,
 * printable codes, and the walkover a withdrawal turns an open match into.
 */
import { randomUUID } from 'node:crypto';
import { engineFor, type SportKey } from '$lib/domain/scoring/engine';
import type { Db } from '../db';
import { ENGINE_OF_FORMAT, type CategoryFormat, type FormatConfig } from './formatConfig';

/** A Prisma transaction client (what `$transaction(async (tx) => …)` hands over). */
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

/** Match statuses after which a match no longer changes its participants. */
export const DONE_STATUSES = ['finished', 'walkover', 'bye', 'cancelled'] as const;
export const isDone = (status: string) => (DONE_STATUSES as readonly string[]).includes(status);

/** The engine format of one match of a category, as the engine's `init` takes it. */
export function engineFormat(
	format: CategoryFormat,
	config: FormatConfig,
	players: string[] = []
): { sport: SportKey; [key: string]: unknown } {
	const sport = ENGINE_OF_FORMAT[format];
	switch (sport) {
		case 'tableTennis':
			return { sport, bestOf: config.bestOf, firstServer: 'A' };
		case 'darts':
			return { sport, start: 501, legsToWin: config.legsToWin, doubleOut: true };
		case 'xiangqi':
			return {
				sport,
				points: { win: config.points.win, draw: config.points.draw, loss: config.points.loss }
			};
		case 'dartsTotal':
			return { sport, rounds: config.totalRounds, players, throwOffPlaces: config.throwOffPlaces };
	}
}

/** Match.format and Match.summary (JSON text) for a new match. */
export function matchFormatColumns(
	format: CategoryFormat,
	config: FormatConfig,
	players: string[] = []
): { format: string; summary: string } {
	const { sport, ...rest } = engineFormat(format, config, players);
	const engine = engineFor(sport);
	const summary = engine.summary(engine.init(rest as never));
	return { format: JSON.stringify({ sport, ...rest }), summary: JSON.stringify(summary) };
}

/**
 * The summary after a walkover (`absent` did not play; 'both' only in xiangqi, where neither
 * came is a double forfeit), by replaying the engine. Null when the engine has no walkover.
 */
export function walkoverSummary(formatJson: string, absent: 'A' | 'B' | 'both'): { summary: string; event: unknown } | null {
	const { sport, ...rest } = JSON.parse(formatJson) as { sport: SportKey };
	const engine = engineFor(sport);
	const event =
		sport === 'xiangqi'
			? { type: 'result', outcome: absent === 'A' ? 'forfeitA' : absent === 'B' ? 'forfeitB' : 'forfeitBoth' }
			: sport === 'dartsTotal' || absent === 'both'
				? null
				: { type: 'walkover', absent };
	if (!event) return null;
	const state = engine.apply(engine.init(rest as never), event as never);
	return { summary: JSON.stringify(engine.summary(state)), event };
}

/** A fresh id for rows created in bulk (createMany needs ids to link matches up front). */
export const newId = () => randomUUID();

/** Group letters: A … Z, then AA, AB … */
export function groupLabel(index: number): string {
	const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
	return index < 26
		? (letters[index] as string)
		: (letters[Math.floor(index / 26) - 1] as string) + (letters[index % 26] as string);
}

/** The printable label of a bracket match: F, P3, SF1, QF2, R16-3 … */
export function bracketLabel(rounds: number, round: number, index: number, thirdPlace: boolean): string {
	if (round === rounds) return thirdPlace ? 'P3' : 'F';
	if (round === rounds - 1) return `SF${index + 1}`;
	if (round === rounds - 2) return `QF${index + 1}`;
	return `R${2 ** (rounds - round + 1)}-${index + 1}`;
}
