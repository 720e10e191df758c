// Real PNG files drawn in plain JS: an RGB pixel buffer, a few drawing primitives, a 5x7 bitmap
// font, and a PNG encoder (signature, IHDR/IDAT/IEND chunks, CRC-32, zlib deflate).
import zlib from 'node:zlib';

// ---------------------------------------------------------------- PNG encoding

const CRC_TABLE = new Uint32Array(256);
for (let n = 0; n < 256; n += 1) {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  CRC_TABLE[n] = c >>> 0;
}

function crc32(buf) {
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i += 1) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([len, typeAndData, crc]);
}

/** Encodes an 8-bit RGB buffer (width*height*3 bytes) as a PNG file. */
export function encodePng(width, height, rgb) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: truecolour
  ihdr[10] = 0; // deflate
  ihdr[11] = 0; // adaptive filtering
  ihdr[12] = 0; // no interlace
  const stride = width * 3;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y += 1) {
    raw[y * (stride + 1)] = 0; // filter type None
    rgb.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 4 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---------------------------------------------------------------- 5x7 font

const GLYPHS = {
  '0': [' ### ', '#   #', '#  ##', '# # #', '##  #', '#   #', ' ### '],
  '1': ['  #  ', ' ##  ', '  #  ', '  #  ', '  #  ', '  #  ', ' ### '],
  '2': [' ### ', '#   #', '    #', '   # ', '  #  ', ' #   ', '#####'],
  '3': ['#####', '   # ', '  #  ', '   # ', '    #', '#   #', ' ### '],
  '4': ['   # ', '  ## ', ' # # ', '#  # ', '#####', '   # ', '   # '],
  '5': ['#####', '#    ', '#### ', '    #', '    #', '#   #', ' ### '],
  '6': ['  ## ', ' #   ', '#    ', '#### ', '#   #', '#   #', ' ### '],
  '7': ['#####', '    #', '   # ', '  #  ', ' #   ', ' #   ', ' #   '],
  '8': [' ### ', '#   #', '#   #', ' ### ', '#   #', '#   #', ' ### '],
  '9': [' ### ', '#   #', '#   #', ' ####', '    #', '   # ', ' ##  '],
  a: ['     ', '     ', ' ### ', '    #', ' ####', '#   #', ' ####'],
  b: ['#    ', '#    ', '# ## ', '##  #', '#   #', '#   #', '#### '],
  c: ['     ', '     ', ' ### ', '#    ', '#    ', '#   #', ' ### '],
  d: ['    #', '    #', ' ## #', '#  ##', '#   #', '#   #', ' ####'],
  e: ['     ', '     ', ' ### ', '#   #', '#####', '#    ', ' ### '],
  f: ['  ## ', ' #  #', ' #   ', '###  ', ' #   ', ' #   ', ' #   '],
  g: ['     ', '     ', ' ####', '#   #', ' ####', '    #', ' ### '],
  h: ['#    ', '#    ', '# ## ', '##  #', '#   #', '#   #', '#   #'],
  i: ['  #  ', '     ', ' ##  ', '  #  ', '  #  ', '  #  ', ' ### '],
  j: ['   # ', '     ', '  ## ', '   # ', '   # ', '#  # ', ' ##  '],
  k: ['#    ', '#    ', '#  # ', '# #  ', '##   ', '# #  ', '#  # '],
  l: [' ##  ', '  #  ', '  #  ', '  #  ', '  #  ', '  #  ', ' ### '],
  m: ['     ', '     ', '## # ', '# # #', '# # #', '#   #', '#   #'],
  n: ['     ', '     ', '# ## ', '##  #', '#   #', '#   #', '#   #'],
  o: ['     ', '     ', ' ### ', '#   #', '#   #', '#   #', ' ### '],
  p: ['     ', '     ', '#### ', '#   #', '#### ', '#    ', '#    '],
  q: ['     ', '     ', ' ## #', '#  ##', ' ####', '    #', '    #'],
  r: ['     ', '     ', '# ## ', '##  #', '#    ', '#    ', '#    '],
  s: ['     ', '     ', ' ### ', '#    ', ' ### ', '    #', '#### '],
  t: [' #   ', ' #   ', '###  ', ' #   ', ' #   ', ' #  #', '  ## '],
  u: ['     ', '     ', '#   #', '#   #', '#   #', '#  ##', ' ## #'],
  v: ['     ', '     ', '#   #', '#   #', '#   #', ' # # ', '  #  '],
  w: ['     ', '     ', '#   #', '#   #', '# # #', '# # #', ' # # '],
  x: ['     ', '     ', '#   #', ' # # ', '  #  ', ' # # ', '#   #'],
  y: ['     ', '     ', '#   #', '#   #', ' ####', '    #', ' ### '],
  z: ['     ', '     ', '#####', '   # ', '  #  ', ' #   ', '#####'],
  '.': ['     ', '     ', '     ', '     ', '     ', ' ##  ', ' ##  '],
  _: ['     ', '     ', '     ', '     ', '     ', '     ', '#####'],
  '-': ['     ', '     ', '     ', ' ### ', '     ', '     ', '     '],
  ':': ['     ', ' ##  ', ' ##  ', '     ', ' ##  ', ' ##  ', '     '],
  '/': ['    #', '    #', '   # ', '  #  ', ' #   ', '#    ', '#    '],
  '(': ['   # ', '  #  ', ' #   ', ' #   ', ' #   ', '  #  ', '   # '],
  ')': [' #   ', '  #  ', '   # ', '   # ', '   # ', '  #  ', ' #   '],
  '=': ['     ', '     ', '#####', '     ', '#####', '     ', '     '],
  ' ': ['     ', '     ', '     ', '     ', '     ', '     ', '     '],
};

// ---------------------------------------------------------------- canvas

export class Canvas {
  constructor(width, height, background = [255, 255, 255]) {
    this.width = width;
    this.height = height;
    this.pixels = Buffer.alloc(width * height * 3);
    this.fillRect(0, 0, width, height, background);
  }

  set(x, y, [r, g, b]) {
    x = Math.round(x);
    y = Math.round(y);
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    const i = (y * this.width + x) * 3;
    this.pixels[i] = r;
    this.pixels[i + 1] = g;
    this.pixels[i + 2] = b;
  }

  fillRect(x, y, w, h, [r, g, b]) {
    const x0 = Math.max(0, Math.round(x));
    const x1 = Math.min(this.width, Math.round(x + w));
    const y0 = Math.max(0, Math.round(y));
    const y1 = Math.min(this.height, Math.round(y + h));
    const px = this.pixels;
    for (let yy = y0; yy < y1; yy += 1) {
      for (let i = (yy * this.width + x0) * 3, end = (yy * this.width + x1) * 3; i < end; i += 3) {
        px[i] = r;
        px[i + 1] = g;
        px[i + 2] = b;
      }
    }
  }

  /** A straight line `thickness` pixels wide (square brush). */
  line(x0, y0, x1, y1, color, thickness = 1) {
    const steps = Math.max(1, Math.ceil(Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0))));
    const half = (thickness - 1) / 2;
    for (let s = 0; s <= steps; s += 1) {
      const x = x0 + ((x1 - x0) * s) / steps;
      const y = y0 + ((y1 - y0) * s) / steps;
      if (thickness <= 1) this.set(x, y, color);
      else this.fillRect(x - half, y - half, thickness, thickness, color);
    }
  }

  text(x, y, str, color, scale = 1) {
    let cx = x;
    for (const ch of String(str)) {
      const glyph = GLYPHS[ch] ?? GLYPHS[ch.toLowerCase()] ?? GLYPHS[' '];
      glyph.forEach((row, gy) => {
        for (let gx = 0; gx < row.length; gx += 1) {
          if (row[gx] === '#') this.fillRect(cx + gx * scale, y + gy * scale, scale, scale, color);
        }
      });
      cx += 6 * scale;
    }
    return cx;
  }

  static textWidth(str, scale = 1) {
    return String(str).length * 6 * scale - scale;
  }

  png() {
    return encodePng(this.width, this.height, this.pixels);
  }
}

