import type { Deps } from '../../../platform/deps.ts';
import { sha256Hex } from '../../../shared/canonical-json.ts';
import { isDomainError } from '../../../shared/errors.ts';
import { newId } from '../../../shared/ids.ts';
import { getOrganization } from '../../accounts/index.ts';
import { postOrganizationNotices } from '../../vulnerabilities/index.ts';
import { findLastMonitorRun, insertMonitorRun } from '../translog.repository.ts';
import { checkLog, type LogCheck, type PublishedRecords } from './check-log.ts';

type MonitorDeps = Pick<Deps, 'db' | 'clock' | 'config' | 'logger' | 'jobs'>;

/** The organisations that operate the installation (CANDOR_OPERATOR_ORGS), by id; unknown slugs skipped. */
async function operatorOrganizationIds(deps: MonitorDeps): Promise<string[]> {
  const ids: string[] = [];
  for (const slug of deps.config.operatorOrganizations) {
    try {
      ids.push((await getOrganization(deps, slug)).id);
    } catch (error) {
      if (!isDomainError(error) || error.code !== 'not_found') throw error;
      deps.logger.warn({ slug }, 'operator organisation not found; it gets no transparency-log alerts');
    }
  }
  return ids;
}

/**
 * The scheduled check of the log (see `checkLog`). Each run is recorded; on a failure the error goes to
 * the log and, when its problems differ from the previous run's, an in-app notice (escalated to admins)
 * goes to every operator organisation, so a standing problem alerts once rather than every 15 minutes.
 */
export async function runLogMonitor(deps: MonitorDeps, records: PublishedRecords): Promise<LogCheck> {
  const result = await checkLog(deps, records);
  const digest = sha256Hex(JSON.stringify(result.problems));
  const previous = await findLastMonitorRun(deps.db);
  await insertMonitorRun(deps.db, {
    id: newId(),
    ranAt: deps.clock.now(),
    ok: result.ok,
    size: result.size,
    problems: result.problems,
    problemsDigest: digest,
  });
  if (result.ok) {
    deps.logger.info({ size: result.size, checkpoints: result.checkpoints }, 'transparency log verified');
    return result;
  }
  deps.logger.error({ problems: result.problems.slice(0, 20) }, 'transparency log verification failed');
  if (previous?.problemsDigest !== digest) {
    const organizations = await operatorOrganizationIds(deps);
    await postOrganizationNotices(
      deps,
      organizations.map((organizationId) => ({
        organizationId,
        kind: 'translog.check-failed',
        title: `Transparency log check failed: ${result.problems.length} problem(s)`,
        payload: { size: result.size, problems: result.problems.slice(0, 20) },
        escalateToAdmins: true,
      })),
    );
  }
  return result;
}
