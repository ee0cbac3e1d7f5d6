import {
  bigint,
  boolean,
  customType,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

/** Hashes and keys as bytes; node-postgres reads bytea as Buffer, PGlite as Uint8Array. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array | string }>({
  dataType: () => 'bytea',
  fromDriver(value) {
    if (typeof value === 'string') return Buffer.from(value.replace(/^\\x/, ''), 'hex');
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  },
});

/**
 * The log's entries, one per published record revision (or withdrawal). `index` is assigned as size
 * of the log under an advisory lock, so indices have no gaps. The statement is kept as JSON; the entry's
 * bytes are its canonical JSON. `interior_hashes` holds the tree nodes this entry's append completed
 * (levels 1…t, 32 bytes each): the tree's 2n − 1 nodes live on n rows, and any proof or tile is read
 * from these rows. A trigger (see the migration) refuses UPDATE, DELETE and TRUNCATE.
 */
export const translogEntries = pgTable(
  'translog_entries',
  {
    index: bigint({ mode: 'number' }).primaryKey(),
    statement: jsonb().notNull(),
    leafHash: bytea().notNull(),
    interiorHashes: bytea().notNull(),
    recordType: text().notNull(),
    recordId: uuid().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index('translog_entries_record_idx').on(t.recordId, t.index)],
);

/** Every signed checkpoint: at most one per size (the log never signs two trees of one size). */
export const translogCheckpoints = pgTable('translog_checkpoints', {
  size: bigint({ mode: 'number' }).primaryKey(),
  rootHash: bytea().notNull(),
  /** The whole signed note, as served at /log/checkpoint. */
  note: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull(),
});

/**
 * Signing keys the log generated itself (no CANDOR_LOG_SIGNING_KEY): one per origin, made on first use.
 * The private key never leaves this table except to sign.
 */
export const translogKeys = pgTable('translog_keys', {
  origin: text().primaryKey(),
  keyId: text().notNull(),
  publicKey: bytea().notNull(),
  privateKeyPkcs8: bytea().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull(),
});

/** Each monitor run's outcome; a notice goes out when the problems differ from the previous run's. */
export const translogMonitorRuns = pgTable(
  'translog_monitor_runs',
  {
    id: uuid().primaryKey(),
    ranAt: timestamp({ withTimezone: true }).notNull(),
    ok: boolean().notNull(),
    size: bigint({ mode: 'number' }).notNull(),
    problems: jsonb().$type<string[]>().notNull(),
    problemsDigest: text().notNull(),
  },
  (t) => [index('translog_monitor_runs_ran_idx').on(t.ranAt)],
);
