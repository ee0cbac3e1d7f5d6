CREATE TABLE "devices_component_dependencies" (
	"product_version_id" uuid NOT NULL,
	"sbom_id" uuid NOT NULL,
	"from_ref" text NOT NULL,
	"to_ref" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "devices_components" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"product_version_id" uuid NOT NULL,
	"sbom_id" uuid NOT NULL,
	"ref" text NOT NULL,
	"name" text NOT NULL,
	"version" text,
	"supplier" text,
	"type" text,
	"purl" text,
	"purl_type" text,
	"purl_name" text,
	"cpe" text,
	"swid_tag_id" text,
	"hashes" jsonb NOT NULL,
	"license_expression" text,
	"source_path" text NOT NULL,
	"identity_hint" jsonb
);
--> statement-breakpoint
CREATE TABLE "devices_product_versions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"label" text NOT NULL,
	"released_on" date,
	"support_phase" text NOT NULL,
	"end_of_support_on" date,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "devices_product_versions_product_label_unique" UNIQUE("product_id","label"),
	CONSTRAINT "devices_product_versions_support_phase_check" CHECK ("devices_product_versions"."support_phase" in ('development','supported','security-updates-only','end-of-support'))
);
--> statement-breakpoint
CREATE TABLE "devices_sboms" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"product_version_id" uuid NOT NULL,
	"format" text NOT NULL,
	"spec_version" text NOT NULL,
	"author" text,
	"document_created_at" timestamp with time zone,
	"sha256" text NOT NULL,
	"byte_size" bigint NOT NULL,
	"original" "bytea" NOT NULL,
	"component_count" integer NOT NULL,
	"warnings" jsonb NOT NULL,
	"skipped" jsonb NOT NULL,
	"uploaded_by_user_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "devices_sboms_version_sha256_unique" UNIQUE("product_version_id","sha256")
);
--> statement-breakpoint
ALTER TABLE "devices_products" ADD COLUMN "slug" text;--> statement-breakpoint
ALTER TABLE "devices_products" ADD COLUMN "model_numbers" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "devices_products" ADD COLUMN "device_class" text;--> statement-breakpoint
ALTER TABLE "devices_products" ADD COLUMN "udi_di" text;--> statement-breakpoint
ALTER TABLE "devices_products" ADD COLUMN "intended_use" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "devices_products" ADD COLUMN "markets" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "devices_component_dependencies" ADD CONSTRAINT "devices_component_dependencies_product_version_id_devices_product_versions_id_fk" FOREIGN KEY ("product_version_id") REFERENCES "public"."devices_product_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devices_component_dependencies" ADD CONSTRAINT "devices_component_dependencies_sbom_id_devices_sboms_id_fk" FOREIGN KEY ("sbom_id") REFERENCES "public"."devices_sboms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devices_components" ADD CONSTRAINT "devices_components_product_version_id_devices_product_versions_id_fk" FOREIGN KEY ("product_version_id") REFERENCES "public"."devices_product_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devices_components" ADD CONSTRAINT "devices_components_sbom_id_devices_sboms_id_fk" FOREIGN KEY ("sbom_id") REFERENCES "public"."devices_sboms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devices_product_versions" ADD CONSTRAINT "devices_product_versions_product_id_devices_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."devices_products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devices_sboms" ADD CONSTRAINT "devices_sboms_product_version_id_devices_product_versions_id_fk" FOREIGN KEY ("product_version_id") REFERENCES "public"."devices_product_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "devices_component_dependencies_version_idx" ON "devices_component_dependencies" USING btree ("product_version_id");--> statement-breakpoint
CREATE INDEX "devices_components_version_idx" ON "devices_components" USING btree ("product_version_id");--> statement-breakpoint
CREATE INDEX "devices_components_organization_name_idx" ON "devices_components" USING btree ("organization_id",lower("name"));--> statement-breakpoint
CREATE INDEX "devices_components_purl_idx" ON "devices_components" USING btree ("organization_id","purl_type","purl_name");--> statement-breakpoint
CREATE INDEX "devices_product_versions_organization_idx" ON "devices_product_versions" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "devices_sboms_organization_idx" ON "devices_sboms" USING btree ("organization_id");--> statement-breakpoint
ALTER TABLE "devices_products" ADD CONSTRAINT "devices_products_organization_slug_unique" UNIQUE("organization_id","slug");