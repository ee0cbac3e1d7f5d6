CREATE TABLE "disclosures_csaf_documents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"revision_id" uuid NOT NULL,
	"disclosure_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"revision_number" integer NOT NULL,
	"tlp" text NOT NULL,
	"tracking_id" text NOT NULL,
	"path" text NOT NULL,
	"document" text NOT NULL,
	"sha256" text NOT NULL,
	"sha512" text NOT NULL,
	"signature" text NOT NULL,
	"current_release_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "disclosures_csaf_documents_revision_tlp_unique" UNIQUE("revision_id","tlp"),
	CONSTRAINT "disclosures_csaf_documents_tlp_check" CHECK ("disclosures_csaf_documents"."tlp" in ('WHITE','GREEN','AMBER'))
);
--> statement-breakpoint
CREATE TABLE "disclosures_customer_grants" (
	"publisher_organization_id" uuid NOT NULL,
	"recipient_organization_id" uuid NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "disclosures_customer_grants_publisher_organization_id_recipient_organization_id_pk" PRIMARY KEY("publisher_organization_id","recipient_organization_id")
);
--> statement-breakpoint
CREATE TABLE "disclosures_external_advisories" (
	"id" uuid PRIMARY KEY NOT NULL,
	"publisher_name" text NOT NULL,
	"publisher_namespace" text NOT NULL,
	"tracking_id" text NOT NULL,
	"version" text NOT NULL,
	"title" text NOT NULL,
	"severity" text NOT NULL,
	"cves" text[] NOT NULL,
	"product_names" text[] NOT NULL,
	"summary" text NOT NULL,
	"initial_release_at" timestamp with time zone NOT NULL,
	"current_release_at" timestamp with time zone NOT NULL,
	"source_url" text,
	"document" jsonb NOT NULL,
	"sha256" text NOT NULL,
	"imported_at" timestamp with time zone NOT NULL,
	CONSTRAINT "disclosures_external_advisories_identity_unique" UNIQUE("publisher_namespace","tracking_id")
);
--> statement-breakpoint
CREATE TABLE "disclosures_revisions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"disclosure_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"action" text NOT NULL,
	"summary" text NOT NULL,
	"kind" text NOT NULL,
	"tlp" text NOT NULL,
	"severity" text NOT NULL,
	"title" text NOT NULL,
	"cves" text[] NOT NULL,
	"product_ids" uuid[] NOT NULL,
	"record" jsonb NOT NULL,
	"content_sha256" text NOT NULL,
	"initial_release_at" timestamp with time zone NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"published_by_user_id" uuid,
	"approved_by_user_id" uuid,
	CONSTRAINT "disclosures_revisions_number_unique" UNIQUE("disclosure_id","number"),
	CONSTRAINT "disclosures_revisions_action_check" CHECK ("disclosures_revisions"."action" in ('published','revised','withdrawn'))
);
--> statement-breakpoint
CREATE TABLE "disclosures_signing_keys" (
	"organization_id" uuid PRIMARY KEY NOT NULL,
	"fingerprint" text NOT NULL,
	"public_key" text NOT NULL,
	"private_key" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "disclosures_disclosures" DROP CONSTRAINT "disclosures_disclosures_status_check";--> statement-breakpoint
ALTER TABLE "disclosures_disclosures" ADD COLUMN "kind" text DEFAULT 'advisory' NOT NULL;--> statement-breakpoint
ALTER TABLE "disclosures_disclosures" ADD COLUMN "tracking_id" text;--> statement-breakpoint
-- Existing disclosures get tracking ids in creation order per organisation and year.
UPDATE "disclosures_disclosures" d SET "tracking_id" = n.tracking_id FROM (
  SELECT x.id, upper(o.slug) || '-' || to_char(x.created_at AT TIME ZONE 'UTC', 'YYYY') || '-' ||
    lpad((row_number() OVER (PARTITION BY x.organization_id, date_trunc('year', x.created_at AT TIME ZONE 'UTC') ORDER BY x.created_at, x.id))::text, 4, '0') AS tracking_id
  FROM "disclosures_disclosures" x JOIN "accounts_organizations" o ON o.id = x.organization_id
) n WHERE n.id = d.id;--> statement-breakpoint
ALTER TABLE "disclosures_disclosures" ALTER COLUMN "tracking_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "disclosures_disclosures" ADD COLUMN "tlp" text DEFAULT 'CLEAR' NOT NULL;--> statement-breakpoint
ALTER TABLE "disclosures_disclosures" ADD COLUMN "product_version_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
ALTER TABLE "disclosures_disclosures" ADD COLUMN "content" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "disclosures_disclosures" ADD COLUMN "embargo_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "disclosures_disclosures" ADD COLUMN "published_revision" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "disclosures_disclosures" ADD COLUMN "revision_summary" text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX "disclosures_csaf_documents_path_idx" ON "disclosures_csaf_documents" USING btree ("tlp","path","revision_number");--> statement-breakpoint
CREATE INDEX "disclosures_csaf_documents_release_idx" ON "disclosures_csaf_documents" USING btree ("tlp","current_release_at");--> statement-breakpoint
CREATE INDEX "disclosures_customer_grants_recipient_idx" ON "disclosures_customer_grants" USING btree ("recipient_organization_id");--> statement-breakpoint
CREATE INDEX "disclosures_external_advisories_release_idx" ON "disclosures_external_advisories" USING btree ("current_release_at");--> statement-breakpoint
CREATE INDEX "disclosures_revisions_published_idx" ON "disclosures_revisions" USING btree ("published_at");--> statement-breakpoint
CREATE INDEX "disclosures_disclosures_embargo_idx" ON "disclosures_disclosures" USING btree ("embargo_until");--> statement-breakpoint
ALTER TABLE "disclosures_disclosures" ADD CONSTRAINT "disclosures_disclosures_tracking_id_unique" UNIQUE("tracking_id");--> statement-breakpoint
ALTER TABLE "disclosures_disclosures" ADD CONSTRAINT "disclosures_disclosures_kind_check" CHECK ("disclosures_disclosures"."kind" in ('advisory','incident_notice'));--> statement-breakpoint
ALTER TABLE "disclosures_disclosures" ADD CONSTRAINT "disclosures_disclosures_tlp_check" CHECK ("disclosures_disclosures"."tlp" in ('CLEAR','GREEN','AMBER'));--> statement-breakpoint
ALTER TABLE "disclosures_disclosures" ADD CONSTRAINT "disclosures_disclosures_status_check" CHECK ("disclosures_disclosures"."status" in ('draft','approved','published','withdrawn'));--> statement-breakpoint
-- Published disclosures from before revisions existed become revision 1, with the content hash their
-- transparency-log entry holds (so the log still vouches for them).
UPDATE "disclosures_disclosures" SET "published_revision" = "revision" WHERE "status" = 'published';--> statement-breakpoint
INSERT INTO "disclosures_revisions" ("id", "disclosure_id", "organization_id", "number", "action", "summary", "kind", "tlp", "severity", "title", "cves", "product_ids", "record", "content_sha256", "initial_release_at", "published_at", "published_by_user_id", "approved_by_user_id")
SELECT d.id, d.id, d.organization_id, d.revision, 'published', 'Initial version', d.kind, d.tlp, d.severity, d.title, '{}'::text[], d.product_ids,
  jsonb_build_object('id', d.id, 'title', d.title, 'summary', d.summary, 'body', d.body, 'severity', d.severity,
    'revision', d.revision, 'publishedAt', to_char(d.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'productIds', to_jsonb(d.product_ids)),
  coalesce((SELECT e.statement->>'contentSha256' FROM "translog_entries" e WHERE e.record_id = d.id ORDER BY e.index DESC LIMIT 1), ''),
  d.published_at, d.published_at, d.published_by_user_id, d.approved_by_user_id
FROM "disclosures_disclosures" d WHERE d.status = 'published' AND d.published_at IS NOT NULL;--> statement-breakpoint
-- Published revisions and their CSAF documents are the public record: append-only, like the audit log.
CREATE FUNCTION disclosures_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER disclosures_revisions_no_change BEFORE UPDATE OR DELETE ON disclosures_revisions
  FOR EACH ROW EXECUTE FUNCTION disclosures_refuse_change();
--> statement-breakpoint
CREATE TRIGGER disclosures_csaf_documents_no_change BEFORE UPDATE OR DELETE ON disclosures_csaf_documents
  FOR EACH ROW EXECUTE FUNCTION disclosures_refuse_change();
