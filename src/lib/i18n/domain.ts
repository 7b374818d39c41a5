/**
 * The domain core's message records, merged: every code a rule raises, in both languages.
 * Each domain area exports its own record beside its rules; add new areas here.
 */
import { artMessages } from '$lib/domain/art/messages';
import { drawMessages } from '$lib/domain/draws/messages';
import { swissMessages } from '$lib/domain/draws/swissMessages';
import { swissWarningMessages } from '$lib/domain/draws/swissCheck';
import { registrationMessages } from '$lib/domain/registration/messages';
import { scheduleMessages } from '$lib/domain/schedule/messages';
import { scoringMessages } from '$lib/domain/scoring/messages';

type Messages = Record<string, { 'zh-CN': string; en: string }>;

const records: Messages[] = [
	registrationMessages,
	scoringMessages,
	drawMessages,
	swissMessages,
	swissWarningMessages,
	scheduleMessages,
	artMessages
];

export const domainMessages: Messages = Object.assign({}, ...records);
