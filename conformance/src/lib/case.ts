/** Where a case's expectation comes from. */
export interface CaseSource {
  /**
   * `docs`: a Next.js documentation page; `rfc`: an RFC clause; `next-test`: a test of the
   * Next.js repository; `observed`: seen on a real Next.js 16 server; `spec`: a rule of the
   * behaviour specification, `docs/spec.md` (shipped in this package as `spec.md`).
   */
  kind: 'docs' | 'rfc' | 'next-test' | 'observed' | 'spec';
  /** The sentence, clause or observation, quoted or summarised. */
  ref: string;
  /** Where to read it; for `spec`, `docs/spec.md#<section>` in the repository. */
  url?: string;
}

/** A request exactly as the case sends it: the method and path go on the wire as written. */
export interface CaseRequest {
  method?: string;
  /** The request target, sent raw (no URL normalisation), e.g. `//dashboard//1` or `/a%2Fb`. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Stop reading and close the connection after this many body chunks. */
  abortAfterChunks?: number;
  /** Send the body in these pieces, one after the other (chunked), instead of `body`. */
  bodyChunks?: readonly string[];
  /**
   * Give up on the request this many milliseconds after sending it, answered or not: the
   * response then has status 0 when nothing came back in time.
   */
  abortAfterMs?: number;
}

/** What a case sees of an answer. */
export interface CaseResponse {
  status: number;
  statusText: string;
  /** Header values by lower-case name; repeated fields (Set-Cookie) stay separate. */
  headers: Record<string, string[]>;
  body: string;
  /** The body as received, byte for byte (for binary answers such as images). */
  bytes: Uint8Array;
  /** Each body chunk with the milliseconds since the request was sent. */
  chunks: { at: number; text: string }[];
  /** Set when the body ended in an error (the server closed the connection mid-body). */
  bodyError?: string;
  /** The first value of a header, or `undefined`. */
  header: (name: string) => string | undefined;
  /** The body parsed as JSON. */
  json: () => unknown;
}

/** A header expectation: exact value, pattern, several fields in order, or `null` for absent. */
export type HeaderExpectation = string | RegExp | readonly string[] | null;

/** A declarative expectation on one answer. */
export interface Expectation {
  status: number;
  headers?: Record<string, HeaderExpectation>;
  /** Exact body text, or a pattern. */
  body?: string | RegExp;
  /** The body parsed as JSON deep-equals this. */
  json?: unknown;
  /** The body parsed as JSON contains these members (deeply, objects only). */
  jsonIncludes?: Record<string, unknown>;
}

/** What a multi-step case can use. */
export interface CaseContext {
  /** Sends a request to the target under test. */
  send: (request: CaseRequest) => Promise<CaseResponse>;
  /** An id unique to this run, for routes that record state under an id. */
  uniqueId: () => string;
  sleep: (ms: number) => Promise<void>;
  /**
   * Waits until the server log (written since this case began) matches `pattern`. Resolves
   * `false` at once when the target exposes no log (a server started by someone else).
   */
  waitForLog: (pattern: RegExp, timeoutMs?: number) => Promise<boolean>;
}

/** One conformance case. */
export interface ConformanceCase {
  /** Stable id, `<group>/<name>`. */
  id: string;
  /** One line saying what the case shows. */
  title: string;
  /** The section of the specification (`docs/spec.md`) the case belongs to: its title. */
  rule: string;
  /** `error` for error paths (4xx/5xx answers, malformed input, failures); `happy` otherwise. */
  kind: 'happy' | 'error';
  sources: readonly CaseSource[];
  /**
   * Set on a rule marked **Divergence (approute)** in the specification: the reason approute
   * differs from Next.js. On a Next.js-compatible target a failure of such a case is a known
   * divergence.
   */
  divergence?: string;
  /** The single request of a simple case. */
  request?: CaseRequest;
  /** What the answer must be. */
  expect?: Expectation;
  /** What Next.js answers instead, for a divergence; checked on Next.js-compatible targets. */
  nextjs?: Expectation;
  /** Extra assertions on the answer of `request`. */
  check?: (response: CaseResponse, context: CaseContext) => void | Promise<void>;
  /** A log line the server must print (checked only where the runner can read the log). */
  log?: RegExp;
  /** A multi-step case: does everything itself and throws on failure. */
  run?: (context: CaseContext) => Promise<void>;
}
