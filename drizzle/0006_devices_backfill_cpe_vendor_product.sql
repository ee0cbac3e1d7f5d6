-- Components imported before matching existed get their CPE vendor and product for lookups (CPE 2.3
-- formatted strings: cpe:2.3:part:vendor:product:…; backslash escapes removed, lower-cased). Escaped
-- colons inside vendor or product are rare enough that a re-import fixes them.
UPDATE devices_components
SET cpe_vendor = lower(replace(split_part(cpe, ':', 4), '\', '')),
    cpe_product = lower(replace(split_part(cpe, ':', 5), '\', ''))
WHERE cpe IS NOT NULL AND starts_with(cpe, 'cpe:2.3:') AND position('\:' in cpe) = 0;
