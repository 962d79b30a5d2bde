// ua-parser-js 1.0.35 ships no types; what this package calls of it.
declare module 'ua-parser-js' {
  interface Result {
    ua: string;
    browser: { name?: string; version?: string; major?: string };
    engine: { name?: string; version?: string };
    os: { name?: string; version?: string };
    device: { model?: string; type?: string; vendor?: string };
    cpu: { architecture?: string };
  }
  /** Parses a User-Agent text (called as a function). */
  function UAParser(input?: string): Result;
  export default UAParser;
}
