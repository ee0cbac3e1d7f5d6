CREATE TABLE "vulnerabilities_advisories" (
	"id" uuid PRIMARY KEY NOT NULL,
	"vulnerability_id" uuid NOT NULL,
	"source" text NOT NULL,
	"source_id" text NOT NULL,
	"modified" timestamp with time zone NOT NULL,
	"withdrawn" timestamp with time zone,
	"content_hash" text NOT NULL,
	"record" jsonb NOT NULL,
	"imported_at" timestamp with time zone NOT NULL,
	CONSTRAINT "vulnerabilities_advisories_source_id_unique" UNIQUE("source","source_id")
);
--> statement-breakpoint
CREATE TABLE "vulnerabilities_advisory_keys" (
	"advisory_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"namespace" text NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "vulnerabilities_advisory_keys_advisory_id_kind_namespace_name_pk" PRIMARY KEY("advisory_id","kind","namespace","name"),
	CONSTRAINT "vulnerabilities_advisory_keys_kind_check" CHECK ("vulnerabilities_advisory_keys"."kind" in ('purl','cpe'))
);
--> statement-breakpoint
CREATE TABLE "vulnerabilities_epss" (
	"cve_id" text PRIMARY KEY NOT NULL,
	"epss" double precision NOT NULL,
	"percentile" double precision NOT NULL,
	"score_date" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vulnerabilities_findings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"product_version_id" uuid NOT NULL,
	"vulnerability_id" uuid NOT NULL,
	"component_key" text NOT NULL,
	"component_name" text NOT NULL,
	"component_version" text,
	"component_purl" text,
	"component_cpe" text,
	"matched_by" text NOT NULL,
	"confidence" text NOT NULL,
	"reasons" jsonb NOT NULL,
	"status" text NOT NULL,
	"first_seen" timestamp with time zone NOT NULL,
	"last_seen" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"close_reason" text,
	CONSTRAINT "vulnerabilities_findings_identity_unique" UNIQUE("product_version_id","vulnerability_id","component_key"),
	CONSTRAINT "vulnerabilities_findings_status_check" CHECK ("vulnerabilities_findings"."status" in ('open','closed')),
	CONSTRAINT "vulnerabilities_findings_confidence_check" CHECK ("vulnerabilities_findings"."confidence" in ('high','medium','low'))
);
--> statement-breakpoint
CREATE TABLE "vulnerabilities_kev" (
	"cve_id" text PRIMARY KEY NOT NULL,
	"vendor_project" text NOT NULL,
	"product" text NOT NULL,
	"vulnerability_name" text NOT NULL,
	"date_added" text NOT NULL,
	"due_date" text,
	"required_action" text NOT NULL,
	"known_ransomware_campaign_use" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vulnerabilities_notifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "vulnerabilities_vex_statements" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"product_version_id" uuid NOT NULL,
	"vulnerability_id" uuid NOT NULL,
	"status" text NOT NULL,
	"justification" text,
	"impact_statement" text,
	"action_statement" text,
	"source" text NOT NULL,
	"updated_by_user_id" uuid,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "vulnerabilities_vex_statements_unique" UNIQUE("product_version_id","vulnerability_id"),
	CONSTRAINT "vulnerabilities_vex_statements_status_check" CHECK ("vulnerabilities_vex_statements"."status" in ('not_affected','affected','fixed','under_investigation'))
);
--> statement-breakpoint
CREATE TABLE "vulnerabilities_vulnerabilities" (
	"id" uuid PRIMARY KEY NOT NULL,
	"display_id" text NOT NULL,
	"ids" text[] NOT NULL,
	"summary" text,
	"cvss_score" real,
	"cvss_vector" text,
	"published" timestamp with time zone,
	"modified" timestamp with time zone NOT NULL,
	"withdrawn" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "devices_components" ADD COLUMN "cpe_vendor" text;--> statement-breakpoint
ALTER TABLE "devices_components" ADD COLUMN "cpe_product" text;--> statement-breakpoint
ALTER TABLE "vulnerabilities_advisories" ADD CONSTRAINT "vulnerabilities_advisories_vulnerability_id_vulnerabilities_vulnerabilities_id_fk" FOREIGN KEY ("vulnerability_id") REFERENCES "public"."vulnerabilities_vulnerabilities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vulnerabilities_advisory_keys" ADD CONSTRAINT "vulnerabilities_advisory_keys_advisory_id_vulnerabilities_advisories_id_fk" FOREIGN KEY ("advisory_id") REFERENCES "public"."vulnerabilities_advisories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vulnerabilities_findings" ADD CONSTRAINT "vulnerabilities_findings_vulnerability_id_vulnerabilities_vulnerabilities_id_fk" FOREIGN KEY ("vulnerability_id") REFERENCES "public"."vulnerabilities_vulnerabilities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vulnerabilities_vex_statements" ADD CONSTRAINT "vulnerabilities_vex_statements_vulnerability_id_vulnerabilities_vulnerabilities_id_fk" FOREIGN KEY ("vulnerability_id") REFERENCES "public"."vulnerabilities_vulnerabilities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "vulnerabilities_advisories_vulnerability_idx" ON "vulnerabilities_advisories" USING btree ("vulnerability_id");--> statement-breakpoint
CREATE INDEX "vulnerabilities_advisory_keys_lookup_idx" ON "vulnerabilities_advisory_keys" USING btree ("kind","namespace","name");--> statement-breakpoint
CREATE INDEX "vulnerabilities_findings_organization_idx" ON "vulnerabilities_findings" USING btree ("organization_id","status");--> statement-breakpoint
CREATE INDEX "vulnerabilities_findings_vulnerability_idx" ON "vulnerabilities_findings" USING btree ("vulnerability_id");--> statement-breakpoint
CREATE INDEX "vulnerabilities_notifications_organization_idx" ON "vulnerabilities_notifications" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE INDEX "vulnerabilities_vulnerabilities_ids_idx" ON "vulnerabilities_vulnerabilities" USING gin ("ids");--> statement-breakpoint
CREATE INDEX "vulnerabilities_vulnerabilities_display_idx" ON "vulnerabilities_vulnerabilities" USING btree ("display_id");--> statement-breakpoint
CREATE INDEX "devices_components_cpe_idx" ON "devices_components" USING btree ("cpe_vendor","cpe_product");--> statement-breakpoint
CREATE INDEX "devices_components_purl_lookup_idx" ON "devices_components" USING btree ("purl_type","purl_name");