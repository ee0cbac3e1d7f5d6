import type { FastifyRateLimitOptions, FastifyRateLimitStore } from '@fastify/rate-limit';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';

/**
 * A @fastify/rate-limit store that keeps fixed-window counters in PostgreSQL, so that every API process
 * behind a load balancer counts the same attempts (the default store is per process memory).
 */
export function databaseRateLimitStore(db: Db) {
  return class DatabaseRateLimitStore implements FastifyRateLimitStore {
    constructor(private readonly options: FastifyRateLimitOptions & { timeWindow?: number | string }) {}

    incr(
      key: string,
      callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
      timeWindow?: number,
    ): void {
      const windowMs = Number(timeWindow ?? this.options.timeWindow ?? 60_000);
      db.execute(sql`
        INSERT INTO platform_rate_limits (key, count, reset_at)
        VALUES (${key}, 1, now() + make_interval(secs => ${windowMs / 1000}))
        ON CONFLICT (key) DO UPDATE SET
          count = CASE WHEN platform_rate_limits.reset_at <= now() THEN 1 ELSE platform_rate_limits.count + 1 END,
          reset_at = CASE WHEN platform_rate_limits.reset_at <= now()
            THEN now() + make_interval(secs => ${windowMs / 1000}) ELSE platform_rate_limits.reset_at END
        RETURNING count, (extract(epoch FROM (reset_at - now())) * 1000)::int AS ttl_ms`)
        .then((result) => {
          const row = result.rows[0] as { count: number; ttl_ms: number };
          callback(null, { current: Number(row.count), ttl: Math.max(0, Number(row.ttl_ms)) });
        })
        .catch((error: Error) => callback(error));
    }

    child(routeOptions: object): FastifyRateLimitStore {
      return new DatabaseRateLimitStore({ ...this.options, ...routeOptions });
    }
  };
}
