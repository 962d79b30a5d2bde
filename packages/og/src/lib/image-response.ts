// `ImageResponse` as Next.js's next/og wraps @vercel/og's: a `Response` whose body is the PNG,
// rendered as soon as the response is made and streamed in one chunk, `Content-Type: image/png`,
// and a `Cache-Control` that depends on NODE_ENV; `headers` given in the options win.
import type { ImageElement, ImageOptions, Renderer } from './render.js';

/** The options of `new ImageResponse(element, options)`: the image's and the response's. */
export interface ImageResponseOptions extends ImageOptions {
  status?: number;
  statusText?: string;
  headers?: HeadersInit;
}

/** The class `ImageResponse` is: a `Response` made from a React element. */
export interface ImageResponseConstructor {
  new (element: ImageElement, options?: ImageResponseOptions): Response;
  readonly displayName: string;
  readonly prototype: Response;
}

function cacheControl(): string {
  // Next.js: no caching while developing, revalidation on every use in production.
  const development = typeof process !== 'undefined' && process.env.NODE_ENV === 'development';
  return development ? 'no-cache, no-store' : 'public, max-age=0, must-revalidate';
}

/**
 * Makes the `ImageResponse` class for a way of loading the renderer.
 * @param renderer loads (once) and returns the renderer
 */
export function imageResponseClass(renderer: () => Promise<Renderer>): ImageResponseConstructor {
  return class ImageResponse extends Response {
    static displayName = 'ImageResponse';

    /**
     * Renders `element` to a PNG and answers it.
     * @param element what to draw: JSX, with the CSS subset satori supports
     * @param options size, fonts, debug; status, statusText and headers of the response
     */
    constructor(element: ImageElement, options: ImageResponseOptions = {}) {
      const body = new ReadableStream<Uint8Array>({
        async start(controller) {
          const png = await (await renderer()).render(element, options);
          controller.enqueue(png);
          controller.close();
        },
      });
      const headers = new Headers({ 'content-type': 'image/png', 'cache-control': cacheControl() });
      if (options.headers) {
        new Headers(options.headers).forEach((value, key) => {
          headers.set(key, value);
        });
      }
      super(body, { headers, status: options.status, statusText: options.statusText });
    }
  };
}
