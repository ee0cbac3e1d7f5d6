import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createOrganization,
  createUser,
  hasAnyOrganization,
  setMembership,
} from '../modules/accounts/index.ts';
import { createProduct, createProductVersion, importSbom } from '../modules/devices/index.ts';
import {
  approveDisclosure,
  draftDisclosure,
  publishDisclosure,
  recordExternalCsafAdvisory,
} from '../modules/disclosures/index.ts';
import { recordIncident, setIncidentFacts } from '../modules/incidents/index.ts';
import { setVersionProfile } from '../modules/risk/index.ts';
import {
  importAdvisoryBatch,
  importFeed,
  rematchAfterAdvisoryChanges,
} from '../modules/vulnerabilities/index.ts';
import type { Deps } from '../platform/deps.ts';
import type { Actor } from '../shared/actor.ts';
import { systemActor } from '../shared/actor.ts';
import { demoAdvisories } from './demo-advisories.ts';
import { demoReleases, demoSbom } from './demo-sboms.ts';

/** The demo sign-in printed by `npm start`: an admin of a demo manufacturer. Demo data only. */
export const demoCredentials = {
  email: 'alice@acme-medical.example',
  password: 'candor-demo-password',
} as const;
export const demoSecondUser = {
  email: 'bob@acme-medical.example',
  password: 'candor-demo-password',
} as const;

/** Real CISA ICS medical advisories (CSAF 2.0, TLP:WHITE), copied byte for byte: see demo-csaf/README.md. */
export const demoCsafDirectory = fileURLToPath(new URL('./demo-csaf/cisa-icsma/', import.meta.url));
const demoCsafSource = (file: string) =>
  `https://raw.githubusercontent.com/cisagov/CSAF/6960219fd4e67623d40d32b2869c4a1782965b80/csaf_files/OT/white/2020/${basename(file)}`;

function asUser(userId: string): Actor {
  return { kind: 'user', userId, via: 'session' };
}

/**
 * Seeds a few organisations, products, an incident and one published disclosure (plus a draft that
 * must stay private) into an empty database. Does nothing when any organisation exists.
 */
