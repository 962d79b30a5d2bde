import { describe, expect, it } from 'vitest';
import { NextRequest } from './next-request.js';
import { userAgent, userAgentFromString } from './user-agent.js';

const CHROME_ANDROID =
  'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36';

describe('userAgentFromString', () => {
  it('parses browser, engine, OS, device and CPU, as ua-parser-js 1.0.35 does for Next.js', () => {
    expect(JSON.parse(JSON.stringify(userAgentFromString(CHROME_ANDROID)))).toEqual({
      ua: CHROME_ANDROID,
      browser: { name: 'Chrome', version: '120.0.6099.144', major: '120' },
      engine: { name: 'Blink', version: '120.0.6099.144' },
      os: { name: 'Android', version: '14' },
      device: { vendor: 'Samsung', model: 'SM-S918B', type: 'mobile' },
      cpu: {},
      isBot: false,
    });
  });

  it('recognises crawlers case-insensitively', () => {
    expect(
      userAgentFromString(
        'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
      ).isBot,
    ).toBe(true);
    expect(userAgentFromString('gptbot/1.0').isBot).toBe(true);
    expect(userAgentFromString('curl/8.5.0').isBot).toBe(false);
  });

  it('gives empty parts and isBot false for no text', () => {
    const parsed = userAgentFromString(undefined);
    expect(parsed.ua).toBe('');
    expect(parsed.isBot).toBe(false);
    expect(parsed.browser.name).toBeUndefined();
  });
});

describe('userAgent', () => {
  it('reads the User-Agent header of a request', () => {
    const request = new NextRequest('http://x/', { headers: { 'user-agent': CHROME_ANDROID } });
    expect(userAgent(request).os).toMatchObject({ name: 'Android', version: '14' });
  });

  it('treats an empty header as none', () => {
    expect(userAgent(new Request('http://x/', { headers: { 'user-agent': '' } })).ua).toBe('');
    expect(userAgent(new Request('http://x/')).ua).toBe('');
  });
});
