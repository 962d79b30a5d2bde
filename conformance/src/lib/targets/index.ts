import { approuteNodeTarget } from './approute-node.js';
import { nextjsTarget } from './nextjs.js';
import type { Target } from './target.js';
import { vinextTarget } from './vinext.js';

const WEB_PENDING = 'arrives with the @approute/web adapter issue (its driver will start the Web adapter under this runtime); not faked in the meantime';

function pending(name: string, title: string): Target {
  return {
    name,
    title,
    group: 'approute',
    nextjsCompatible: false,
    pending: WEB_PENDING,
    unavailable: () => Promise.resolve(WEB_PENDING),
    start: () => Promise.reject(new Error(`${name}: ${WEB_PENDING}`)),
  };
}

/** Every target the suite knows, in matrix order. */
export function allTargets(): Target[] {
  return [
    approuteNodeTarget(20),
    approuteNodeTarget(22),
    approuteNodeTarget(24),
    pending('approute-bun', 'approute Web adapter, Bun'),
    pending('approute-deno', 'approute Web adapter, Deno'),
    pending('approute-workerd', 'approute Web adapter, workerd (miniflare)'),
    pending('approute-edge-runtime', 'approute Web adapter, edge-runtime'),
    nextjsTarget(),
    vinextTarget(),
  ];
}

export type { RunningTarget, Target } from './target.js';
