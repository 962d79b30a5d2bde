// JSX (React elements) to PNG as Next.js's `ImageResponse` renders it (@vercel/og 1.0.1, the copy
// Next.js 16.4 ships): satori 0.29 lays the element out into an SVG with Geist Regular as the
// default font, then the SVG is drawn at the requested width, by sharp when the Node process can
// load it (as Next.js does on Node: next installs sharp), else by resvg 2.4.1 (WebAssembly), as
// on Next.js's edge runtime. The same pieces at the same versions give the same PNG, byte for
// byte.
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import satori, { init as initYoga } from 'satori/standalone';

/** What satori takes: a React element (or anything JSX produces). */
export type ImageElement = Parameters<typeof satori>[0];

/** A font for satori: `data` is the font file (TTF, OTF or WOFF). */
export type ImageFont = NonNullable<Parameters<typeof satori>[1]['fonts']>[number];

/** How the image is drawn (Next.js's `ImageResponse` options, less the response ones). */
export interface ImageOptions {
  /** Width in pixels (default 1200). */
  width?: number;
  /** Height in pixels (default 630). */
  height?: number;
  /** Draw satori's layout boxes (default false). */
  debug?: boolean;
  /** The fonts to use instead of the default (Geist Regular). */
  fonts?: ImageFont[];
  /**
   * The emoji set Next.js downloads glyphs from at render time. Accepted and ignored: nothing is
   * fetched, so emoji and scripts the fonts lack are not drawn (see the README's limits).
   */
  emoji?: 'twemoji' | 'blobmoji' | 'noto' | 'openmoji' | 'fluent' | 'fluentFlat';
}

/** A WebAssembly module, or the bytes of one. */
export type WasmSource = WebAssembly.Module | BufferSource;

/** Where the renderer's binary parts come from: files on Node, embedded bytes in a bundle. */
export interface RenderAssets {
  /** The default font (Geist Regular). */
  font(): Promise<Uint8Array>;
  /** yoga, satori's layout engine. */
  yoga(): Promise<WasmSource>;
  /** resvg, the SVG rasteriser. */
  resvg(): Promise<WasmSource>;
  /** sharp's PNG drawing of an SVG at a width, where sharp can be loaded (Node); else undefined. */
  sharp?(): Promise<RasterizeSvg | undefined>;
}

/** Draws an SVG as a PNG `width` pixels wide. */
export type RasterizeSvg = (svg: string, width: number) => Promise<Uint8Array>;

/** A renderer whose WebAssembly parts are loaded and compiled. */
export interface Renderer {
  render(element: ImageElement, options: ImageOptions): Promise<Uint8Array>;
}

/**
 * Loads the renderer's parts once (the first image pays for compiling them).
 * @param assets where the font and the WebAssembly modules come from
 */
export function createRenderer(assets: RenderAssets): () => Promise<Renderer> {
  let ready: Promise<Renderer> | undefined;
  return () => {
    ready ??= load(assets);
    ready.catch(() => {
      // A failed load (a missing asset) is tried again by the next image.
      ready = undefined;
    });
    return ready;
  };
}

// resvg's initWasm may run once per process, whichever renderer asks first.
let resvgReady: Promise<void> | undefined;

function resvgRasterizer(): RasterizeSvg {
  return (svg, width) => {
    const resvg = new Resvg(svg, { fitTo: { mode: 'width', value: width } });
    const image = resvg.render();
    const png = image.asPng();
    image.free();
    resvg.free();
    return Promise.resolve(png);
  };
}

async function rasterizer(assets: RenderAssets): Promise<RasterizeSvg> {
  const sharp = await assets.sharp?.();
  if (sharp) return sharp;
  await (resvgReady ??= assets.resvg().then((resvg) => initWasm(resvg)));
  return resvgRasterizer();
}

async function load(assets: RenderAssets): Promise<Renderer> {
  const [font, , rasterize] = await Promise.all([
    assets.font(),
    assets.yoga().then((yoga) => initYoga(yoga)),
    rasterizer(assets),
  ]);
  // satori reads a font from an ArrayBuffer (or a Node Buffer): a view of exactly the file.
  const data = font.buffer.slice(font.byteOffset, font.byteOffset + font.byteLength) as ArrayBuffer;
  const defaultFonts: ImageFont[] = [{ name: 'geist', data, weight: 400, style: 'normal' }];
  return {
    async render(element, given) {
      // Object.assign, as Next.js merges them: an option given as undefined overrides the default.
      const options: ImageOptions = Object.assign(
        { width: 1200, height: 630, debug: false },
        given,
      );
      const width = options.width ?? 1200;
      const svg = await satori(element, {
        width,
        height: options.height ?? 630,
        debug: options.debug ?? false,
        fonts: options.fonts ?? defaultFonts,
      });
      return rasterize(svg, width);
    },
  };
}
