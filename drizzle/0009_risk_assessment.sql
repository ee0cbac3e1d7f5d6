CREATE TABLE "risk_assessment_revisions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "risk_assessment_revisions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"assessment_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"inputs" jsonb NOT NULL,
	"results" jsonb NOT NULL,
	"decided_by_user_id" uuid,
	"decided_at" timestamp with time zone NOT NULL,
	CONSTRAINT "risk_assessment_revisions_unique" UNIQUE("assessment_id","revision")
);
--> statement-breakpoint
CREATE TABLE "risk_assessments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"product_version_id" uuid NOT NULL,
	"vulnerability_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"inputs" jsonb NOT NULL,
	"results" jsonb NOT NULL,
	"base_vector" text,
	"environmental_vector" text,
	"score" real,
	"severity" text,
	"decision" text,
	"ssvc_supplier" text,
	"ssvc_coordinator" text,
	"decided_by_user_id" uuid,
	"decided_at" timestamp with time zone NOT NULL,
	CONSTRAINT "risk_assessments_version_vulnerability_unique" UNIQUE("product_version_id","vulnerability_id"),
	CONSTRAINT "risk_assessments_decision_check" CHECK ("risk_assessments"."decision" is null or "risk_assessments"."decision" in ('controlled','uncontrolled'))
);
--> statement-breakpoint
CREATE TABLE "risk_settings" (
	"organization_id" uuid PRIMARY KEY NOT NULL,
	"rubric_mapping" jsonb,
	"control_matrix" jsonb,
	"remediation_sla_days" jsonb,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_triage" (
	"organization_id" uuid NOT NULL,
	"product_version_id" uuid NOT NULL,
	"vulnerability_id" uuid NOT NULL,
	"state" text NOT NULL,
	"justification" text,
	"note" text,
	"accepted_until" date,
	"acceptance_reason" text,
	"compensating_controls" text[],
	"accepted_by_user_id" uuid,
	"updated_by_user_id" uuid,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "risk_triage_version_vulnerability_unique" UNIQUE("product_version_id","vulnerability_id"),
	CONSTRAINT "risk_triage_state_check" CHECK ("risk_triage"."state" in ('new','in_analysis','exploitable','not_affected','false_positive','resolved'))
);
--> statement-breakpoint
ALTER TABLE "devices_product_versions" ADD COLUMN "units_in_field" integer;--> statement-breakpoint
ALTER TABLE "risk_assessment_revisions" ADD CONSTRAINT "risk_assessment_revisions_assessment_id_risk_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."risk_assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "risk_assessments_organization_idx" ON "risk_assessments" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "risk_triage_organization_idx" ON "risk_triage" USING btree ("organization_id","state");--> statement-breakpoint
-- Assessment history is append-only, like the audit log: a decision once recorded is never rewritten.
CREATE FUNCTION risk_assessment_revisions_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'risk_assessment_revisions is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER risk_assessment_revisions_no_update_delete BEFORE UPDATE OR DELETE ON risk_assessment_revisions
  FOR EACH ROW EXECUTE FUNCTION risk_assessment_revisions_refuse_change();
