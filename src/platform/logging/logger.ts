import pino, { type Logger } from 'pino';

/** JSON logs to stdout (stderr for the CLI, whose stdout is for results). */
export function createLogger(level: string, destination: 'stdout' | 'stderr' = 'stdout'): Logger {
  return pino(
    {
      level,
      base: { service: 'candor' },
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
        remove: true,
      },
    },
    pino.destination(destination === 'stdout' ? 1 : 2),
  );
}
