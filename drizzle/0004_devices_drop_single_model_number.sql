ALTER TABLE "devices_products" ALTER COLUMN "slug" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "devices_products" DROP COLUMN "model_number";