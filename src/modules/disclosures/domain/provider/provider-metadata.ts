import { type CsafTlpLabel, csafTlpLabels, type ProviderUrls } from './provider-paths.ts';

export interface ProviderMetadataInput {
  urls: ProviderUrls;
  providerName: string;
  /** The installation's public URL: the publisher namespace. */
  namespace: string;
  securityContact: string;
  lastUpdated: Date;
  /** Every organisation's signing key; fingerprints in upper-case hex. */
  fingerprints: string[];
}

const feedSummaries: Record<CsafTlpLabel, string> = {
  WHITE: 'All TLP:CLEAR (TLP:WHITE) advisories published on this installation. Public.',
  GREEN: 'TLP:GREEN customer advisories. Any signed-in user or API token of this installation.',
  AMBER:
    'TLP:AMBER customer advisories. Only organisations their manufacturer has granted access (and the manufacturer).',
};

/**
 * The provider metadata (CSAF 2.0 §7.1.7), valid against provider_json_schema.json.
 *
 * The publisher is the installation, with category `other`: the PMD names who runs the repository, and
 * an installation hosts many manufacturers' documents (each of which names its manufacturer, category
 * `vendor`, as its own publisher). It is not a vendor; `coordinator` would claim it manages the
 * vulnerability response, which the manufacturers do; CSAF 2.0 §3.2.1.8.1 puts forwarders and
 * redistributors under `other`.
 */
export function buildProviderMetadata(input: ProviderMetadataInput): Record<string, unknown> {
  const { urls } = input;
  return {
    canonical_url: urls.providerMetadata,
    distributions: [
      {
        rolie: {
          feeds: csafTlpLabels.map((tlp) => ({
            summary: feedSummaries[tlp],
            tlp_label: tlp,
            url: urls.feed(tlp),
          })),
          services: [urls.serviceDocument],
        },
      },
    ],
    last_updated: input.lastUpdated.toISOString(),
    list_on_CSAF_aggregators: true,
    metadata_version: '2.0',
    mirror_on_CSAF_aggregators: true,
    public_openpgp_keys: input.fingerprints.map((fingerprint) => ({
      fingerprint,
      url: urls.openPgpKey(fingerprint),
    })),
    publisher: {
      category: 'other',
      contact_details: input.securityContact,
      name: input.providerName,
      namespace: input.namespace,
    },
    role: 'csaf_trusted_provider',
  };
}
