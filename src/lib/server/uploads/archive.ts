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
export const XLSX_LIMITS: ArchiveLimits = { maxEntries: 100, maxInflatedBytes: 20 * 1024 * 1024 };

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

/** Inflates one entry, discarding its bytes; counts them (and rows) against the bounds. */
function drain(zip: ZipFile, entry: Entry, budget: { left: number }, rowLimit: number | null): Promise<void> {
	return new Promise((resolve, reject) => {
		zip.openReadStream(entry, (error, stream) => {
			if (error || !stream) return reject(new ArchiveRefused('unreadable'));
			let rows = 0;
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
			stream.on('data', (chunk: Buffer) => {
				budget.left -= chunk.length;
				if (budget.left < 0) return stop(new ArchiveRefused('too_large'));
				if (rowLimit !== null) {
					// The last 64 characters are read again with the next chunk (a tag may be cut in
					// two); rows wholly inside them are counted then, not now.
					const text = tail + chunk.toString('latin1');
					tail = text.slice(-64);
					rows += (text.match(ROW)?.length ?? 0) - (tail.match(ROW)?.length ?? 0);
					if (rows > rowLimit) stop(new ArchiveRefused('too_many_rows', rowLimit));
				}
			});
			stream.once('error', () => stop(new ArchiveRefused('unreadable')));
			stream.once('end', () => {
				rows += tail.match(ROW)?.length ?? 0;
				stop(rowLimit !== null && rows > rowLimit ? new ArchiveRefused('too_many_rows', rowLimit) : null);
			});
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
			await drain(zip, entry, budget, isSheet && limits.maxSheetRows !== undefined ? limits.maxSheetRows : null);
		}
	} finally {
		zip.close();
	}
}
