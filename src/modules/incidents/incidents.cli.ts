import { readFile } from 'node:fs/promises';
import { text } from 'node:stream/consumers';
import type { Command } from 'commander';
import type { z } from 'zod';
import type { CliContext } from '../../platform/cli/cli-context.ts';
import type { Deps } from '../../platform/deps.ts';
import { systemActor } from '../../shared/actor.ts';
import { IdSchema, TimestampSchema } from '../../shared/contract-helpers.ts';
import { DomainError, isDomainError } from '../../shared/errors.ts';
import { getOnlyOrganizationOfKind, getOrganization } from '../accounts/index.ts';
import { findProductBySlugOrNull } from '../devices/index.ts';
import { parseObligationFacts } from './domain/obligations/index.ts';
import {
  CreateIncidentInputSchema,
  type Incident,
  incidentStatuses,
  type ObligationTask,
  SubmitObligationInputSchema,
} from './incidents.contracts.ts';
import { getIncidentFacts, setIncidentFacts } from './service/facts.ts';
import { getIncident, listIncidents, recordIncident, updateIncident } from './service/incidents.ts';
import { getObligationDraft, listDeadlineCalendar, submitObligation } from './service/obligation-tasks.ts';
import { listObligationTasks } from './service/obligations.ts';

/** `candor incidents …`: incident records, their facts, obligations, drafts and submissions (issue 6). */
const actor = systemActor('cli');
const openStatuses: readonly string[] = ['due', 'drafted'];

interface OrgOptions {
  org?: string;
  json?: boolean;
}

/** Incidents belong to manufacturers: the one named by --org, or the only one there is. */
async function manufacturerOf(deps: Deps, org: string | undefined) {
  const organization = org
    ? await getOrganization(deps, org)
    : await getOnlyOrganizationOfKind(deps, 'manufacturer');
  if (organization.kind !== 'manufacturer')
    throw new DomainError('invalid', `${organization.slug} is not a manufacturer: incidents are theirs.`);
  return organization;
}

async function incidentOf(deps: Deps, organizationId: string, incidentId: string): Promise<Incident> {
  const unknown = new DomainError(
    'not_found',
    `No incident ${incidentId} in this organisation (\`candor incidents list\` shows their ids).`,
  );
  if (!IdSchema.safeParse(incidentId).success) throw unknown;
  try {
    return await getIncident(deps, organizationId, incidentId);
  } catch (error) {
    throw isDomainError(error) && error.code === 'not_found' ? unknown : error;
  }
}

/** An obligation of the incident by its id or its key (e.g. eu-mdr-serious-incident:DE). */
async function obligationOf(deps: Deps, incident: Incident, ref: string): Promise<ObligationTask> {
  const tasks = await listObligationTasks(deps, incident.id);
  const task =
    tasks.find((t) => t.id === ref || t.key === ref) ??
    tasks.find((t) => t.key.toLowerCase() === ref.toLowerCase());
  if (task) return task;
  throw new DomainError(
    'not_found',
    tasks.length > 0
      ? `Incident ${incident.id} has no obligation ${ref}; it has: ${tasks.map((t) => t.key).join(', ')}.`
      : `Incident ${incident.id} has no obligations yet: record its facts first (candor incidents facts).`,
  );
}

/** Parses CLI input with a contract; problems name the option (or field path) they concern. */
function parseInput<S extends z.ZodType>(schema: S, value: unknown, flags: Record<string, string>) {
  const result = schema.safeParse(value);
  if (result.success) return result.data as z.output<S>;
  const problems = result.error.issues.map((issue) => {
    const path = issue.path.map(String);
    return `${flags[path[0] ?? ''] ?? (path.join('.') || '(input)')}: ${issue.message}`;
  });
  throw new DomainError('invalid', problems.join('; '));
}

function parseInstant(value: string, flag: string): string {
  return parseInput(TimestampSchema, value, { '': flag }) as string;
}

