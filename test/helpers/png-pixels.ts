import { inflateSync } from 'node:zlib';

/** The pixels of a PNG as Chromium writes them (8-bit RGB or RGBA, not interlaced): one byte per channel, row after row. */
export interface PngPixels {
  width: number;
  height: number;
  channels: number;
  data: Uint8Array;
}

const signatureLength = 8;
const channelsOfColourType: Record<number, number> = { 2: 3, 6: 4 };

/** Undoes one row's PNG filter in place, given the row above (already undone). */
function unfilterRow(filter: number, row: Uint8Array, above: Uint8Array, bpp: number): void {
  for (let index = 0; index < row.length; index += 1) {
    const left = index >= bpp ? row[index - bpp]! : 0;
    const up = above[index]!;
    const upLeft = index >= bpp ? above[index - bpp]! : 0;
    let predicted = 0;
    if (filter === 1) predicted = left;
    else if (filter === 2) predicted = up;
    else if (filter === 3) predicted = (left + up) >> 1;
    else if (filter === 4) {
      const estimate = left + up - upLeft;
      const [toLeft, toUp, toUpLeft] = [Math.abs(estimate - left), Math.abs(estimate - up), Math.abs(estimate - upLeft)];
      predicted = toLeft <= toUp && toLeft <= toUpLeft ? left : toUp <= toUpLeft ? up : upLeft;
    }
    row[index] = (row[index]! + predicted) & 0xff;
  }
}

/** Decodes the PNGs the browser tests take; undefined for any other kind (palette, 16-bit, interlaced). */
export function decodePng(png: Uint8Array): PngPixels | undefined {
  const view = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  let offset = signatureLength;
  let header: { width: number; height: number; channels: number } | undefined;
  const compressed: Buffer[] = [];
  while (offset + 8 <= view.length) {
    const length = view.readUInt32BE(offset);
    const type = view.toString('latin1', offset + 4, offset + 8);
    const body = view.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      const channels = channelsOfColourType[body[9]!];
      if (body[8] !== 8 || channels === undefined || body[12] !== 0) return undefined;
      header = { width: body.readUInt32BE(0), height: body.readUInt32BE(4), channels };
    } else if (type === 'IDAT') compressed.push(body);
    offset += 12 + length;
  }
  if (!header) return undefined;
  const raw = inflateSync(Buffer.concat(compressed));
  const stride = header.width * header.channels;
  const data = new Uint8Array(stride * header.height);
  let above = new Uint8Array(stride);
  for (let y = 0; y < header.height; y += 1) {
    const row = data.subarray(y * stride, (y + 1) * stride);
    row.set(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    unfilterRow(raw[y * (stride + 1)]!, row, above, header.channels);
    above = row;
  }
  return { ...header, data };
}

/**
 * Whether two screenshots show the same page: the same size and no channel of any pixel apart by
 * more than `noise`. Chromium's anti-aliasing may round an edge one step differently from run to
 * run; any real change (a number, a bar, a word) moves pixels by far more.
 */
export function sameScreenshot(a: Uint8Array, b: Uint8Array, noise = 2): boolean {
  if (Buffer.compare(a, b) === 0) return true;
  const [first, second] = [decodePng(a), decodePng(b)];
  if (!first || !second || first.width !== second.width || first.height !== second.height || first.channels !== second.channels) return false;
  for (let index = 0; index < first.data.length; index += 1) if (Math.abs(first.data[index]! - second.data[index]!) > noise) return false;
  return true;
}
