/**
 * Draws the add-in's icons (addin/assets/icon-{16,32,64,80}.png): three descending bars — the
 * Pareto shape of a key-account portfolio — in white on a teal rounded square. Run with
 * `npx tsx scripts/make-icons.ts`; the PNGs are committed, so the build needs no drawing.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

const TEAL = [0x0f, 0x6c, 0xbd];
const WHITE = [0xff, 0xff, 0xff];

function crc32(bytes: Buffer): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** RGBA pixel of the icon at (x, y) for size n (anti-aliasing by 4×4 supersampling). */
function pixel(n: number, x: number, y: number): number[] {
  const radius = n * 0.18;
  const bars = [
    [0.2, 0.3, 0.28],
    [0.42, 0.52, 0.46],
    [0.64, 0.74, 0.64],
  ]; // [left, right, top] as fractions; bars stand on 0.8
  let inside = 0;
  let white = 0;
  for (let sy = 0; sy < 4; sy++) {
    for (let sx = 0; sx < 4; sx++) {
      const px = x + (sx + 0.5) / 4;
      const py = y + (sy + 0.5) / 4;
      const dx = Math.max(radius - px, 0, px - (n - radius));
      const dy = Math.max(radius - py, 0, py - (n - radius));
      if (dx * dx + dy * dy > radius * radius) continue;
      inside++;
      const fx = px / n;
      const fy = py / n;
      if (bars.some(([l, r, t]) => fx >= l && fx <= r && fy >= t && fy <= 0.8)) white++;
    }
  }
  if (inside === 0) return [0, 0, 0, 0];
  const w = white / inside;
  const rgb = TEAL.map((c, i) => Math.round(c * (1 - w) + WHITE[i] * w));
  return [...rgb, Math.round((inside / 16) * 255)];
}

function png(n: number): Buffer {
  const raw = Buffer.alloc(n * (1 + n * 4));
  for (let y = 0; y < n; y++) {
    raw[y * (1 + n * 4)] = 0;
    for (let x = 0; x < n; x++) {
      const p = pixel(n, x, y);
      for (let k = 0; k < 4; k++) raw[y * (1 + n * 4) + 1 + x * 4 + k] = p[k];
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(n, 0);
  ihdr.writeUInt32BE(n, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

for (const n of [16, 32, 64, 80]) {
  writeFileSync(join(__dirname, '..', 'addin', 'assets', `icon-${n}.png`), png(n));
}
