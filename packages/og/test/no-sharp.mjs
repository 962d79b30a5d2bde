// Loaded with `node --import`: makes `sharp` impossible to import, so that @vercel/og draws with
// resvg, as Next.js does where sharp is not installed (and on its edge runtime).
import { register } from 'node:module';

register(
  `data:text/javascript,${encodeURIComponent(`
export async function resolve(specifier, context, next) {
  if (specifier === 'sharp') throw Object.assign(new Error('sharp is blocked'), { code: 'ERR_MODULE_NOT_FOUND' });
  return next(specifier, context);
}`)}`,
);