/** A facts file (- for stdin) holding one JSON object. */
async function readJsonObject(file: string): Promise<Record<string, unknown>> {
  const content =
    file === '-'
      ? await text(process.stdin)
      : await readFile(file, 'utf8').catch(() => {
          throw new DomainError('invalid', `${file}: no such file`);
        });
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch (error) {
    throw new DomainError('invalid', `${file} is not valid JSON: ${(error as Error).message}`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new DomainError('invalid', `${file}: the facts must be a JSON object`);
  return value as Record<string, unknown>;
}

const truncate = (text: string, width: number) =>
  text.length > width ? `${text.slice(0, width - 1)}…` : text;

function table(header: string[], rows: string[][], empty: string): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line), ...(rows.length === 0 ? [empty] : [])].join('\n');
}

/** A deadline as the jurisdiction's local time with its zone (dueAt carries that zone's offset). */
function dueText(task: ObligationTask): string {
  if (!task.dueAt) return task.provisional ? 'pending' : (task.dueDate ?? 'no fixed period');
  const local = `${task.dueAt.slice(0, 10)} ${task.dueAt.slice(11, 19)} ${task.timeZone}`;
  return task.provisional ? `${local} (provisional)` : local;
}

export function formatObligationTasks(tasks: readonly ObligationTask[]): string {
  return table(
    ['KEY', 'RECIPIENT', 'DUE', 'STATUS', 'BASIS'],
    tasks.map((t) => [
      t.key,
      truncate(t.recipient, 40),
      dueText(t),
      t.applicable ? t.status : `${t.status} (withdrawn)`,
      truncate(t.basis, 60),
    ]),
    '(no obligations)',
  );
}

async function listAllIncidents(deps: Deps, organizationId: string): Promise<Incident[]> {
  const incidents: Incident[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: Incident[]; nextCursor: string | null } = await listIncidents(
      deps,
      organizationId,
      cursor ? { limit: 100, cursor } : { limit: 100 },
    );
    incidents.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return incidents;
}

/** Each incident with its open (due or drafted, still applicable) obligations and the soonest deadline. */
async function incidentsOverview(deps: Deps, organizationId: string) {
  const incidents = await listAllIncidents(deps, organizationId);
  const open = (await listDeadlineCalendar(deps, organizationId, {})).filter((e) =>
    openStatuses.includes(e.status),
  );
  return incidents.map((incident) => {
    const mine = open.filter((e) => e.incident.id === incident.id);
    const next = mine
      .filter((e) => e.dueAt)
      .sort((a, b) => Date.parse(a.dueAt as string) - Date.parse(b.dueAt as string))[0];
    return { ...incident, openObligations: mine.length, nextDueAt: next?.dueAt ?? null };
  });
}

