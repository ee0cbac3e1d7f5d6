#!/usr/bin/env node
// The `candor` command. Runs the TypeScript sources through tsx, so a clone needs no build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/main/cli.ts');
await runCli(process.argv);
