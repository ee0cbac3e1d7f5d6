import type { Config } from '../config/config.ts';
import { type Database, openPglite, openPostgres } from './database.ts';

export async function openDatabase(config: Config): Promise<Database> {
  return config.database.kind === 'postgres'
    ? openPostgres(config.database.url)
    : openPglite(config.database.dataDir);
}
