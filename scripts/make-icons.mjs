// Draws the toolbar icon (an indigo rounded square with a white check-mark "seen" tick) as PNGs,
// with Node built-ins only, so the icons are reproducible from source.
import { deflateSync } from 'node:zlib';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './setup.mjs';

function crc32(buf) {
  let c, crc = 0xffffffff;
  for (let n = 0; n < buf.length; n++) {
    c = (crc ^ buf[n]) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size, pixel) {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x + 0.5, y + 0.5, size);
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = r; raw[o + 1] = g; raw[o + 2] = b; raw[o + 3] = a;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
function distToSegment(px, py, ax, ay, bx, by) {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}
// Supersampled so small sizes stay smooth.
function pixel(x, y, s) {
  let cover = 0, white = 0;
  const N = 4;
  for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) {
    const u = (x - 0.5 + (i + 0.5) / N) / s, v = (y - 0.5 + (j + 0.5) / N) / s;
    const r = 0.22, m = 0.04;
    const qx = Math.max(Math.abs(u - 0.5) - (0.5 - m - r), 0), qy = Math.max(Math.abs(v - 0.5) - (0.5 - m - r), 0);
    const inside = Math.hypot(qx, qy) <= r;
    if (!inside) continue;
    cover++;
    const w = 0.085;
    if (distToSegment(u, v, 0.27, 0.52, 0.43, 0.68) < w || distToSegment(u, v, 0.43, 0.68, 0.74, 0.34) < w) white++;
  }
  const a = cover / (N * N);
  const wf = cover ? white / cover : 0;
  const base = [79, 70, 229];
  return [...base.map((c) => Math.round(c + (255 - c) * wf)), Math.round(a * 255)];
}
const dir = join(ROOT, 'public', 'icon');
mkdirSync(dir, { recursive: true });
for (const size of [16, 32, 48, 128]) writeFileSync(join(dir, `${size}.png`), png(size, pixel));
console.log('icons written to public/icon/');
