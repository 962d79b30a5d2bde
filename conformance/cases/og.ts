import type { CaseResponse, ConformanceCase } from '../src/lib/case.js';
import { ensure } from '../src/lib/expect.js';
import { decodePng, isPng } from './png.js';
import { observed, spec } from './sources.js';

// ImageResponse from next/og. The PNG's bytes depend on the rasteriser (Next.js uses sharp on
// Node when it is installed and resvg elsewhere), so the cases check what every faithful
// renderer gives: a PNG of the requested size, the background colour in a corner, text drawn
// in the middle row.
const RULE = 'Images (next/og)';

const docs = {
  imageResponse: {
    kind: 'docs',
    url: 'https://nextjs.org/docs/app/api-reference/functions/image-response',
    ref:
      'ImageResponse: "The ImageResponse constructor allows you to generate dynamic images using ' +
      'JSX and CSS." Options: "width?: number = 1200", "height?: number = 630", "status?: ' +
      'number = 200", "statusText?: string", "headers?: Record<string, string>"',
  },
} as const;

const pngRule = spec(
  RULE,
  '`new ImageResponse(element, options)` answers a PNG drawn from the JSX, 1200 × 630 unless ' +
    'told otherwise, with `Content-Type: image/png` and, in production, ' +
    '`Cache-Control: public, max-age=0, must-revalidate`',
);

// Within a few steps of a colour: anti-aliasing and colour management differ by a unit or two.
function near(actual: readonly number[], expected: readonly number[], tolerance = 3): boolean {
  return expected.every((value, i) => Math.abs((actual[i] ?? -1) - value) <= tolerance);
}

function image(response: CaseResponse, width: number, height: number) {
  ensure(isPng(response.bytes), `the body is not a PNG (${String(response.bytes.length)} bytes)`);
  const png = decodePng(response.bytes);
  ensure(
    png.width === width && png.height === height,
    `size: expected ${String(width)}×${String(height)}, ` +
      `got ${String(png.width)}×${String(png.height)}`,
  );
  return png;
}

export const ogCases: ConformanceCase[] = [
  {
    id: 'og/png',
    title: 'ImageResponse: a 1200×630 PNG drawn from JSX, with its content type and caching',
    rule: RULE,
    kind: 'happy',
    sources: [docs.imageResponse, pngRule, observed('GET /og/default → 200 image/png, 1200×630')],
    request: { path: '/og/default' },
    expect: {
      status: 200,
      headers: {
        'content-type': 'image/png',
        'cache-control': 'public, max-age=0, must-revalidate',
      },
    },
    check(response) {
      const png = image(response, 1200, 630);
      const corner = png.pixel(4, 4);
      ensure(
        near(corner, [0x0b, 0x10, 0x20, 255]),
        `corner: expected #0b1020, got ${String(corner)}`,
      );
      // "Conformance" in white across the middle: some pixel of the middle row is near white.
      let brightest = 0;
      for (let x = 0; x < png.width; x++) {
        const [r, g, b] = png.pixel(x, 315);
        brightest = Math.max(brightest, Math.min(r, g, b));
      }
      ensure(brightest > 200, `no text drawn in the middle row (brightest ${String(brightest)})`);
    },
  },
  {
    id: 'og/size',
    title: 'ImageResponse draws at the width and height it is given',
    rule: RULE,
    kind: 'happy',
    sources: [docs.imageResponse, pngRule],
    request: { path: '/og/default?width=600&height=300' },
    expect: { status: 200, headers: { 'content-type': 'image/png' } },
    check(response) {
      const png = image(response, 600, 300);
      ensure(
        near(png.pixel(2, 297), [0x0b, 0x10, 0x20, 255]),
        `corner: ${String(png.pixel(2, 297))}`,
      );
    },
  },
  {
    id: 'og/response-options',
    title: 'ImageResponse takes status, statusText and headers, which replace its own',
    rule: RULE,
    kind: 'happy',
    sources: [
      docs.imageResponse,
      spec(RULE, 'a header given in `options.headers` replaces the default of the same name'),
    ],
    request: { path: '/og/options' },
    expect: {
      status: 201,
      headers: {
        'content-type': 'image/png',
        'cache-control': 'public, max-age=60',
        'x-image': 'og',
      },
    },
    check(response) {
      const png = image(response, 64, 32);
      ensure(
        near(png.pixel(10, 10), [255, 0, 0, 255]),
        `expected red, got ${String(png.pixel(10, 10))}`,
      );
    },
  },
  {
    id: 'og/drawing-fails',
    title: 'an element the renderer refuses: the client gets no image, the connection is cut',
    rule: RULE,
    kind: 'error',
    sources: [
      spec(
        RULE,
        'when drawing fails (an element satori refuses) the client gets no image: the ' +
          'connection is closed, before the status line (Next.js) or after a 200 (approute)',
      ),
      observed('GET /og/broken → the connection closes without a status line'),
    ],
    async run({ send }) {
      let answer;
      try {
        answer = await send({ path: '/og/broken' });
      } catch (error) {
        // Next.js closes the connection before it sends a status line (Bun resets it).
        ensure(
          /other side closed|ECONNRESET|UND_ERR_SOCKET/.test(
            `${String((error as { code?: unknown }).code)} ${String(error)}`,
          ),
          `unexpected error ${String(error)}`,
        );
        return;
      }
      ensure(answer.status === 200, `status ${String(answer.status)}: expected no image at all`);
      ensure(
        answer.bodyError !== undefined,
        `expected the body to break off, got ${String(answer.bytes.length)} bytes`,
      );
    },
  },
];
