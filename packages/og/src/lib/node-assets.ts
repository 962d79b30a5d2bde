// The renderer's parts on Node (and Bun and Deno when they load the package unbundled): read
// from the installed packages and this package's assets folder on first use.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { RasterizeSvg, RenderAssets } from './render.js';

const require = createRequire(import.meta.url);

type Sharp = (input: Uint8Array) => {
  resize(width: number): { png(): { toBuffer(): Promise<Uint8Array> } };
};

// sharp, when installed (an optional peer dependency, as for next), draws the SVG as Next.js
// does on Node: `sharp(svg).resize(width).png()`.
async function sharpRasterizer(): Promise<RasterizeSvg | undefined> {
  let sharp: Sharp;
  try {
    sharp = ((await import('sharp')) as { default: Sharp }).default;
  } catch {
    return undefined;
  }
  const encoder = new TextEncoder();
  return (svg, width) => sharp(encoder.encode(svg)).resize(width).png().toBuffer();
}

/** The font and WebAssembly modules, read from disk, and sharp where it is installed. */
export const nodeAssets: RenderAssets = {
  font: () => readFile(new URL('../../assets/Geist-Regular.ttf', import.meta.url)),
  yoga: () => readFile(require.resolve('satori/yoga.wasm')),
  resvg: () => readFile(require.resolve('@resvg/resvg-wasm/index_bg.wasm')),
  sharp: sharpRasterizer,
};
