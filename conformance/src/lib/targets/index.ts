import { runtimeLimits } from '../runtime-limits.js';
import { approuteBin, approuteNodeTarget } from './approute-node.js';
import { nextjsTarget } from './nextjs.js';
import { nextjsBunTarget } from './nextjs-bun.js';
import { nextjsDenoTarget } from './nextjs-deno.js';
import { nextjsDevTarget } from './nextjs-dev.js';
import { openNextCloudflareTarget } from './opennext-cloudflare.js';
import { approuteArgs, type RunningTarget, type Target } from './target.js';
import { vinextTarget } from './vinext.js';

type WebRuntime = 'bun' | 'deno' | 'workerd' | 'edge-runtime';

const WEB_TITLES: Record<WebRuntime, string> = {
  bun: 'approute Web adapter, Bun',
  deno: 'approute Web adapter, Deno',
  workerd: 'approute Web adapter, workerd (miniflare)',
  'edge-runtime': 'approute Web adapter, edge-runtime',
};

interface WebDrivers {
  webTarget(
    runtime: WebRuntime,
    options: { approuteBin: () => string | undefined },
  ): Pick<Target, 'unavailable'> & {
    start(
      fixtures: string,
      options?: { approuteArgs?: readonly string[]; env?: Record<string, string> },
    ): Promise<RunningTarget>;
  };
}

// The runtime drivers are the repository's private package @approute/runtimes: loaded only
// when a web target runs, so that the published suite starts without them.
let drivers: Promise<WebDrivers | string> | undefined;
function loadDrivers(runtime: WebRuntime): Promise<WebDrivers | string> {
  drivers ??= import('@approute/runtimes').then(
    (module) => module as WebDrivers,
    (error: unknown) =>
      (error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND'
        ? 'needs the runtime drivers of the approute repository (@approute/runtimes, not ' +
          'published): run it from a clone of the repository, or serve the fixture project on ' +
          `the runtime yourself and run --url <origin> --runtime ${runtime}`
        : `could not load @approute/runtimes: ${error instanceof Error ? error.message : String(error)}`,
  );
  return drivers;
}

// A fetch runtime running the approute Web adapter, with the cases that runtime cannot pass.
function webTarget(runtime: WebRuntime): Target {
  const driver = async () => {
    const loaded = await loadDrivers(runtime);
    return typeof loaded === 'string' ? loaded : loaded.webTarget(runtime, { approuteBin });
  };
  return {
    name: `approute-${runtime}`,
    title: WEB_TITLES[runtime],
    group: 'approute',
    nextjsCompatible: false,
    limits: runtimeLimits(runtime),
    async unavailable() {
      const target = await driver();
      return typeof target === 'string' ? target : target.unavailable();
    },
    async start(fixtures, options) {
      const target = await driver();
      if (typeof target === 'string') throw new Error(target);
      return target.start(fixtures, {
        approuteArgs: [...approuteArgs(options), ...(options?.approuteBuildArgs ?? [])],
        env: options?.env,
      });
    },
  };
}

/** Every target the suite knows, in matrix order. */
export function allTargets(): Target[] {
  return [
    approuteNodeTarget(20),
    approuteNodeTarget(22),
    approuteNodeTarget(24),
    approuteNodeTarget(26),
    webTarget('bun'),
    webTarget('deno'),
    webTarget('workerd'),
    webTarget('edge-runtime'),
    nextjsTarget(),
    vinextTarget(),
    nextjsBunTarget(),
    nextjsDenoTarget(),
    nextjsDevTarget(),
    openNextCloudflareTarget(),
  ];
}

export type { RunningTarget, StartOptions, Target } from './target.js';
