// next/og for fetch runtimes and bundles: the renderer's parts are embedded.
import { imageResponseClass } from './lib/image-response.js';
import { createRenderer } from './lib/render.js';
import { webAssets } from './lib/web-assets.js';

export type { ImageResponseConstructor, ImageResponseOptions } from './lib/image-response.js';
export type { ImageElement, ImageFont, ImageOptions } from './lib/render.js';

/**
 * A `Response` whose body is a PNG drawn from JSX (`new ImageResponse(<div>…</div>, { width,
 * height })`), as `ImageResponse` from next/og.
 */
export const ImageResponse = imageResponseClass(createRenderer(webAssets));
