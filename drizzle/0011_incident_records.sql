CREATE TABLE "incidents_fact_revisions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "incidents_fact_revisions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"incident_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"facts" jsonb NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"changed_by_user_id" uuid,
	"changed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "incidents_fact_revisions_unique" UNIQUE("incident_id","revision")
);
--> statement-breakpoint
CREATE TABLE "incidents_obligation_deadlines" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "incidents_obligation_deadlines_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"obligation_id" uuid NOT NULL,
	"facts_revision" integer NOT NULL,
	"due_at" timestamp with time zone,
	"due_date" text,
	"due_rule" text NOT NULL,
	"applicable" boolean NOT NULL,
	"computed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incidents_obligations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"incident_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"key" text NOT NULL,
	"rule_id" text NOT NULL,
	"title" text NOT NULL,
	"regime" text NOT NULL,
	"jurisdiction" text NOT NULL,
	"recipient" text NOT NULL,
	"evaluation" jsonb NOT NULL,
	"due_at" timestamp with time zone,
	"applicable" boolean NOT NULL,
	"status" text NOT NULL,
	"status_reason" text,
	"owner_user_id" uuid,
	"reminded_at" timestamp with time zone,
	"escalated_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "incidents_obligations_key_unique" UNIQUE("incident_id","key"),
	CONSTRAINT "incidents_obligations_status_check" CHECK ("incidents_obligations"."status" in ('due','drafted','submitted','waived','not_applicable'))
);
--> statement-breakpoint
CREATE TABLE "incidents_submissions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"obligation_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"reference" text NOT NULL,
	"content" jsonb NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"submitted_by_user_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "incidents_submissions_version_unique" UNIQUE("obligation_id","version")
);
--> statement-breakpoint
CREATE TABLE "incidents_timeline" (
	"id" uuid PRIMARY KEY NOT NULL,
	"incident_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"text" text NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "incidents_incidents" DROP CONSTRAINT "incidents_incidents_status_check";--> statement-breakpoint
-- The old statuses map onto the new life cycle: open → triage, contained → monitoring.
UPDATE "incidents_incidents" SET "status" = CASE "status" WHEN 'open' THEN 'triage' WHEN 'contained' THEN 'monitoring' ELSE "status" END;--> statement-breakpoint
ALTER TABLE "incidents_incidents" ADD COLUMN "kind" text DEFAULT 'unauthorized_access' NOT NULL;--> statement-breakpoint
ALTER TABLE "incidents_incidents" ADD COLUMN "owner_user_id" uuid;--> statement-breakpoint
ALTER TABLE "incidents_incidents" ADD COLUMN "product_version_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
ALTER TABLE "incidents_incidents" ADD COLUMN "vulnerability_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
ALTER TABLE "incidents_incidents" ADD COLUMN "facts" jsonb;--> statement-breakpoint
ALTER TABLE "incidents_incidents" ADD COLUMN "facts_revision" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "incidents_fact_revisions" ADD CONSTRAINT "incidents_fact_revisions_incident_id_incidents_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents_incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents_obligation_deadlines" ADD CONSTRAINT "incidents_obligation_deadlines_obligation_id_incidents_obligations_id_fk" FOREIGN KEY ("obligation_id") REFERENCES "public"."incidents_obligations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents_obligations" ADD CONSTRAINT "incidents_obligations_incident_id_incidents_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents_incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents_submissions" ADD CONSTRAINT "incidents_submissions_obligation_id_incidents_obligations_id_fk" FOREIGN KEY ("obligation_id") REFERENCES "public"."incidents_obligations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents_timeline" ADD CONSTRAINT "incidents_timeline_incident_id_incidents_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents_incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "incidents_obligations_organization_idx" ON "incidents_obligations" USING btree ("organization_id","due_at");--> statement-breakpoint
CREATE INDEX "incidents_timeline_incident_idx" ON "incidents_timeline" USING btree ("incident_id","at");--> statement-breakpoint
ALTER TABLE "incidents_incidents" ADD CONSTRAINT "incidents_incidents_kind_check" CHECK ("incidents_incidents"."kind" in ('unauthorized_access','data_breach','ransomware','malware','denial_of_service','exploited_vulnerability','device_tampering','supply_chain'));--> statement-breakpoint
ALTER TABLE "incidents_incidents" ADD CONSTRAINT "incidents_incidents_status_check" CHECK ("incidents_incidents"."status" in ('triage','assessing','reporting','monitoring','closed'));--> statement-breakpoint
-- Facts revisions, deadline history and submitted reports are records of what was known and done:
-- append-only, like the audit log.
CREATE FUNCTION incidents_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER incidents_fact_revisions_no_change BEFORE UPDATE OR DELETE ON incidents_fact_revisions
  FOR EACH ROW EXECUTE FUNCTION incidents_refuse_change();
--> statement-breakpoint
CREATE TRIGGER incidents_obligation_deadlines_no_change BEFORE UPDATE OR DELETE ON incidents_obligation_deadlines
  FOR EACH ROW EXECUTE FUNCTION incidents_refuse_change();
--> statement-breakpoint
CREATE TRIGGER incidents_submissions_no_change BEFORE UPDATE OR DELETE ON incidents_submissions
  FOR EACH ROW EXECUTE FUNCTION incidents_refuse_change();