export async function seedDemoData(deps: Deps): Promise<{ seeded: boolean }> {
  if (await hasAnyOrganization(deps)) return { seeded: false };
  const system = systemActor('demo-seed');
  const acme = await createOrganization(deps, system, {
    slug: 'acme-medical',
    name: 'Acme Medical Systems',
    kind: 'manufacturer',
  });
  const northwind = await createOrganization(deps, system, {
    slug: 'northwind-infusion',
    name: 'Northwind Infusion',
    kind: 'manufacturer',
  });
  const hospital = await createOrganization(deps, system, {
    slug: 'st-example-general',
    name: 'St. Example General Hospital',
    kind: 'hdo',
  });
  await createOrganization(deps, system, {
    slug: 'example-health-authority',
    name: 'Example Health Authority',
    kind: 'regulator',
  });

  const alice = await createUser(deps, system, {
    email: demoCredentials.email,
    name: 'Alice Moreau',
    password: demoCredentials.password,
  });
  const bob = await createUser(deps, system, {
    email: demoSecondUser.email,
    name: 'Bob Okafor',
    password: demoSecondUser.password,
  });
  const nadia = await createUser(deps, system, {
    email: 'nadia@northwind.example',
    name: 'Nadia Kowalski',
    password: demoCredentials.password,
  });
  const hana = await createUser(deps, system, {
    email: 'hana@st-example.example',
    name: 'Hana Sato',
    password: demoCredentials.password,
  });
  await setMembership(deps, system, { organizationId: acme.id, email: alice.email, role: 'admin' });
  await setMembership(deps, system, { organizationId: acme.id, email: bob.email, role: 'editor' });
  await setMembership(deps, system, { organizationId: hospital.id, email: alice.email, role: 'viewer' });
  await setMembership(deps, system, { organizationId: northwind.id, email: nadia.email, role: 'admin' });
  await setMembership(deps, system, { organizationId: hospital.id, email: hana.email, role: 'admin' });

  // The demo's vulnerability store: one real advisory, so that the gateway's old release has a finding.
  await rematchAfterAdvisoryChanges(deps, await importAdvisoryBatch(deps, demoAdvisories));
  // Real-world content from the first start: CISA's medical advisories in the store and, credited to
  // CISA with their upstream source, on the portal as republished advisories.
  await importFeed(deps, 'csaf', demoCsafDirectory, {
    onCsafDocument: async (document, source) =>
      (await recordExternalCsafAdvisory(deps, document, demoCsafSource(source.name))).note,
  });
  const gateway = await createProduct(deps, asUser(alice.id), acme.id, {
    name: 'CardioLink Telemetry Gateway',
    description: 'Bedside gateway relaying cardiac telemetry to the central station.',
    modelNumbers: ['CLG-2200'],
  });
  const gatewayVersions: Record<string, string> = {};
  for (const release of demoReleases) {
    const version = await createProductVersion(deps, asUser(alice.id), acme.id, gateway.id, {
      label: release,
      releasedOn: release === '4.0.0' ? '2024-03-01' : '2026-11-20',
      supportPhase: release === '4.0.0' ? 'security-updates-only' : 'supported',
      endOfSupportOn: release === '4.0.0' ? '2027-03-01' : '2031-11-20',
      unitsInField: release === '4.0.0' ? 3_800 : 1_200,
    });
    gatewayVersions[release] = version.id;
    await importSbom(
      deps,
      asUser(alice.id),
      { organizationId: acme.id, productId: gateway.id, versionId: version.id },
      demoSbom(release),
    );
  }
  await createProduct(deps, asUser(alice.id), acme.id, {
    name: 'InfuGuard 500 Infusion Pump',
    description: 'Large-volume infusion pump with drug library.',
    modelNumbers: ['IG-500'],
  });
  const driver = await createProduct(deps, asUser(nadia.id), northwind.id, {
    name: 'FlowSure Syringe Driver',
    description: 'Ambulatory syringe driver.',
    modelNumbers: ['FS-10'],
  });

  const detectedAt = new Date(deps.clock.now().getTime() - 9 * 86_400_000).toISOString();
  const incident = await recordIncident(deps, asUser(alice.id), acme.id, {
    title: 'Unauthenticated maintenance port on CardioLink gateways',
    description:
      'A researcher reported that the maintenance service accepts connections without credentials.',
    kind: 'unauthorized_access',
    productIds: [gateway.id],
    productVersionIds: [],
    vulnerabilities: [],
    ownerUserId: alice.id,
    detectedAt,
  });
  // The incident's facts, so its mandatory reports and their clocks show: judged significant (NIS2)
  // and able to cause harm 20 hours ago, on the US and German markets.
  const awareAt = new Date(deps.clock.now().getTime() - 20 * 3_600_000).toISOString();
  await setIncidentFacts(deps, asUser(alice.id), acme.id, incident.id, {
    note: 'Judged significant after the researcher demonstrated a restart of the gateway.',
    facts: {
      awareAt,
      manufacturer: {
        timezone: 'Europe/Berlin',
        secRegistrant: false,
        nis2: 'important',
        isaoMember: true,
        hipaaRole: 'none',
        gdprRole: 'none',
        euMainEstablishment: 'DE',
      },
      product: { regulatedAsMedicalDevice: true, markets: ['US', 'DE', 'FR'] },
      event: {
        patientHarm: 'malfunction_could_harm',
        seriousPublicHealthThreat: false,
        occurredIn: ['DE'],
        activelyExploitedVulnerability: false,
        severeIncidentAffectingProductSecurity: false,
        nis2SignificantIncident: true,
        remedialActionToPreventSubstantialHarm: false,
        personalDataBreach: null,
        materialityDeterminedAt: null,
        fda: { riskControlled: true, correctionInitiatedAt: null, seriousAdverseEventKnown: false },
      },
    },
  });

  // The old release's exposure as installed: its finding's assessment starts from it.
  const oldRelease = gatewayVersions['4.0.0'];
  if (oldRelease) {
    const target = { organizationId: acme.id, productId: gateway.id, versionId: oldRelease };
    await setVersionProfile(deps, asUser(alice.id), target, {
      environmentV3: { MAV: 'A', MPR: 'L', CR: 'L' },
      environmentV4: { MAV: 'A', MPR: 'L', CR: 'L' },
      description: 'Installed on clinical VLANs behind the hospital firewall; service login required.',
    });
  }

  const published = await draftDisclosure(deps, asUser(alice.id), acme.id, {
    incidentId: incident.id,
    title: 'CardioLink Telemetry Gateway: unauthenticated maintenance service',
    summary:
      'Firmware before 4.2.1 exposes a maintenance service without authentication on the clinical network. Update to 4.2.1.',
    body: [
      'An attacker on the same network segment could read device configuration and restart the gateway, interrupting telemetry to the central station. No patient data is exposed and therapy is not affected.',
      'Affected: CardioLink Telemetry Gateway (CLG-2200), firmware 4.0.0 up to but not including 4.2.1.',
      'Remediation: install firmware 4.2.1, available to service partners. Until then, restrict TCP port 8443 to the central station with network segmentation.',
      'No exploitation has been observed. Reported by an independent researcher through coordinated disclosure.',
    ].join('\n\n'),
    severity: 'high',
    productIds: [gateway.id],
  });
  await approveDisclosure(deps, asUser(bob.id), acme.id, published.id);
  await publishDisclosure(deps, asUser(bob.id), acme.id, published.id);

  await draftDisclosure(deps, asUser(nadia.id), northwind.id, {
    incidentId: null,
    title: 'FlowSure Syringe Driver: draft advisory (embargoed)',
    summary: 'Work in progress: not public.',
    body: '',
    severity: 'medium',
    productIds: [driver.id],
  });
  return { seeded: true };
}
