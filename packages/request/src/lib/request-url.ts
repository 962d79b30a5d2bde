// `Request#url` is the WHATWG serialisation of the URL it was given. A lazy request must answer
// the same string without parsing on every request, so this file recognises URLs that are
// already in serialised form and sends every other one through `new URL()`.

// Path and query characters that WHATWG URL serialisation leaves as they are in http(s) URLs.
// `'` is left out (the special-query percent-encode set encodes it), as are `\` (read as `/`),
// `#` (starts a fragment), space, `"`, `<`, `>`, backtick, `{`, `}` and every non-ASCII code
// unit; so are `^`, `|`, `[` and `]`, whose treatment in paths differs between URL parser
// versions (Node 24 encodes `^`, Node 20 does not). Anything left out takes the slow path.
const KEEP = new Uint8Array(128);
for (const char of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&()*+,;=:@/?%') {
  KEEP[char.charCodeAt(0)] = 1;
}

const SLASH = 0x2f;
const DOT = 0x2e;
const PERCENT = 0x25;
const QUESTION = 0x3f;

function isCanonicalHost(host: string): boolean {
  if (host === '') return false;
  let lastLabelStart = 0;
  for (let i = 0; i < host.length; i++) {
    const c = host.charCodeAt(i);
    if (c === DOT) {
      if (i === lastLabelStart) return false;
      lastLabelStart = i + 1;
    } else if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2d)) {
      return false;
    }
  }
  const last = host.slice(lastLabelStart);
  if (last === '' || last.startsWith('0x')) return false;
  // A host whose last label is numeric is an IPv4 address; only the dotted-quad form
  // without leading zeros serialises unchanged.
  if (/^[0-9]+$/.test(last)) {
    const parts = host.split('.');
    return (
      parts.length === 4 &&
      parts.every((part) => /^(?:0|[1-9][0-9]{0,2})$/.test(part) && Number(part) <= 255)
    );
  }
  return true;
}

function isCanonicalPathAndQuery(rest: string): boolean {
  if (rest.charCodeAt(0) !== SLASH) return false;
  let inQuery = false;
  for (let i = 0; i < rest.length; i++) {
    const c = rest.charCodeAt(i);
    if (c >= 128 || KEEP[c] === 0) return false;
    if (c === QUESTION) inQuery = true;
    if (inQuery) continue;
    // Dot segments (`/.`, `/..`, and their `%2e` spellings) are resolved by the parser.
    if (c === DOT && rest.charCodeAt(i - 1) === SLASH) return false;
    if (
      c === PERCENT &&
      rest.charCodeAt(i + 1) === 0x32 &&
      (rest.charCodeAt(i + 2) | 0x20) === 0x65
    )
      return false;
  }
  return true;
}

function isCanonicalAuthority(authority: string, defaultPort: string): boolean {
  const colon = authority.indexOf(':');
  const host = colon === -1 ? authority : authority.slice(0, colon);
  const port = colon === -1 ? undefined : authority.slice(colon + 1);
  const portOk =
    port === undefined ||
    (/^[1-9][0-9]{0,4}$/.test(port) && Number(port) <= 65535 && port !== defaultPort);
  return portOk && isCanonicalHost(host);
}

// The last scheme and authority found canonical: clients send the same one request after request.
let lastOrigin = '';

/**
 * The string `new Request(url).url` gives for an absolute http(s) URL.
 * @param url an absolute URL
 * @throws TypeError when `url` is not a valid URL
 */
export function serializeRequestURL(url: string): string {
  const schemeEnd = url.startsWith('http://') ? 7 : url.startsWith('https://') ? 8 : -1;
  if (schemeEnd !== -1) {
    const pathStart = url.indexOf('/', schemeEnd);
    if (pathStart !== -1) {
      const origin = url.slice(0, pathStart);
      let originOk = origin === lastOrigin;
      if (
        !originOk &&
        isCanonicalAuthority(origin.slice(schemeEnd), schemeEnd === 7 ? '80' : '443')
      ) {
        lastOrigin = origin;
        originOk = true;
      }
      if (originOk && isCanonicalPathAndQuery(url.slice(pathStart))) return url;
    }
  }
  return new URL(url).href;
}
