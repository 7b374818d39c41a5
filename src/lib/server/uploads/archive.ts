/**
 * Bounds a zip archive (an .xlsx is one) BEFORE anything inflates it into memory: an upload of
 * 1 MB can hold gigabytes of XML. The central directory is read first (entry count and the
 * declared sizes are refused when over the limits), then every entry is inflated as a stream
 * and thrown away while its bytes are counted: declared sizes can lie, so the real size is
 * enforced as it streams and the read stops the moment a bound is crossed. Memory stays a few
 * buffers whatever the archive holds. Worksheets also have their `<row>` elements counted, so
 * a sheet with too many rows is refused before a spreadsheet library builds it.
 */
import yauzl, { type Entry, type ZipFile } from 'yauzl';

export interface ArchiveLimits {
	/** Most entries (files and folders) in the archive. */
	maxEntries: number;
	/** Most bytes of all entries together once inflated. */
	maxInflatedBytes: number;
	/** Most `<row>` elements in any worksheet (`xl/worksheets/*.xml`); omit for no count. */
	maxSheetRows?: number;
	/**
	 * Most `<c>` (cell) elements in any worksheet: a 44 KB file of 1.3 million one-digit cells
	 * fits the byte bound yet costs a spreadsheet library hundreds of MB.
	 */
	maxSheetCells?: number;
	/**
	 * Most cells that the ranges written in a worksheet (`A1:XFD1048576` in a data validation,
	 * merged cells, conditional formats…) cover together: a library expands them cell by cell,
	 * so one such range in a 1.5 KB file once held the server for minutes.
	 */
	maxRangeCells?: number;
}

/** Why an archive was refused; `reason` says which bound (or that it is not a zip). */
export class ArchiveRefused extends Error {
	constructor(
		readonly reason: 'unreadable' | 'too_many_entries' | 'too_large' | 'too_many_rows',
		readonly limit?: number
	) {
		super(`archive refused: ${reason}`);
		this.name = 'ArchiveRefused';
	}
}

/** The limits of an import workbook: the 1,000-athlete template is a few hundred KB inflated. */
export const XLSX_LIMITS: ArchiveLimits = { maxEntries: 100, maxInflatedBytes: 20 * 1024 * 1024, maxSheetCells: 100_000, maxRangeCells: 200_000 };

function open(data: Buffer): Promise<ZipFile> {
	return new Promise((resolve, reject) =>
		yauzl.fromBuffer(data, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false, decodeStrings: true }, (error, zip) =>
			error || !zip ? reject(new ArchiveRefused('unreadable')) : resolve(zip)
		)
	);
}

/** Every entry of the central directory, in order (nothing inflated yet). */
function listEntries(zip: ZipFile): Promise<Entry[]> {
	return new Promise((resolve, reject) => {
		const entries: Entry[] = [];
		zip.on('entry', (entry: Entry) => {
			entries.push(entry);
			zip.readEntry();
		});
		zip.once('end', () => resolve(entries));
		zip.once('error', () => reject(new ArchiveRefused('unreadable')));
		zip.readEntry();
	});
}

const ROW = /<(?:[A-Za-z_][\w.-]*:)?row[\s>/]/g;
const CELL = /<(?:[A-Za-z_][\w.-]*:)?c[\s>/]/g;
const RANGE = /\$?([A-Z]{1,3})\$?(\d{1,7}):\$?([A-Z]{1,3})\$?(\d{1,7})/g;

/** The column number of `A`…`XFD` (A = 1). */
function columnNumber(letters: string): number {
	let n = 0;
	for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
	return n;
}

/** How many cells the ranges written in `text` cover together. */
function rangeCells(text: string): number {
	let total = 0;
	for (const m of text.matchAll(RANGE)) {
		const columns = Math.abs(columnNumber(m[3]!) - columnNumber(m[1]!)) + 1;
		const rows = Math.abs(Number(m[4]) - Number(m[2])) + 1;
		total += columns * rows;
	}
	return total;
}

