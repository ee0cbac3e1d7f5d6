CREATE TABLE "accounts_api_tokens" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"display_prefix" text NOT NULL,
	"scopes" text[] NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	CONSTRAINT "accounts_api_tokens_tokenHash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "accounts_memberships" (
	"user_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"role" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "accounts_memberships_user_id_organization_id_pk" PRIMARY KEY("user_id","organization_id"),
	CONSTRAINT "accounts_memberships_role_check" CHECK ("accounts_memberships"."role" in ('viewer','editor','admin'))
);
--> statement-breakpoint
CREATE TABLE "accounts_organizations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "accounts_organizations_slug_unique" UNIQUE("slug"),
	CONSTRAINT "accounts_organizations_kind_check" CHECK ("accounts_organizations"."kind" in ('manufacturer','hdo','regulator','researcher','isao'))
);
--> statement-breakpoint
CREATE TABLE "accounts_sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "accounts_users" (
	"id" uuid PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"disabled_at" timestamp with time zone,
	CONSTRAINT "accounts_users_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"id" uuid NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" text NOT NULL,
	"organization_id" uuid,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"before_digest" text,
	"after_digest" text,
	"request_id" text,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "audit_events_id_unique" UNIQUE("id")
);
--> statement-breakpoint
CREATE TABLE "devices_products" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"model_number" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "devices_products_organization_name_unique" UNIQUE("organization_id","name")
);
--> statement-breakpoint
CREATE TABLE "disclosures_disclosures" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"incident_id" uuid,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"body" text NOT NULL,
	"severity" text NOT NULL,
	"product_ids" uuid[] NOT NULL,
	"status" text NOT NULL,
	"revision" integer NOT NULL,
	"author_user_id" uuid,
	"approved_by_user_id" uuid,
	"approved_at" timestamp with time zone,
	"published_by_user_id" uuid,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "disclosures_disclosures_status_check" CHECK ("disclosures_disclosures"."status" in ('draft','approved','published')),
	CONSTRAINT "disclosures_disclosures_severity_check" CHECK ("disclosures_disclosures"."severity" in ('none','low','medium','high','critical'))
);
--> statement-breakpoint
CREATE TABLE "incidents_incidents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"status" text NOT NULL,
	"product_ids" uuid[] NOT NULL,
	"detected_at" timestamp with time zone NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "incidents_incidents_status_check" CHECK ("incidents_incidents"."status" in ('open','contained','closed'))
);
--> statement-breakpoint
CREATE TABLE "platform_rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"count" integer NOT NULL,
	"reset_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "accounts_api_tokens" ADD CONSTRAINT "accounts_api_tokens_organization_id_accounts_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."accounts_organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounts_api_tokens" ADD CONSTRAINT "accounts_api_tokens_user_id_accounts_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."accounts_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounts_memberships" ADD CONSTRAINT "accounts_memberships_user_id_accounts_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."accounts_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounts_memberships" ADD CONSTRAINT "accounts_memberships_organization_id_accounts_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."accounts_organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounts_sessions" ADD CONSTRAINT "accounts_sessions_user_id_accounts_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."accounts_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "accounts_api_tokens_organization_idx" ON "accounts_api_tokens" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "accounts_memberships_organization_idx" ON "accounts_memberships" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "accounts_sessions_user_idx" ON "accounts_sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "audit_events_organization_idx" ON "audit_events" USING btree ("organization_id","seq");--> statement-breakpoint
CREATE INDEX "audit_events_entity_idx" ON "audit_events" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "devices_products_organization_idx" ON "devices_products" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "disclosures_disclosures_organization_idx" ON "disclosures_disclosures" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE INDEX "disclosures_disclosures_published_idx" ON "disclosures_disclosures" USING btree ("published_at");--> statement-breakpoint
CREATE INDEX "incidents_incidents_organization_idx" ON "incidents_incidents" USING btree ("organization_id","created_at");