// ---------------------------------------------------------------- charts

export const PALETTE = [
  [31, 119, 180],
  [255, 127, 14],
  [44, 160, 44],
  [214, 39, 40],
  [148, 103, 189],
  [140, 86, 75],
];
const INK = [40, 40, 40];
const GRID = [228, 228, 228];

function niceTicks(lo, hi, count = 5) {
  if (!(hi > lo)) hi = lo + 1;
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const ticks = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

function formatTick(v) {
  const a = Math.abs(v);
  if (a >= 1e6) return `${Number((v / 1e6).toPrecision(3))}m`;
  if (a >= 1e4) return `${Number((v / 1e3).toPrecision(3))}k`;
  if (a > 0 && a < 1e-3) return v.toExponential(1);
  return String(Number(v.toPrecision(3)));
}

function frame(c, { title, xLabel, xs, ys, left = 58, right = 16, top = 34, bottom = 40 }) {
  const finiteXs = xs.filter(Number.isFinite);
  const finiteYs = ys.filter(Number.isFinite);
  let [x0, x1] = [Math.min(...finiteXs), Math.max(...finiteXs)];
  let [y0, y1] = [Math.min(...finiteYs), Math.max(...finiteYs)];
  if (!(x1 > x0)) x1 = x0 + 1;
  const pad = (y1 - y0) * 0.06 || Math.abs(y0) * 0.1 || 1;
  y0 -= pad;
  y1 += pad;
  const plot = { left, top, right: c.width - right, bottom: c.height - bottom };
  const sx = (x) => plot.left + ((x - x0) / (x1 - x0)) * (plot.right - plot.left);
  const sy = (y) => plot.bottom - ((y - y0) / (y1 - y0)) * (plot.bottom - plot.top);
  for (const t of niceTicks(y0, y1)) {
    if (t < y0 || t > y1) continue;
    c.line(plot.left, sy(t), plot.right, sy(t), GRID);
    const label = formatTick(t);
    c.text(plot.left - 6 - Canvas.textWidth(label), sy(t) - 3, label, INK);
  }
  for (const t of niceTicks(x0, x1, 6)) {
    if (t < x0 || t > x1) continue;
    c.line(sx(t), plot.top, sx(t), plot.bottom, GRID);
    const label = formatTick(t);
    c.text(sx(t) - Canvas.textWidth(label) / 2, plot.bottom + 6, label, INK);
  }
  c.line(plot.left, plot.top, plot.left, plot.bottom, INK);
  c.line(plot.left, plot.bottom, plot.right, plot.bottom, INK);
  if (title) c.text(plot.left, 10, title, INK, 2);
  if (xLabel) c.text((plot.left + plot.right) / 2 - Canvas.textWidth(xLabel) / 2, c.height - 16, xLabel, INK);
  return { plot, sx, sy };
}

function legend(c, plot, names) {
  const width = Math.max(...names.map((n) => Canvas.textWidth(n))) + 22;
  let y = plot.top + 8;
  const x = plot.right - width - 8;
  c.fillRect(x - 4, y - 4, width + 8, names.length * 12 + 6, [255, 255, 255]);
  names.forEach((name, i) => {
    c.fillRect(x, y, 12, 7, PALETTE[i % PALETTE.length]);
    c.text(x + 17, y, name, INK);
    y += 12;
  });
}

/** Line chart of one or more series `{name, points: [[x, y], ...]}`; non-finite y values break the line. */
export function lineChart({ series, title, xLabel = 'step', width = 560, height = 340 }) {
  const c = new Canvas(width, height);
  const all = series.flatMap((s) => s.points);
  const { plot, sx, sy } = frame(c, { title, xLabel, xs: all.map((p) => p[0]), ys: all.map((p) => p[1]) });
  series.forEach((s, i) => {
    const color = PALETTE[i % PALETTE.length];
    let prev = null;
    for (const [x, y] of s.points) {
      if (!Number.isFinite(y)) {
        prev = null;
        continue;
      }
      const p = [sx(x), sy(y)];
      if (prev) c.line(prev[0], prev[1], p[0], p[1], color, 2);
      else c.fillRect(p[0] - 1, p[1] - 1, 2, 2, color);
      prev = p;
    }
  });
  legend(c, plot, series.map((s) => s.name));
  return c.png();
}

/** Scatter plot of `[x, y]` points with a dashed y = x reference line. */
export function scatterChart({ points, title, xLabel, width = 480, height = 400 }) {
  const c = new Canvas(width, height);
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const { sx, sy } = frame(c, { title, xLabel, xs: [...xs, ...ys], ys: [...ys, ...xs] });
  const lo = Math.min(...xs, ...ys);
  const hi = Math.max(...xs, ...ys);
  for (let k = 0; k < 40; k += 2) {
    const a = lo + ((hi - lo) * k) / 40;
    const b = lo + ((hi - lo) * (k + 1)) / 40;
    c.line(sx(a), sy(a), sx(b), sy(b), [150, 150, 150]);
  }
  for (const [x, y] of points) c.fillRect(sx(x) - 1.5, sy(y) - 1.5, 3, 3, PALETTE[0]);
  return c.png();
}

/** A confusion-matrix heat map with the counts written in the cells. */
export function confusionMatrix({ labels, counts, title = 'confusion matrix' }) {
  const n = labels.length;
  const cell = 90;
  const left = 90;
  const top = 50;
  const c = new Canvas(left + n * cell + 20, top + n * cell + 40);
  const max = Math.max(...counts.flat());
  c.text(10, 14, title, INK, 2);
  for (let r = 0; r < n; r += 1) {
    c.text(10, top + r * cell + cell / 2 - 3, labels[r], INK);
    c.text(left + r * cell + cell / 2 - Canvas.textWidth(labels[r]) / 2, top + n * cell + 8, labels[r], INK);
    for (let k = 0; k < n; k += 1) {
      const t = counts[r][k] / max;
      const color = [Math.round(255 - 224 * t), Math.round(255 - 136 * t), Math.round(255 - 75 * t)];
      c.fillRect(left + k * cell, top + r * cell, cell - 2, cell - 2, color);
      const label = String(counts[r][k]);
      c.text(left + k * cell + cell / 2 - Canvas.textWidth(label, 2) / 2, top + r * cell + cell / 2 - 7, label, t > 0.5 ? [255, 255, 255] : INK, 2);
    }
  }
  c.text(left, top + n * cell + 24, 'predicted', INK);
  return c.png();
}
