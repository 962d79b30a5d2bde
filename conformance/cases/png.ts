// Reads what the image cases check in a PNG: the signature, the size (IHDR) and the colour of a
// pixel. Enough of the format for what satori + resvg and satori + sharp write: 8-bit RGB or
// RGBA, not interlaced, the five scanline filters (RFC 2083, section 6).
import { inflateSync } from 'node:zlib';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** A decoded PNG: its size and its pixels, RGBA row by row. */
export interface Png {
  width: number;
  height: number;
  /** The colour at (x, y) as [r, g, b, a]. */
  pixel(x: number, y: number): [number, number, number, number];
}

/** Thrown when the bytes are not a PNG this reader understands. */
export class PngError extends Error {
  override readonly name = 'PngError';
}

/**
 * Whether `bytes` start with the PNG signature.
 * @param bytes a body
 */
export function isPng(bytes: Uint8Array): boolean {
  return SIGNATURE.every((byte, i) => bytes[i] === byte);
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/**
 * Decodes a PNG.
 * @param bytes the file
 * @throws PngError for anything but an 8-bit, non-interlaced RGB or RGBA PNG
 */
export function decodePng(bytes: Uint8Array): Png {
  if (!isPng(bytes)) throw new PngError('not a PNG: the signature is missing');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const data: Uint8Array[] = [];
  while (offset + 8 <= bytes.length) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    const chunk = bytes.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = view.getUint32(offset + 8);
      height = view.getUint32(offset + 12);
      const depth = chunk[8];
      const colour = chunk[9];
      if (depth !== 8 || (colour !== 2 && colour !== 6) || chunk[12] !== 0)
        throw new PngError(
          `unsupported PNG: bit depth ${String(depth)}, colour type ${String(colour)}`,
        );
      channels = colour === 6 ? 4 : 3;
    } else if (type === 'IDAT') data.push(chunk);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  if (channels === 0) throw new PngError('no IHDR chunk');
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const pixels = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const left = x >= channels ? (pixels[y * stride + x - channels] ?? 0) : 0;
      const up = y > 0 ? (pixels[(y - 1) * stride + x] ?? 0) : 0;
      const upLeft = y > 0 && x >= channels ? (pixels[(y - 1) * stride + x - channels] ?? 0) : 0;
      const value = line[x] ?? 0;
      const predicted =
        filter === 0
          ? 0
          : filter === 1
            ? left
            : filter === 2
              ? up
              : filter === 3
                ? (left + up) >> 1
                : paeth(left, up, upLeft);
      pixels[y * stride + x] = (value + predicted) & 0xff;
    }
  }
  return {
    width,
    height,
    pixel(x, y) {
      const at = y * stride + x * channels;
      return [
        pixels[at] ?? 0,
        pixels[at + 1] ?? 0,
        pixels[at + 2] ?? 0,
        channels === 4 ? (pixels[at + 3] ?? 0) : 255,
      ];
    },
  };
}
