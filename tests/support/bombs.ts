/**
 * Decompression bombs built in the test, without ever holding the inflated data: a zip whose
 * entry is hundreds of MB of one repeated chunk (deflated as a stream), optionally declaring a
 * false size, and a PNG that declares a huge canvas of zero pixels.
 */
import { createDeflateRaw, crc32, deflateSync } from 'node:zlib';

export interface BombEntry {
	name: string;
	/** The entry's content: `chunk` repeated `times` times. */
	chunk: Buffer;
	times?: number;
	/** The uncompressed size written in the headers (default: the true size) — a lie if set. */
	declaredSize?: number;
}

async function deflated(entry: BombEntry): Promise<{ data: Buffer; crc: number; size: number }> {
	const times = entry.times ?? 1;
	const deflate = createDeflateRaw({ level: 9 });
	const out: Buffer[] = [];
	deflate.on('data', (c: Buffer) => out.push(c));
	const done = new Promise((resolve) => deflate.once('end', resolve));
	let crc = 0;
	for (let i = 0; i < times; i++) {
		crc = crc32(entry.chunk, crc);
		if (!deflate.write(entry.chunk)) await new Promise((resolve) => deflate.once('drain', resolve));
	}
	deflate.end();
	await done;
	return { data: Buffer.concat(out), crc, size: entry.chunk.length * times };
}

/** A zip archive (deflate, no zip64: every size below 4 GB) of the entries. */
export async function zipBomb(entries: BombEntry[]): Promise<Buffer> {
	const locals: Buffer[] = [];
	const centrals: Buffer[] = [];
	let offset = 0;
	for (const entry of entries) {
		const { data, crc, size } = await deflated(entry);
		const name = Buffer.from(entry.name);
		const declared = entry.declaredSize ?? size;
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4);
		local.writeUInt16LE(0, 6);
		local.writeUInt16LE(8, 8);
		local.writeUInt32LE(crc >>> 0, 14);
		local.writeUInt32LE(data.length, 18);
		local.writeUInt32LE(declared, 22);
		local.writeUInt16LE(name.length, 26);
		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02014b50, 0);
		central.writeUInt16LE(20, 4);
		central.writeUInt16LE(20, 6);
		central.writeUInt16LE(8, 10);
		central.writeUInt32LE(crc >>> 0, 16);
		central.writeUInt32LE(data.length, 20);
		central.writeUInt32LE(declared, 24);
		central.writeUInt16LE(name.length, 28);
		central.writeUInt32LE(offset, 42);
		locals.push(local, name, data);
		centrals.push(central, name);
		offset += local.length + name.length + data.length;
	}
	const directory = Buffer.concat(centrals);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(entries.length, 8);
	end.writeUInt16LE(entries.length, 10);
	end.writeUInt32LE(directory.length, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...locals, directory, end]);
}

/** The parts of an .xlsx around a sheet1.xml that repeats `row` `times` times. */
export function xlsxBombEntries(times: number, declaredSize?: number): BombEntry[] {
	const head = Buffer.from('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>');
	const row = Buffer.from('<row r="2"><c r="A2" t="inlineStr"><is><t>Zhang San</t></is></c><c r="B2" t="inlineStr"><is><t>110105194912310021</t></is></c></row>'.repeat(64));
	return [
		{ name: '[Content_Types].xml', chunk: Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>') },
		{ name: 'xl/workbook.xml', chunk: Buffer.from('<?xml version="1.0"?><workbook/>') },
		{ name: 'xl/worksheets/sheet0.xml', chunk: head },
		{ name: 'xl/worksheets/sheet1.xml', chunk: row, times, declaredSize }
	];
}

function pngChunk(type: string, data: Buffer): Buffer {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(body) >>> 0);
	return Buffer.concat([length, body, crc]);
}

/** A valid PNG of `size` × `size` black pixels (1-bit grey): a few dozen KB on the wire. */
export function pngBomb(size: number): Buffer {
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(size, 0);
	ihdr.writeUInt32BE(size, 4);
	ihdr[8] = 1; // bit depth
	ihdr[9] = 0; // greyscale
	const raw = Buffer.alloc((1 + Math.ceil(size / 8)) * size); // filter byte 0 + zero pixels per row
	const idat = deflateSync(raw, { level: 9 });
	return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', ihdr), pngChunk('IDAT', idat), pngChunk('IEND', Buffer.alloc(0))]);
}