/** What is counted in a worksheet while it streams past, and the bound of each. */
interface SheetCounts {
	rows: number | null;
	cells: number | null;
	rangeCells: number | null;
}

/** Inflates one entry, discarding its bytes; counts them (and, in a worksheet, rows, cells and ranges) against the bounds. */
function drain(zip: ZipFile, entry: Entry, budget: { left: number }, sheet: SheetCounts | null): Promise<void> {
	return new Promise((resolve, reject) => {
		zip.openReadStream(entry, (error, stream) => {
			if (error || !stream) return reject(new ArchiveRefused('unreadable'));
			const seen = { rows: 0, cells: 0, rangeCells: 0 };
			let tail = '';
			let settled = false;
			const stop = (refusal: ArchiveRefused | null) => {
				if (settled) return;
				settled = true;
				if (refusal) {
					stream.destroy();
					reject(refusal);
				} else resolve();
			};
			/** Counts what `text` holds beyond what its last 64 characters hold (read again with the next chunk). */
			const count = (text: string, keep: string) => {
				if (!sheet) return null;
				seen.rows += (text.match(ROW)?.length ?? 0) - (keep.match(ROW)?.length ?? 0);
				seen.cells += (text.match(CELL)?.length ?? 0) - (keep.match(CELL)?.length ?? 0);
				seen.rangeCells += rangeCells(text) - rangeCells(keep);
				if (sheet.rows !== null && seen.rows > sheet.rows) return new ArchiveRefused('too_many_rows', sheet.rows);
				if (sheet.cells !== null && seen.cells > sheet.cells) return new ArchiveRefused('too_large');
				if (sheet.rangeCells !== null && seen.rangeCells > sheet.rangeCells) return new ArchiveRefused('too_large');
				return null;
			};
			stream.on('data', (chunk: Buffer) => {
				budget.left -= chunk.length;
				if (budget.left < 0) return stop(new ArchiveRefused('too_large'));
				if (sheet) {
					// The last 64 characters are read again with the next chunk (a tag or a range may
					// be cut in two); what lies wholly inside them is counted then, not now.
					const text = tail + chunk.toString('latin1');
					tail = text.slice(-64);
					const refusal = count(text, tail);
					if (refusal) stop(refusal);
				}
			});
			stream.once('error', () => stop(new ArchiveRefused('unreadable')));
			stream.once('end', () => stop(count(tail, '')));
		});
	});
}

/**
 * Checks `data` against `limits` without ever holding more than a chunk of inflated data;
 * throws ArchiveRefused. Called by the Excel import before exceljs loads the workbook.
 */
export async function assertArchiveWithin(data: Buffer, limits: ArchiveLimits): Promise<void> {
	const zip = await open(data);
	try {
		if (zip.entryCount > limits.maxEntries) throw new ArchiveRefused('too_many_entries', limits.maxEntries);
		const entries = await listEntries(zip);
		let declared = 0;
		for (const entry of entries) declared += entry.uncompressedSize;
		if (declared > limits.maxInflatedBytes) throw new ArchiveRefused('too_large', limits.maxInflatedBytes);
		const budget = { left: limits.maxInflatedBytes };
		for (const entry of entries) {
			if (entry.fileName.endsWith('/')) continue;
			const isSheet = /^xl\/worksheets\/[^/]+\.xml$/i.test(entry.fileName);
			const counted = limits.maxSheetRows !== undefined || limits.maxSheetCells !== undefined || limits.maxRangeCells !== undefined;
			await drain(
				zip,
				entry,
				budget,
				isSheet && counted ? { rows: limits.maxSheetRows ?? null, cells: limits.maxSheetCells ?? null, rangeCells: limits.maxRangeCells ?? null } : null
			);
		}
	} finally {
		zip.close();
	}
}
