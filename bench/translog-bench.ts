/**
 * The transparency log's rows of `npm run bench` (issue 8, point 6): bench/translog-case.ts runs in its
 * own process at 10^6 entries (CANDOR_BENCH_LOG_ENTRIES to change), and every rate is printed beside
 * the raw SHA-256 rate of node:crypto measured in the same run.
 */
import { spawnSync } from 'node:child_process';

interface Row {
  name: string;
  value: number;
  unit: string;
  floor: number;
  lowerIsBetter?: boolean;
}

interface Measurements {
  entries: number;
  rawNodeHashes: number;
  rawEntryHashes: number;
  treeAppends: number;
  singleAppends: number;
  batchedAppends: number;
  inclusionMs: number;
  consistencyMs: number;
  tilesPerSecond: number;
  tileMegabytesPerSecond: number;
}

export function translogResults(): Row[] {
  const entries = process.env.CANDOR_BENCH_LOG_ENTRIES ?? '1000000';
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/translog-case.ts', entries], {
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'silent' },
    maxBuffer: 16 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`translog bench failed: ${run.stderr}`);
  const m = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as Measurements;
  const raw = m.rawNodeHashes;
  const size = m.entries.toLocaleString('en');
  const rawLabel = `raw SHA-256 ${(raw / 1000).toFixed(0)}k/s`;
  return [
    {
      name: 'log: raw SHA-256 of 64 bytes, node:crypto (this run)',
      value: raw,
      unit: 'hashes/s',
      floor: 100_000,
    },
    {
      name: `log: tree append in memory, ${(m.treeAppends / 1000).toFixed(0)}k/s: time ÷ one raw SHA-256 (${rawLabel}; goal ≤ 10)`,
      value: raw / m.treeAppends,
      unit: '×',
      floor: 10,
      lowerIsBetter: true,
    },
    {
      name: 'log: stored append, 10,000 entries per transaction',
      value: m.batchedAppends,
      unit: 'entries/s',
      floor: 2_000,
    },
    {
      // The database write dominates (about 10 µs of the time per entry is hashing and encoding).
      name: `log: stored append, 10,000 per transaction: time ÷ one raw SHA-256 (${rawLabel})`,
      value: raw / m.batchedAppends,
      unit: '×',
      floor: 200,
      lowerIsBetter: true,
    },
    {
      name: 'log: stored append, one per transaction with its signed checkpoint (as publishing does)',
      value: m.singleAppends,
      unit: 'appends/s',
      floor: 20,
    },
    {
      name: `log: inclusion proof at ${size} entries`,
      value: m.inclusionMs,
      unit: 'ms',
      floor: 50,
      lowerIsBetter: true,
    },
    {
      name: `log: consistency proof at ${size} entries`,
      value: m.consistencyMs,
      unit: 'ms',
      floor: 50,
      lowerIsBetter: true,
    },
    {
      name: `log: tiles served at ${size} entries (inject; ${m.tileMegabytesPerSecond.toFixed(1)} MB/s)`,
      value: m.tilesPerSecond,
      unit: 'tiles/s',
      floor: 30,
    },
  ];
}
