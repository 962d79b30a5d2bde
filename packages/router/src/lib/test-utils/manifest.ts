import { createManifest } from '../manifest.js';
import type { RouteManifest } from '../manifest-types.js';

/**
 * A manifest from route ids, one `route.ts` per id: `['/shop/[tag]']`.
 * @param ids route ids (folder paths)
 */
export function manifestOf(...ids: string[]): RouteManifest {
  return createManifest(ids.map((id) => (id === '/' ? 'route.ts' : `${id.slice(1)}/route.ts`)));
}
