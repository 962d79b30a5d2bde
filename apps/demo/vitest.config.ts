import { defineProject } from 'vitest/config';
import { shared } from '../../vitest.shared.ts';

export default defineProject({
  ...shared,
  // The files build into the same .approute folder (Node and Web targets): one at a time.
  test: { name: 'demo', fileParallelism: false },
});
