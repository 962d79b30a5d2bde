#!/usr/bin/env node
import { main } from './lib/main.js';

// Stacks point at the route files (TypeScript, line and column), not at the compiled modules.
process.setSourceMapsEnabled(true);

process.exitCode = await main(process.argv.slice(2));
