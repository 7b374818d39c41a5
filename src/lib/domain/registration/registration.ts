/**
 * One athlete's registration as a whole (person, documents, contact, guardian, events),
 * validated by ONE function that the public form, the coordinator's form and every row of
 * the Excel import call, so all three accept and refuse exactly the same things.
 *
 * Decisions:
 * - Every problem is reported with the form field it belongs to, so the page can show it
 *   next to that field (and the import next to the row and column).
 * - Birth date, gender, disability category and grade are derived from the two numbers
 *   (checkIdentityConsistency); nothing is asked twice.
 * - Ages for eligibility and the guardian rule are computed on the games' reference date
 *   (the opening day), passed in as `referenceDate`.
 * - Phone numbers: digits with optional +, spaces, dashes and brackets, 7 to 20 characters
 *   (mobile 11 digits, landlines with area codes, extensions). People type them in many
 *   ways; the street coordinator calls the number anyway.
 */

import { checkIdentityConsistency, normaliseIdText, type CertificateFacts } from './identity';
import { normaliseSportClass } from './eligibility';
import { guardianRequired } from './guardian';
import { validateEntrySelection, type CategoryOffer, type RegistrationWindow } from './quotas';
import type { Problem } from './problem';

/** The fields of a registration as typed (all strings; the numbers not yet normalised). */
export interface RegistrationFields {
	name: string;
	residentId: string;
	certificateNo: string;
	sportClass?: string;
	phone: string;
	guardianName?: string;
	guardianPhone?: string;
	guardianRelation?: string;
	categoryIds: string[];
}

/** The form fields problems are attached to. */
export type RegistrationField =
	| 'name' | 'residentId' | 'certificateNo' | 'sportClass' | 'phone'
	| 'guardianName' | 'guardianPhone' | 'guardianRelation' | 'categoryIds'; // prettier-ignore

export interface FieldProblem extends Problem {
	field: RegistrationField;
	categoryId?: string;
}

/** The facts of a valid registration, as stored. */
export interface RegisteredPerson {
	name: string;
	residentId: string;
	certificateNo: string;
	birthDate: string;
	gender: 'male' | 'female';
	disabilityCategory: number;
	disabilityGrade: number;
	sportClass: string | null;
	phone: string;
	guardianName: string;
	guardianPhone: string;
	guardianRelation: string;
}

export interface RegistrationContext {
	/** Categories of the games with the street's current count (see validateEntrySelection). */
	categories: CategoryOffer[];
	maxEventsPerAthlete?: number | null;
	/** Omit to skip the window check (an organizer entering a late registration). */
	window?: RegistrationWindow;
	/** Epoch ms. */
	now: number;
	/** 'YYYY-MM-DD' today, for "birth date in the future". */
	today: string;
	/** 'YYYY-MM-DD' on which ages count for the guardian rule (the opening day). */
	referenceDate: string;
	/** Category ids the athlete is already entered in (amending); default none. */
	alreadyEntered?: string[];
	/** Skip the event selection (validating the person only, e.g. a step of the form). */
	skipEvents?: boolean;
}

