import type { Deps } from '../deps.ts';

/** What module commands get from main/cli.ts: a way to run work with open, migrated dependencies. */
export interface CliContext {
  withDeps<T>(work: (deps: Deps) => Promise<T>): Promise<T>;
  print(text: string): void;
}
