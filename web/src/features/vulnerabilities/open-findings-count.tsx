import { Link } from 'react-router-dom';
import { useResource } from '../../api/use-resource.ts';
import { Badge } from '../../components/badge.tsx';
import { useApi } from '../accounts/session.tsx';
import { None } from '../devices/devices-display.tsx';
import { listVersionFindings, type VersionTarget } from './vulnerabilities.api.ts';

/**
 * A version's exposure in a product's version table: open findings not suppressed by VEX, and how many
 * of them are known exploited; links to the version's findings.
 */
export function OpenFindingsCount({ target }: { target: VersionTarget }) {
  const api = useApi();
  const { resource } = useResource(`findings:${target.versionId}:open:count`, (signal) =>
    listVersionFindings(api, target, 'open', signal),
  );
  if (resource.status === 'loading') return <span className="muted small">…</span>;
  if (resource.status === 'error') return <span className="muted small">Not available</span>;
  const exposed = resource.data.filter((finding) => !finding.suppressedByVex);
  const suppressed = resource.data.length - exposed.length;
  const exploited = exposed.filter((finding) => finding.vulnerability.kevDateAdded).length;
  if (resource.data.length === 0) return <None text="No open findings" />;
  const path = `/console/${target.orgId}/products/${target.productId}/versions/${target.versionId}#vulnerabilities`;
  return (
    <div className="stack-inline">
      <Link to={path}>
        {exposed.length} open
        <span className="visually-hidden"> vulnerability finding{exposed.length === 1 ? '' : 's'}</span>
      </Link>
      {exploited > 0 ? (
        <Badge tone="danger">
          <span className="badge__glyph" aria-hidden="true">
            ⚠
          </span>
          {exploited} known exploited
        </Badge>
      ) : null}
      {suppressed > 0 ? <span className="small muted">{suppressed} suppressed by VEX</span> : null}
    </div>
  );
}