export const NAME_MAX = 40;
const PHONE = /^\+?[0-9(][0-9\s\-()]{5,18}[0-9]$/;

/** True for a phone number as people type it (see the decisions above). */
export function isPhoneNumber(text: string): boolean {
	const trimmed = String(text ?? '').trim();
	return PHONE.test(trimmed) && trimmed.replace(/\D/g, '').length >= 7;
}

/** A person's name: trimmed, inner runs of spaces collapsed (Chinese names have none). */
export function normaliseName(text: string): string {
	return String(text ?? '').trim().replace(/\s+/g, ' ');
}

/**
 * Validates the person part: name, the two numbers and their consistency, the sport class
 * (optional; needed only for categories that use classes). Codes: person.name_required,
 * person.name_too_long, identity.*, certificate.*, sport_class.invalid. Returns the facts
 * when the numbers are valid (even if the name is missing), so a form can show them.
 */
export function validatePerson(
	fields: Pick<RegistrationFields, 'name' | 'residentId' | 'certificateNo' | 'sportClass'>,
	today: string
): { problems: FieldProblem[]; facts: (CertificateFacts & { sportClass: string | null }) | null } {
	const problems: FieldProblem[] = [];
	const name = normaliseName(fields.name);
	if (name.length === 0) problems.push({ field: 'name', code: 'person.name_required', params: {} });
	else if (name.length > NAME_MAX) problems.push({ field: 'name', code: 'person.name_too_long', params: { max: NAME_MAX } });

	let sportClass: string | null = null;
	const classText = String(fields.sportClass ?? '').trim();
	if (classText.length > 0) {
		sportClass = normaliseSportClass(classText);
		if (!sportClass) problems.push({ field: 'sportClass', code: 'sport_class.invalid', params: { value: classText.slice(0, 10) } });
	}

	const identity = checkIdentityConsistency(fields.residentId, fields.certificateNo, { today });
	if (!identity.ok) {
		const { code, params } = identity.error;
		const field: RegistrationField = code.startsWith('certificate.') || code === 'identity.mismatch' ? 'certificateNo' : 'residentId';
		problems.push({ field, code, params: params ?? {} });
		// An unusable ID number says nothing about the certificate: check it on its own too.
		if (field === 'residentId' && normaliseIdText(fields.certificateNo ?? '').length === 0) {
			problems.push({ field: 'certificateNo', code: 'certificate.empty', params: {} });
		}
		return { problems, facts: null };
	}
	return { problems, facts: { ...identity.value, sportClass } };
}

/**
 * Validates a whole registration and returns every problem with its field, plus the person
 * as it will be stored when there is none. Codes beyond validatePerson: contact.phone_invalid,
 * guardian.minor / guardian.intellectual (guardian missing, on guardianName),
 * guardian.phone_invalid, and the entry codes of validateEntrySelection on categoryIds.
 */
export function validateRegistration(
	fields: RegistrationFields,
	context: RegistrationContext
): { ok: boolean; problems: FieldProblem[]; person: RegisteredPerson | null } {
	const { problems, facts } = validatePerson(fields, context.today);

	const phone = String(fields.phone ?? '').trim();
	if (!isPhoneNumber(phone)) problems.push({ field: 'phone', code: 'contact.phone_invalid', params: {} });

	const guardianName = normaliseName(fields.guardianName ?? '');
	const guardianPhone = String(fields.guardianPhone ?? '').trim();
	const guardianRelation = normaliseName(fields.guardianRelation ?? '');
	if (guardianName.length > NAME_MAX) problems.push({ field: 'guardianName', code: 'person.name_too_long', params: { max: NAME_MAX } });
	if (guardianPhone.length > 0 && !isPhoneNumber(guardianPhone)) {
		problems.push({ field: 'guardianPhone', code: 'guardian.phone_invalid', params: {} });
	}
	if (facts) {
		const decision = guardianRequired({
			birthDate: facts.birthDate,
			disabilityCategory: facts.category,
			referenceDate: context.referenceDate
		});
		if (decision.required) {
			if (guardianName.length === 0) {
				for (const reason of decision.reasons) problems.push({ field: 'guardianName', code: reason.code, params: reason.params });
			}
			if (guardianPhone.length === 0) problems.push({ field: 'guardianPhone', code: 'guardian.phone_required', params: {} });
		}
	}

	if (facts && !context.skipEvents) {
		const selection = validateEntrySelection({
			athlete: {
				birthDate: facts.birthDate,
				gender: facts.gender,
				disabilityCategory: facts.category,
				disabilityGrade: facts.grade,
				...(facts.sportClass ? { sportClass: facts.sportClass } : {})
			},
			chosen: fields.categoryIds,
			alreadyEntered: context.alreadyEntered ?? [],
			categories: context.categories,
			maxEventsPerAthlete: context.maxEventsPerAthlete,
			...(context.window ? { window: context.window } : {}),
			now: context.now
		});
		for (const p of selection.problems) {
			problems.push({ field: 'categoryIds', code: p.code, params: p.params, ...(p.categoryId ? { categoryId: p.categoryId } : {}) });
		}
	}

	if (problems.length > 0 || !facts) return { ok: false, problems, person: null };
	return {
		ok: true,
		problems: [],
		person: {
			name: normaliseName(fields.name),
			residentId: facts.residentId,
			certificateNo: facts.certificateNumber,
			birthDate: facts.birthDate,
			gender: facts.gender,
			disabilityCategory: facts.category,
			disabilityGrade: facts.grade,
			sportClass: facts.sportClass,
			phone,
			guardianName,
			guardianPhone,
			guardianRelation
		}
	};
}

/** Columns of the coordinators' Excel import template, in order. */
export const IMPORT_COLUMNS = [
	'name', 'residentId', 'certificateNo', 'sportClass', 'phone', 'guardianName', 'guardianPhone', 'guardianRelation', 'events'
] as const; // prettier-ignore
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/**
 * The category codes in an import cell ('TT-M6, XQ-M' or 'TT-M6、XQ-M'): split on commas
 * (ASCII or Chinese), semicolons and spaces, upper-cased, empty parts dropped.
 */
export function parseEventCodes(cell: string): string[] {
	return String(cell ?? '')
		.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
		.split(/[,、;；\s]+/)
		.map((s) => s.trim().toUpperCase())
		.filter((s) => s.length > 0);
}

/** One row of an import after validation. */
export interface ImportRowResult {
	/** Spreadsheet row number (1-based, as Excel shows it). */
	row: number;
	problems: FieldProblem[];
	person: RegisteredPerson | null;
	categoryIds: string[];
}

/**
 * Validates every row of a coordinator's import as one batch: each row with
 * validateRegistration, plus what only the batch knows — the same person twice in the file
 * (import.duplicate_in_file, params.firstRow), a person already registered in the edition
 * (import.already_registered), unknown event codes (entry.unknown_code), and the street
 * quota counted over the rows accepted so far (earlier rows win places first). Rows are
 * independent otherwise: one bad row does not hide the problems of another.
 */
export function validateImportRows(input: {
	rows: Array<{ row: number; cells: Partial<Record<ImportColumn, string>> }>;
	/** Category code → id; codes compared upper-case. */
	codeToId: Map<string, string>;
	/** Normalised resident IDs already registered in the edition. */
	registeredIds: Set<string>;
	context: Omit<RegistrationContext, 'alreadyEntered' | 'skipEvents'>;
}): ImportRowResult[] {
	const counts = new Map(input.context.categories.map((c) => [c.id, c.streetCount]));
	const seen = new Map<string, number>();
	const results: ImportRowResult[] = [];
	for (const { row, cells } of input.rows) {
		const codes = parseEventCodes(cells.events ?? '');
		const unknown = codes.filter((c) => !input.codeToId.has(c));
		const categoryIds = codes.filter((c) => input.codeToId.has(c)).map((c) => input.codeToId.get(c) as string);
		const categories = input.context.categories.map((c) => ({ ...c, streetCount: counts.get(c.id) ?? c.streetCount }));
		const result = validateRegistration(
			{
				name: cells.name ?? '',
				residentId: cells.residentId ?? '',
				certificateNo: cells.certificateNo ?? '',
				sportClass: cells.sportClass ?? '',
				phone: cells.phone ?? '',
				guardianName: cells.guardianName ?? '',
				guardianPhone: cells.guardianPhone ?? '',
				guardianRelation: cells.guardianRelation ?? '',
				categoryIds
			},
			{ ...input.context, categories }
		);
		const problems = result.problems.filter((p) => !(unknown.length > 0 && p.code === 'entry.none_chosen'));
		for (const code of unknown) problems.push({ field: 'categoryIds', code: 'entry.unknown_code', params: { code: code.slice(0, 20) } });
		const id = normaliseIdText(cells.residentId ?? '');
		if (id.length === 18) {
			const first = seen.get(id);
			if (first !== undefined) problems.push({ field: 'residentId', code: 'import.duplicate_in_file', params: { firstRow: first } });
			else seen.set(id, row);
			if (input.registeredIds.has(id)) problems.push({ field: 'residentId', code: 'import.already_registered', params: {} });
		}
		const ok = problems.length === 0 && result.person !== null;
		if (ok) for (const cid of categoryIds) counts.set(cid, (counts.get(cid) ?? 0) + 1);
		results.push({ row, problems, person: ok ? result.person : null, categoryIds });
	}
	return results;
}
