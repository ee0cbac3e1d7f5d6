-- Go modules of major version 2 and above (`github.com/foo/bar/v2`) were looked up under their last
-- segment, `v2`, which every such module shares. They are now looked up as `bar/v2` (packageLookupName,
-- src/shared/package-lookup-name.ts). This re-keys what is stored; findings do not change, as the
-- matcher always compared full module paths: only fewer needless candidates are read.

-- Components: the portfolio index that re-matching after new advisories reads.
UPDATE devices_components
SET purl_name = lower(substring(purl from '(?i)^pkg:golang/(?:[^@?#]*/)?([^/@?#]+/v[0-9]+)(?:[@?#]|$)'))
WHERE purl_type = 'golang'
  AND purl_name ~ '^v[0-9]+$'
  AND purl ~* '^pkg:golang/(?:[^@?#]*/)?[^/@?#]+/v[0-9]+(?:[@?#]|$)';
--> statement-breakpoint
-- Advisories: the new key of every Go package they affect whose path ends in a major version suffix…
INSERT INTO vulnerabilities_advisory_keys (advisory_id, kind, namespace, name)
SELECT DISTINCT k.advisory_id, 'purl', 'golang', lower(substring(e.affected->>'name' from '([^/]+/v[0-9]+)$'))
FROM vulnerabilities_advisory_keys k
JOIN vulnerabilities_advisories a ON a.id = k.advisory_id
CROSS JOIN LATERAL jsonb_array_elements(a.record->'affected') AS e(affected)
WHERE k.kind = 'purl' AND k.namespace = 'golang' AND k.name ~ '^v[0-9]+$'
  AND CASE WHEN e.affected->>'purl' IS NOT NULL THEN lower(e.affected->>'purl') LIKE 'pkg:golang/%'
           ELSE lower(split_part(e.affected->>'ecosystem', ':', 1)) = 'go' END
  AND e.affected->>'name' ~ '[^/]/v[0-9]+$'
ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- …and the old `vN` key goes, unless a Go package of the advisory is named just that.
DELETE FROM vulnerabilities_advisory_keys k
WHERE k.kind = 'purl' AND k.namespace = 'golang' AND k.name ~ '^v[0-9]+$'
  AND NOT EXISTS (
    SELECT 1 FROM vulnerabilities_advisories a
    CROSS JOIN LATERAL jsonb_array_elements(a.record->'affected') AS e(affected)
    WHERE a.id = k.advisory_id AND lower(e.affected->>'name') = k.name);
