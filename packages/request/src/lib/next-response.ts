/** A `Response` with the Next.js static helpers; later work adds cookies and redirects. */
export class NextResponse extends Response {
  /** Answers `body` serialised as JSON, like `Response.json`. */
  static override json(body: unknown, init?: ResponseInit): NextResponse {
    const response = Response.json(body, init);
    return new NextResponse(response.body, response);
  }
}
