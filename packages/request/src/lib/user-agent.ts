// `userAgent()` and `userAgentFromString()` from next/server. Next.js parses with ua-parser-js
// 1.0.35 (its compiled copy in next/dist/compiled/ua-parser-js) and adds `isBot`; the same
// parser at the same version gives the same answers for the same `User-Agent` text.
import parseUserAgent from 'ua-parser-js';

/** What `userAgent()` reads from a `User-Agent` header, as Next.js answers it. */
export interface UserAgent {
  /** Whether the text names a known crawler or link-preview bot. */
  isBot: boolean;
  /** The text parsed (`''` when there was none). */
  ua: string;
  browser: { name?: string; version?: string; major?: string };
  device: { model?: string; type?: string; vendor?: string };
  engine: { name?: string; version?: string };
  os: { name?: string; version?: string };
  cpu: { architecture?: string };
}

// The crawlers Next.js 16.4 recognises, matched case-insensitively anywhere in the text.
const BOT =
  /Googlebot|Mediapartners-Google|AdsBot-Google|googleweblight|Storebot-Google|Google-PageRenderer|Google-InspectionTool|Bingbot|BingPreview|Slurp|DuckDuckBot|baiduspider|yandex|sogou|LinkedInBot|bitlybot|tumblr|vkShare|quora link preview|facebookexternalhit|facebookcatalog|Twitterbot|applebot|redditbot|Slackbot|Discordbot|WhatsApp|SkypeUriPreview|ia_archiver|GPTBot/i;

/**
 * Parses a `User-Agent` text into browser, engine, OS, device and CPU.
 * @param input the header's text; `undefined` gives empty parts and `isBot: false`
 */
export function userAgentFromString(input: string | undefined): UserAgent {
  return { ...parseUserAgent(input), isBot: input === undefined ? false : BOT.test(input) };
}

/**
 * Parses the `User-Agent` header of a request.
 * @param request anything with `headers` (a `NextRequest`, a `Request`)
 */
export function userAgent({ headers }: { headers: Headers }): UserAgent {
  const text = headers.get('user-agent');
  // An empty header counts as none, as in Next.js.
  return userAgentFromString(text === null || text === '' ? undefined : text);
}
