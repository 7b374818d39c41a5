/**
 * Benchmark of the art image pipeline: a 12-megapixel photo (a phone camera's) through the
 * checks and the three renditions (original without metadata, large 2400 px, thumbnail 480 px).
 *
 * Run: npx tsx tests/bench/art-images.ts [megapixels] [noise]
 * The default input is photo-like (blurred noise); `noise` is the worst case for the encoders.
 */
import sharp from 'sharp';
import { processImages } from '../../src/lib/server/art/images';

const mp = Number(process.argv[2] ?? 12);
const width = Math.round(Math.sqrt((mp * 1e6 * 4) / 3));
const height = Math.round((width * 3) / 4);
const pixels = Buffer.alloc(width * height * 3);
for (let i = 0; i < pixels.length; i++) pixels[i] = ((i * 2654435761) >>> 24) & 0xff;
const worst = process.argv[3] === 'noise';
const source = sharp(pixels, { raw: { width, height, channels: 3 } });
const jpeg = new Uint8Array(await (worst ? source : source.blur(3)).jpeg({ quality: 90 }).toBuffer());
console.log(`input: ${width}×${height} ${worst ? 'noise' : 'photo-like'} JPEG, ${(jpeg.byteLength / 1048576).toFixed(1)} MB`);
for (let run = 1; run <= 3; run++) {
	const started = performance.now();
	const [out] = await processImages([{ data: jpeg, altText: 'benchmark' }], 200 * 1048576);
	const kb = Object.entries(out!.files).map(([name, f]) => `${name} ${Math.round(f.data.byteLength / 1024)} KB`);
	console.log(`run ${run}: ${Math.round(performance.now() - started)} ms (${kb.join(', ')})`);
}
