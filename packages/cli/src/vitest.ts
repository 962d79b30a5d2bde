// approute/vitest: the Vitest plugin that resolves next/* as approute's build does.
export { approute, type ApprouteVitestPlugin } from './lib/vitest-plugin.js';
