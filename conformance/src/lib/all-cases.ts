import { helloCases } from '../../cases/hello.js';
import type { ConformanceCase } from './case.js';

/** Every case of the suite. */
export const allCases: readonly ConformanceCase[] = [...helloCases];
