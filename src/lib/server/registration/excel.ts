/**
 * Excel files of registration (exceljs): the coordinators' import template, reading an
 * uploaded import, and the organizers' entry list (one sheet per category).
 */
import ExcelJS from 'exceljs';
import { ArchiveRefused, assertArchiveWithin, XLSX_LIMITS } from '../uploads/archive';
import { IMPORT_COLUMNS, type ImportColumn } from '$lib/domain/registration/registration';
import { translate, type Locale } from '$lib/i18n';

/** More rows than any street has athletes; a larger file is refused before parsing rows. */
export const MAX_IMPORT_ROWS = 2000;

const TEXT_COLUMNS: ImportColumn[] = ['residentId', 'certificateNo', 'phone', 'guardianPhone'];

/** The import template in the coordinator's language, with the event codes on a second sheet. */
export async function importTemplate(locale: Locale, events: Array<{ code: string; name: string; rule: string }>): Promise<Buffer> {
	const workbook = new ExcelJS.Workbook();
	const sheet = workbook.addWorksheet(translate(locale, 'registration.import.sheet'));
	sheet.columns = IMPORT_COLUMNS.map((column) => ({
		header: translate(locale, `registration.import.column.${column}`),
		key: column,
		width: column === 'name' || column === 'guardianRelation' ? 14 : column === 'events' ? 24 : 24,
		style: TEXT_COLUMNS.includes(column) ? { numFmt: '@' } : {}
	}));
	sheet.getRow(1).font = { bold: true };
	sheet.views = [{ state: 'frozen', ySplit: 1 }];
	const help = workbook.addWorksheet(translate(locale, 'registration.import.eventsSheet'));
	help.columns = [
		{ header: translate(locale, 'registration.import.eventCode'), key: 'code', width: 12 },
		{ header: translate(locale, 'registration.import.eventName'), key: 'name', width: 40 },
		{ header: translate(locale, 'registration.import.eventRule'), key: 'rule', width: 60 }
	];
	help.getRow(1).font = { bold: true };
	for (const e of events) help.addRow(e);
	return Buffer.from(await workbook.xlsx.writeBuffer());
}

function cellText(value: ExcelJS.CellValue): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number') return Number.isInteger(value) ? BigInt(Math.round(value)).toString() : String(value);
	if (typeof value === 'boolean') return String(value);
	if (value instanceof Date) return value.toISOString().slice(0, 10);
	if (typeof value === 'object') {
		if ('richText' in value) return value.richText.map((r) => r.text).join('').trim();
		if ('text' in value && typeof value.text === 'string') return value.text.trim();
		if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
	}
	return String(value).trim();
}

/** Thrown when the upload is not a readable .xlsx or has too many rows. */
export class ImportFileError extends Error {
	constructor(readonly key: string, readonly params: Record<string, string | number> = {}) {
		super(key);
	}
}

/** The data rows of an uploaded import (first sheet, header in row 1, empty rows skipped). */
export async function readImport(data: Buffer | Uint8Array): Promise<Array<{ row: number; cells: Partial<Record<ImportColumn, string>> }>> {
	// Bounded before exceljs inflates anything: a small .xlsx can hold gigabytes of XML.
	try {
		await assertArchiveWithin(Buffer.from(data.buffer, data.byteOffset, data.byteLength), { ...XLSX_LIMITS, maxSheetRows: MAX_IMPORT_ROWS + 1 });
	} catch (error) {
		if (!(error instanceof ArchiveRefused)) throw error;
		if (error.reason === 'too_many_rows') throw new ImportFileError('registration.import.too_many', { max: MAX_IMPORT_ROWS });
		if (error.reason === 'unreadable') throw new ImportFileError('registration.import.unreadable');
		throw new ImportFileError('registration.import.inflated_too_large', { max: XLSX_LIMITS.maxInflatedBytes / (1024 * 1024) });
	}
	const workbook = new ExcelJS.Workbook();
	try {
		await workbook.xlsx.load(data as unknown as ArrayBuffer);
	} catch {
		throw new ImportFileError('registration.import.unreadable');
	}
	const sheet = workbook.worksheets[0];
	if (!sheet) throw new ImportFileError('registration.import.unreadable');
	if (sheet.rowCount > MAX_IMPORT_ROWS + 1) throw new ImportFileError('registration.import.too_many', { max: MAX_IMPORT_ROWS });
	const rows: Array<{ row: number; cells: Partial<Record<ImportColumn, string>> }> = [];
	sheet.eachRow({ includeEmpty: false }, (row, number) => {
		if (number === 1) return;
		const cells: Partial<Record<ImportColumn, string>> = {};
		IMPORT_COLUMNS.forEach((column, i) => {
			const text = cellText(row.getCell(i + 1).value);
			if (text) cells[column] = text.slice(0, 200);
		});
		if (Object.keys(cells).length > 0) rows.push({ row: number, cells });
	});
	if (rows.length === 0) throw new ImportFileError('registration.import.empty');
	return rows;
}

/** Writes rows of data into a new .xlsx for an import (benchmarks and tests build files with it). */
export async function writeImport(rows: Array<Partial<Record<ImportColumn, string>>>): Promise<Buffer> {
	const workbook = new ExcelJS.Workbook();
	const sheet = workbook.addWorksheet('Entries');
	sheet.columns = IMPORT_COLUMNS.map((column) => ({ header: column, key: column, style: TEXT_COLUMNS.includes(column) ? { numFmt: '@' } : {} }));
	for (const row of rows) sheet.addRow(row);
	return Buffer.from(await workbook.xlsx.writeBuffer());
}

export interface ExportSheet {
	code: string;
	title: string;
	header: string[];
	rows: Array<Array<string | number>>;
}

/** The entry list: one sheet per category, named by its code (Excel allows 31 characters). */
export async function entryList(sheets: ExportSheet[]): Promise<Buffer> {
	const workbook = new ExcelJS.Workbook();
	for (const s of sheets) {
		const sheet = workbook.addWorksheet(s.code.replace(/[[\]:*?/\\]/g, '-').slice(0, 31));
		sheet.addRow([s.title]).font = { bold: true, size: 14 };
		sheet.addRow(s.header).font = { bold: true };
		for (const r of s.rows) sheet.addRow(r);
		sheet.columns.forEach((c) => (c.width = 18));
	}
	if (sheets.length === 0) workbook.addWorksheet('-');
	return Buffer.from(await workbook.xlsx.writeBuffer());
}
