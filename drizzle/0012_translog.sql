CREATE TABLE "translog_checkpoints" (
	"size" bigint PRIMARY KEY NOT NULL,
	"root_hash" "bytea" NOT NULL,
	"note" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "translog_entries" (
	"index" bigint PRIMARY KEY NOT NULL,
	"statement" jsonb NOT NULL,
	"leaf_hash" "bytea" NOT NULL,
	"interior_hashes" "bytea" NOT NULL,
	"record_type" text NOT NULL,
	"record_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "translog_keys" (
	"origin" text PRIMARY KEY NOT NULL,
	"key_id" text NOT NULL,
	"public_key" "bytea" NOT NULL,
	"private_key_pkcs8" "bytea" NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "translog_monitor_runs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"ran_at" timestamp with time zone NOT NULL,
	"ok" boolean NOT NULL,
	"size" bigint NOT NULL,
	"problems" jsonb NOT NULL,
	"problems_digest" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "translog_entries_record_idx" ON "translog_entries" USING btree ("record_id","index");--> statement-breakpoint
CREATE INDEX "translog_monitor_runs_ran_idx" ON "translog_monitor_runs" USING btree ("ran_at");--> statement-breakpoint
-- The transparency log is append-only: entries, signed checkpoints and the log's keys are never changed
-- or removed. Tampering then needs a superuser who disables the triggers, which the monitor job and
-- `candor log verify` still detect (every leaf, node and checkpoint is recomputed and checked).
CREATE FUNCTION translog_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER translog_entries_no_change BEFORE UPDATE OR DELETE ON translog_entries
  FOR EACH ROW EXECUTE FUNCTION translog_refuse_change();
--> statement-breakpoint
CREATE TRIGGER translog_entries_no_truncate BEFORE TRUNCATE ON translog_entries
  FOR EACH STATEMENT EXECUTE FUNCTION translog_refuse_change();
--> statement-breakpoint
CREATE TRIGGER translog_checkpoints_no_change BEFORE UPDATE OR DELETE ON translog_checkpoints
  FOR EACH ROW EXECUTE FUNCTION translog_refuse_change();
--> statement-breakpoint
CREATE TRIGGER translog_checkpoints_no_truncate BEFORE TRUNCATE ON translog_checkpoints
  FOR EACH STATEMENT EXECUTE FUNCTION translog_refuse_change();
--> statement-breakpoint
CREATE TRIGGER translog_keys_no_change BEFORE UPDATE OR DELETE ON translog_keys
  FOR EACH ROW EXECUTE FUNCTION translog_refuse_change();
