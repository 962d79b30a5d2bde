import { RUNTIME_LIMITS, webTarget, type RuntimeName } from '@approute/runtimes';
import { approuteBin, approuteNodeTarget } from './approute-node.js';
import { nextjsTarget } from './nextjs.js';
import type { Target } from './target.js';
import { vinextTarget } from './vinext.js';

// A fetch runtime running the approute Web adapter, with the cases that runtime cannot pass.
function web(runtime: RuntimeName): Target {
  return { ...webTarget(runtime, { approuteBin }), limits: RUNTIME_LIMITS[runtime] };
}

/** Every target the suite knows, in matrix order. */
export function allTargets(): Target[] {
  return [
    approuteNodeTarget(20),
    approuteNodeTarget(22),
    approuteNodeTarget(24),
    approuteNodeTarget(26),
    web('bun'),
    web('deno'),
    web('workerd'),
    web('edge-runtime'),
    nextjsTarget(),
    vinextTarget(),
  ];
}

export type { RunningTarget, Target } from './target.js';
