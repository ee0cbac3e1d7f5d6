CREATE TABLE "vulnerabilities_webhooks" (
	"organization_id" uuid PRIMARY KEY NOT NULL,
	"url" text NOT NULL,
	"secret" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"last_delivery_at" timestamp with time zone,
	"last_delivery_status" text
);
