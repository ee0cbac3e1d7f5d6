import { describe, expect, it } from 'vitest';
import { organizationAccess, type Principal, publicAccess, signedInAccess } from '../../../shared/access.ts';
import { decideAccess } from './permissions.ts';

const orgA = '00000000-0000-4000-8000-00000000000a';
const orgB = '00000000-0000-4000-8000-00000000000b';

function member(
  role: 'viewer' | 'editor' | 'admin',
  kind: 'manufacturer' | 'hdo' = 'manufacturer',
): Principal {
  return {
    userId: 'u',
    via: 'session',
    memberships: [{ organizationId: orgA, organizationKind: kind, role }],
  };
}

describe('decideAccess', () => {
  it('lets anyone through a public rule', () => {
    expect(decideAccess(publicAccess, null, { method: 'GET' })).toEqual({ allowed: true });
  });

  it('asks anonymous callers to authenticate for anything else', () => {
    expect(decideAccess(signedInAccess, null, { method: 'GET' })).toMatchObject({ code: 'unauthenticated' });
    expect(
      decideAccess(organizationAccess('viewer'), null, { organizationId: orgA, method: 'GET' }),
    ).toMatchObject({
      code: 'unauthenticated',
    });
  });

  it.each([
    ['viewer', 'viewer', true],
    ['viewer', 'editor', false],
    ['editor', 'editor', true],
    ['editor', 'admin', false],
    ['admin', 'editor', true],
  ] as const)('a %s meets a %s rule: %s', (role, minRole, allowed) => {
    expect(
      decideAccess(organizationAccess(minRole), member(role), { organizationId: orgA, method: 'POST' })
        .allowed,
    ).toBe(allowed);
  });

  it('refuses members of another organisation', () => {
    expect(
      decideAccess(organizationAccess('viewer'), member('admin'), { organizationId: orgB, method: 'GET' }),
    ).toMatchObject({ allowed: false, code: 'forbidden' });
  });

  it('refuses organisations of the wrong kind', () => {
    const rule = organizationAccess('viewer', ['manufacturer']);
    expect(decideAccess(rule, member('admin', 'hdo'), { organizationId: orgA, method: 'GET' }).allowed).toBe(
      false,
    );
    expect(decideAccess(rule, member('viewer'), { organizationId: orgA, method: 'GET' }).allowed).toBe(true);
  });

  it('keeps API tokens to their organisation and scopes', () => {
    const principal: Principal = {
      ...member('admin'),
      memberships: [
        { organizationId: orgA, organizationKind: 'manufacturer', role: 'admin' },
        { organizationId: orgB, organizationKind: 'manufacturer', role: 'admin' },
      ],
      via: 'token',
      token: { id: 't', organizationId: orgA, scopes: ['read'] },
    };
    expect(
      decideAccess(organizationAccess('viewer'), principal, { organizationId: orgA, method: 'GET' }).allowed,
    ).toBe(true);
    expect(
      decideAccess(organizationAccess('viewer'), principal, { organizationId: orgB, method: 'GET' }).allowed,
    ).toBe(false);
    expect(
      decideAccess(organizationAccess('viewer'), principal, { organizationId: orgA, method: 'POST' }),
    ).toMatchObject({
      allowed: false,
      reason: 'This API token has no write scope.',
    });
  });
});

describe('operator rule', () => {
  const operator: Principal = {
    userId: 'u',
    via: 'session',
    memberships: [
      { organizationId: orgA, organizationSlug: 'candor-ops', organizationKind: 'isao', role: 'admin' },
    ],
  };
  const target = { method: 'POST', operatorOrganizations: ['candor-ops'] };

  it('lets admins of an operator organisation through', () => {
    expect(decideAccess({ kind: 'operator' }, operator, target).allowed).toBe(true);
  });

  it('refuses everyone else', () => {
    expect(decideAccess({ kind: 'operator' }, null, target)).toMatchObject({ code: 'unauthenticated' });
    const editor: Principal = {
      ...operator,
      memberships: [{ ...(operator.memberships[0] as Principal['memberships'][number]), role: 'editor' }],
    };
    expect(decideAccess({ kind: 'operator' }, editor, target).allowed).toBe(false);
    expect(
      decideAccess({ kind: 'operator' }, operator, { method: 'POST', operatorOrganizations: [] }).allowed,
    ).toBe(false);
    const otherToken: Principal = {
      ...operator,
      via: 'token',
      token: { id: 't', organizationId: orgB, scopes: ['read', 'write'] },
    };
    expect(decideAccess({ kind: 'operator' }, otherToken, target).allowed).toBe(false);
  });
});
