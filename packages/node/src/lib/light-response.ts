// The light Response itself lives in @approute/request (its light-response.ts), beside the
// NextResponse that is made light with it; this file only puts it in place of the global one.
import { LightResponse, NativeResponse } from '@approute/request/internal';

export { LightResponse, NativeResponse };

let installs = 0;
let replaced: typeof Response | undefined;

/**
 * Makes `Response` (and `Response.json`) light for everything that looks it up from now on,
 * and `NextResponse` with it. Returns a function that undoes this call; the global `Response`
 * is the one it was before once every install has been undone (each running `serve()` holds one).
 */
export function installLightResponse(): () => void {
  if (installs === 0) {
    replaced = globalThis.Response;
    globalThis.Response = LightResponse as unknown as typeof Response;
  }
  installs += 1;
  let undone = false;
  return () => {
    if (undone) return;
    undone = true;
    installs -= 1;
    if (installs === 0 && replaced) {
      globalThis.Response = replaced;
      replaced = undefined;
    }
  };
}
