CREATE TABLE "risk_version_profiles" (
	"product_version_id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"environment_v3" jsonb NOT NULL,
	"environment_v4" jsonb NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"updated_by_user_id" uuid,
	"updated_at" timestamp with time zone NOT NULL
);
