CREATE TABLE "vulnerabilities_feed_sources" (
	"kind" text NOT NULL,
	"url" text NOT NULL,
	"etag" text,
	"last_modified" text,
	"content_sha256" text,
	"last_checked_at" timestamp with time zone,
	"last_changed_at" timestamp with time zone,
	"last_status" text,
	"last_error" text,
	CONSTRAINT "vulnerabilities_feed_sources_kind_url_pk" PRIMARY KEY("kind","url")
);
--> statement-breakpoint
CREATE TABLE "vulnerabilities_settings" (
	"organization_id" uuid PRIMARY KEY NOT NULL,
	"allow_name_matching" boolean DEFAULT false NOT NULL,
	"notification_emails" text[] DEFAULT '{}'::text[] NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "vulnerabilities_notifications" ADD COLUMN "emailed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "vulnerabilities_notifications" ADD COLUMN "email_status" text;--> statement-breakpoint
CREATE INDEX "vulnerabilities_advisory_keys_name_idx" ON "vulnerabilities_advisory_keys" USING btree ("name");