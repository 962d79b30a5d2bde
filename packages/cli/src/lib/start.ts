import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serve, type RunningServer } from '@approute/node';
import { createRouter, type RouteModule } from '@approute/router';
import { findRouteFiles } from './app-files.js';
import { compileRoutes } from './compile.js';

/** Options for {@link startApp}. */
export interface StartOptions {
  dir: string;
  port: number;
  hostname: string;
}

/**
 * Compiles the app in `dir` and serves it over the Node adapter.
 * @param options the project folder, port and hostname
 */
export async function startApp(options: StartOptions): Promise<RunningServer> {
  const projectDir = resolve(options.dir);
  const appDir = join(projectDir, 'app');
  const routes = await findRouteFiles(appDir);
  const compiled = await compileRoutes(appDir, routes, join(projectDir, '.approute', 'server'));
  const handler = createRouter(
    routes.map((route) => ({
      pathname: route.pathname,
      load: async () => (await import(pathToFileURL(compiled.get(route.file) ?? '').href)) as RouteModule,
    })),
  );
  return serve({ handler, port: options.port, hostname: options.hostname });
}
