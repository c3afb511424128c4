#!/usr/bin/env node
// The cif command: TypeScript sources run through tsx, so no build step stands between a clone and the command.
import { register } from 'tsx/esm/api';
register();
await import('../src/cli/main.ts');