function registerRecordCommands(incidents: Command, context: CliContext): void {
  incidents
    .command('list')
    .description('The organisation’s incidents, newest first, with open obligations and the next deadline')
    .option('--org <slug-or-id>', 'manufacturer organisation (default: the only one)')
    .option('--json', 'print the incidents as JSON')
    .action(async (options: OrgOptions) => {
      const rows = await context.withDeps(async (deps) =>
        incidentsOverview(deps, (await manufacturerOf(deps, options.org)).id),
      );
      if (options.json) return context.print(JSON.stringify(rows, null, 2));
      context.print(
        table(
          ['ID', 'STATUS', 'KIND', 'TITLE', 'DETECTED', 'OPEN', 'NEXT DUE'],
          rows.map((i) => [
            i.id,
            i.status,
            i.kind,
            truncate(i.title, 40),
            i.detectedAt,
            String(i.openObligations),
            i.nextDueAt ?? (i.openObligations > 0 ? 'pending' : '-'),
          ]),
          '(no incidents)',
        ),
      );
    });

  incidents
    .command('record')
    .description('Record an incident (status triage); clocks for mandatory reports start at detection')
    .requiredOption('--title <title>', 'what happened, in a line')
    .requiredOption('--detected-at <instant>', 'when it was detected, e.g. 2026-03-06T21:00:00Z')
    .option('--kind <kind>', 'unauthorized_access (default), ransomware, device_tampering, …')
    .option('--description <text>', 'the longer account')
    .option('--product <slug...>', 'affected products of the organisation, by slug')
    .option('--org <slug-or-id>', 'manufacturer organisation (default: the only one)')
    .option('--json', 'print the incident as JSON')
    .action(
      async (
        options: OrgOptions & {
          title: string;
          detectedAt: string;
          kind?: string;
          description?: string;
          product?: string[];
        },
      ) => {
        const incident = await context.withDeps(async (deps) => {
          const organization = await manufacturerOf(deps, options.org);
          const productIds: string[] = [];
          for (const slug of options.product ?? []) {
            const product = await findProductBySlugOrNull(deps, organization.id, slug);
            if (!product)
              throw new DomainError('invalid', `--product: ${organization.slug} has no product ${slug}`);
            productIds.push(product.id);
          }
          const input = parseInput(
            CreateIncidentInputSchema,
            {
              title: options.title,
              detectedAt: options.detectedAt,
              productIds,
              ...(options.kind ? { kind: options.kind } : {}),
              ...(options.description ? { description: options.description } : {}),
            },
            { title: '--title', detectedAt: '--detected-at', kind: '--kind', description: '--description' },
          );
          return recordIncident(deps, actor, organization.id, input);
        });
        if (options.json) return context.print(JSON.stringify(incident, null, 2));
        context.print(`recorded incident ${incident.id} (${incident.status}): ${incident.title}`);
        context.print(`next: candor incidents facts ${incident.id} facts.json`);
      },
    );

  incidents
    .command('status <incident-id> <status>')
    .description(`Move an incident: ${incidentStatuses.join(', ')}`)
    .option('--org <slug-or-id>', 'manufacturer organisation (default: the only one)')
    .action(async (incidentId: string, status: string, options: OrgOptions) => {
      if (!(incidentStatuses as readonly string[]).includes(status))
        throw new DomainError(
          'invalid',
          `status must be one of ${incidentStatuses.join(', ')}, not ${status}`,
        );
      const [before, after] = await context.withDeps(async (deps) => {
        const organization = await manufacturerOf(deps, options.org);
        const incident = await incidentOf(deps, organization.id, incidentId);
        const updated = await updateIncident(deps, actor, organization.id, incident.id, {
          status: status as Incident['status'],
        });
        return [incident, updated] as const;
      });
      context.print(`incident ${after.id}: ${before.status} → ${after.status}`);
    });
}

