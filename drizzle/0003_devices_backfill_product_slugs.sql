-- Products created before versions existed get a slug from their name and their single model number
-- in the new list; then the slug becomes required.
UPDATE devices_products
SET slug = coalesce(
      nullif(trim(both '-' from regexp_replace(lower(name), '[^a-z0-9]+', '-', 'g')), ''),
      'product'
    ) || CASE WHEN (
      SELECT count(*) FROM devices_products p2
      WHERE p2.organization_id = devices_products.organization_id
        AND regexp_replace(lower(p2.name), '[^a-z0-9]+', '-', 'g') = regexp_replace(lower(devices_products.name), '[^a-z0-9]+', '-', 'g')
        AND p2.id < devices_products.id
    ) > 0 THEN '-' || left(id::text, 8) ELSE '' END
WHERE slug IS NULL;
--> statement-breakpoint
UPDATE devices_products SET model_numbers = ARRAY[model_number] WHERE model_number IS NOT NULL;
--> statement-breakpoint
ALTER TABLE devices_products ALTER COLUMN slug SET NOT NULL;
