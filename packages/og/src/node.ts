// next/og on Node: the renderer's parts are read from disk on first use.
import { imageResponseClass } from './lib/image-response.js';
import { nodeAssets } from './lib/node-assets.js';
import { createRenderer } from './lib/render.js';

export type { ImageResponseConstructor, ImageResponseOptions } from './lib/image-response.js';
export type { ImageElement, ImageFont, ImageOptions } from './lib/render.js';

/**
 * A `Response` whose body is a PNG drawn from JSX (`new ImageResponse(<div>…</div>, { width,
 * height })`), as `ImageResponse` from next/og.
 */
export const ImageResponse = imageResponseClass(createRenderer(nodeAssets));
