// The renderer's parts in a bundle for fetch runtimes, where there is no file system: esbuild
// embeds the three files as bytes (`with { type: 'bytes' }`). Workers refuse to compile
// WebAssembly from bytes, so there the modules are imported instead (`import('x.wasm')`, which a
// Worker's bundle serves as a WebAssembly.Module; approute's web bundle writes the .wasm files
// beside itself).
import resvgBytes from '@resvg/resvg-wasm/index_bg.wasm' with { type: 'bytes' };
import yogaBytes from 'satori/yoga.wasm' with { type: 'bytes' };
import fontBytes from '../../assets/Geist-Regular.ttf' with { type: 'bytes' };
import type { RenderAssets, WasmSource } from './render.js';

function onWorkers(): boolean {
  return (
    (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent ===
    'Cloudflare-Workers'
  );
}

async function moduleOf(
  imported: Promise<{ default: unknown }>,
  bytes: unknown,
): Promise<WasmSource> {
  if (!onWorkers()) return bytes as Uint8Array;
  const module = (await imported).default;
  if (!(module instanceof WebAssembly.Module)) {
    throw new TypeError(
      'next/og on workerd needs its .wasm files as WebAssembly modules: serve the bundle with ' +
        'the .wasm files beside it and a CompiledWasm rule for **/*.wasm (Wrangler has one by default).',
    );
  }
  return module;
}

/** The font and WebAssembly modules, embedded in the bundle. */
export const webAssets: RenderAssets = {
  font: () => Promise.resolve(fontBytes),
  yoga: () =>
    onWorkers()
      ? moduleOf(import('satori/yoga.wasm'), undefined)
      : Promise.resolve(yogaBytes as Uint8Array),
  resvg: () =>
    onWorkers()
      ? moduleOf(import('@resvg/resvg-wasm/index_bg.wasm'), undefined)
      : Promise.resolve(resvgBytes as Uint8Array),
};
