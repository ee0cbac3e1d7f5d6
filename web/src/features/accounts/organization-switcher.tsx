import type { SessionView } from '@contracts/accounts/accounts.contracts.ts';
import { useNavigate } from 'react-router-dom';
import { Select } from '../../components/select.tsx';

/**
 * Native select of the user's organisations. Choosing one opens its console; focus stays on the
 * select, so keyboard users can keep moving through the list.
 */
export function OrganizationSwitcher({
  session,
  currentOrgId,
}: {
  session: SessionView;
  currentOrgId: string | undefined;
}) {
  const navigate = useNavigate();
  if (session.memberships.length === 0) return null;
  const value = currentOrgId ?? session.memberships[0]?.organization.id ?? '';
  return (
    <Select
      inline
      className="org-switcher"
      label="Organisation"
      name="organization"
      data-org-switcher
      value={value}
      options={session.memberships.map((membership) => ({
        value: membership.organization.id,
        label: membership.organization.name,
      }))}
      onChange={(event) => navigate(`/console/${event.currentTarget.value}`)}
    />
  );
}