function registerObligationCommands(incidents: Command, context: CliContext): void {
  incidents
    .command('facts <incident-id> [facts.json]')
    .description(
      'Record a revision of the incident’s facts (docs/obligations.md; - reads stdin) and recompute its obligations; --show prints them',
    )
    .option('--note <text>', 'what changed and why')
    .option('--show', 'print the facts instead of recording them')
    .option('--at <instant>', 'with --show: the facts as they stood then')
    .option('--org <slug-or-id>', 'manufacturer organisation (default: the only one)')
    .option('--json', 'print the outcome (or, with --show, the revision) as JSON')
    .action(
      async (
        incidentId: string,
        file: string | undefined,
        options: OrgOptions & { note?: string; show?: boolean; at?: string },
      ) => {
        if (options.show ? file : !file)
          throw new DomainError('invalid', 'give either a facts file to record, or --show');
        if (options.at && !options.show) throw new DomainError('invalid', '--at goes with --show');
        const at = options.at ? parseInstant(options.at, '--at') : undefined;
        if (options.show) {
          const revision = await context.withDeps(async (deps) => {
            const organization = await manufacturerOf(deps, options.org);
            const incident = await incidentOf(deps, organization.id, incidentId);
            return getIncidentFacts(deps, organization.id, incident.id, at);
          });
          if (options.json) return context.print(JSON.stringify(revision, null, 2));
          context.print(
            `revision ${revision.revision}, ${revision.changedAt}${revision.changedBy ? ` by ${revision.changedBy}` : ''}${revision.note ? `: ${revision.note}` : ''}`,
          );
          return context.print(JSON.stringify(revision.facts, null, 2));
        }
        const facts = await readJsonObject(file as string);
        parseObligationFacts(facts); // invalid facts fail before the database opens
        const outcome = await context.withDeps(async (deps) => {
          const organization = await manufacturerOf(deps, options.org);
          const incident = await incidentOf(deps, organization.id, incidentId);
          return setIncidentFacts(deps, actor, organization.id, incident.id, {
            facts,
            note: options.note?.trim() ?? '',
          });
        });
        if (options.json) return context.print(JSON.stringify(outcome, null, 2));
        context.print(
          `facts revision ${outcome.revision} recorded: ${outcome.added} new obligation(s), ${outcome.changed} deadline(s) moved, ${outcome.withdrawn} no longer applicable`,
        );
        context.print('');
        context.print(formatObligationTasks(outcome.obligations));
      },
    );

  incidents
    .command('obligations <incident-id>')
    .description('The incident’s mandatory reports: recipient, deadline in the jurisdiction’s zone, status')
    .option('--org <slug-or-id>', 'manufacturer organisation (default: the only one)')
    .option('--json', 'print the obligation tasks (with deadline history) as JSON')
    .action(async (incidentId: string, options: OrgOptions) => {
      const tasks = await context.withDeps(async (deps) => {
        const organization = await manufacturerOf(deps, options.org);
        const incident = await incidentOf(deps, organization.id, incidentId);
        return listObligationTasks(deps, incident.id);
      });
      context.print(options.json ? JSON.stringify(tasks, null, 2) : formatObligationTasks(tasks));
    });

  incidents
    .command('draft <incident-id> <obligation>')
    .description(
      'The pre-filled draft of a report (obligation by key, e.g. eu-mdr-serious-incident:DE, or id)',
    )
    .option('--format <format>', 'markdown | json', 'markdown')
    .option('--org <slug-or-id>', 'manufacturer organisation (default: the only one)')
    .action(async (incidentId: string, ref: string, options: OrgOptions & { format: string }) => {
      if (!['markdown', 'json'].includes(options.format))
        throw new DomainError('invalid', `--format must be markdown or json, not ${options.format}`);
      const draft = await context.withDeps(async (deps) => {
        const organization = await manufacturerOf(deps, options.org);
        const incident = await incidentOf(deps, organization.id, incidentId);
        const task = await obligationOf(deps, incident, ref);
        return getObligationDraft(deps, {
          organizationId: organization.id,
          incidentId: incident.id,
          obligationId: task.id,
        });
      });
      context.print(options.format === 'json' ? JSON.stringify(draft, null, 2) : draft.markdown.trimEnd());
    });

  incidents
    .command('submit <incident-id> <obligation>')
    .description('Record that a report went out (immutable; submitting again is a correction)')
    .requiredOption('--reference <ref>', 'the recipient’s reference for the report')
    .option('--submitted-at <instant>', 'when it was sent (default: now)')
    .option('--note <text>', 'a note kept with the submission')
    .option('--org <slug-or-id>', 'manufacturer organisation (default: the only one)')
    .action(
      async (
        incidentId: string,
        ref: string,
        options: OrgOptions & { reference: string; submittedAt?: string; note?: string },
      ) => {
        const task = await context.withDeps(async (deps) => {
          const organization = await manufacturerOf(deps, options.org);
          const incident = await incidentOf(deps, organization.id, incidentId);
          const obligation = await obligationOf(deps, incident, ref);
          const input = parseInput(
            SubmitObligationInputSchema,
            {
              reference: options.reference,
              submittedAt: options.submittedAt ?? deps.clock.now().toISOString(),
              ...(options.note ? { note: options.note } : {}),
            },
            { reference: '--reference', submittedAt: '--submitted-at', note: '--note' },
          );
          return submitObligation(
            deps,
            actor,
            { organizationId: organization.id, incidentId: incident.id, obligationId: obligation.id },
            input,
          );
        });
        const version = task.submission?.version ?? 1;
        context.print(
          `submitted ${task.key} to ${task.recipient}: reference ${task.submission?.reference ?? options.reference}${version > 1 ? ` (correction, version ${version})` : ''}`,
        );
      },
    );
}

export function registerIncidentsCommands(program: Command, context: CliContext): void {
  const incidents = program
    .command('incidents')
    .description('Incidents: records, facts, mandatory reports with deadlines, drafts and submissions');
  registerRecordCommands(incidents, context);
  registerObligationCommands(incidents, context);
}
