import { type DbOrTx, withTransaction } from '../../../platform/db/database.ts';
import type { Deps } from '../../../platform/deps.ts';
import type { Actor } from '../../../shared/actor.ts';
import { recordAuditEvent } from '../../audit/index.ts';
import {
  assertControlMatrix,
  type ControlMatrix,
  customiseRubricMapping,
  defaultControlMatrix,
  defaultRubricMapping,
  type RubricMapping,
  type SlaSeverity,
} from '../domain/index.ts';
import type { RiskSettings, RiskSettingsInput } from '../risk.contracts.ts';
import { findRiskSettings, upsertRiskSettings } from '../risk.repository.ts';

export type RemediationSlaDays = Record<SlaSeverity, number>;

/**
 * Days to remediate by severity when an organisation sets none: the CISA BOD 19-02 figures for critical
 * (15) and high (30), and the common 90/180 for medium/low. A default to replace, like the matrix.
 */
export const defaultRemediationSlaDays: RemediationSlaDays = { critical: 15, high: 30, medium: 90, low: 180 };

/** The method an organisation assesses with: its rubric mapping, control matrix and SLA (or the defaults). */
export interface RiskMethod {
  rubricMapping: RubricMapping;
  controlMatrix: ControlMatrix;
  remediationSlaDays: RemediationSlaDays;
  isDefault: { rubricMapping: boolean; controlMatrix: boolean; remediationSlaDays: boolean };
}

export async function loadRiskMethod(db: DbOrTx, organizationId: string): Promise<RiskMethod> {
  const row = await findRiskSettings(db, organizationId);
  return {
    rubricMapping: (row?.rubricMapping as RubricMapping | null) ?? defaultRubricMapping,
    controlMatrix: (row?.controlMatrix as ControlMatrix | null) ?? defaultControlMatrix,
    remediationSlaDays: (row?.remediationSlaDays as RemediationSlaDays | null) ?? defaultRemediationSlaDays,
    isDefault: {
      rubricMapping: !row?.rubricMapping,
      controlMatrix: !row?.controlMatrix,
      remediationSlaDays: !row?.remediationSlaDays,
    },
  };
}

export function toRiskSettingsView(method: RiskMethod): RiskSettings {
  return {
    rubricMapping: {
      label: method.rubricMapping.label,
      confirmed: method.rubricMapping.confirmed,
      notes: method.rubricMapping.notes,
      values: { ...method.rubricMapping.values },
      isDefault: method.isDefault.rubricMapping,
    },
    controlMatrix: {
      label: method.controlMatrix.label,
      confirmed: method.controlMatrix.confirmed,
      cells: method.controlMatrix.cells as RiskSettings['controlMatrix']['cells'],
      isDefault: method.isDefault.controlMatrix,
    },
    remediationSlaDays: { ...method.remediationSlaDays, isDefault: method.isDefault.remediationSlaDays },
  };
}

export async function getRiskSettings(deps: Pick<Deps, 'db'>, organizationId: string): Promise<RiskSettings> {
  return toRiskSettingsView(await loadRiskMethod(deps.db, organizationId));
}

/**
 * Changes an organisation's method. Each part given replaces the stored one (null: back to the default,
 * absent: unchanged). A rubric mapping is given as changes to the shipped default and checked whole.
 */
export async function updateRiskSettings(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor,
  organizationId: string,
  input: RiskSettingsInput,
): Promise<RiskSettings> {
  const rubricMapping =
    input.rubricMapping === undefined || input.rubricMapping === null
      ? input.rubricMapping
      : customiseRubricMapping(defaultRubricMapping, input.rubricMapping);
  const controlMatrix: ControlMatrix | null | undefined = input.controlMatrix as
    | ControlMatrix
    | null
    | undefined;
  if (controlMatrix) assertControlMatrix(controlMatrix);
  return withTransaction(deps.db, async (tx) => {
    const before = await loadRiskMethod(tx, organizationId);
    const stored = await findRiskSettings(tx, organizationId);
    const row = {
      organizationId,
      rubricMapping: rubricMapping === undefined ? (stored?.rubricMapping ?? null) : rubricMapping,
      controlMatrix: controlMatrix === undefined ? (stored?.controlMatrix ?? null) : controlMatrix,
      remediationSlaDays:
        input.remediationSlaDays === undefined
          ? (stored?.remediationSlaDays ?? null)
          : input.remediationSlaDays,
      updatedAt: deps.clock.now(),
    };
    await upsertRiskSettings(tx, row);
    const after = await loadRiskMethod(tx, organizationId);
    await recordAuditEvent(tx, deps.clock, actor, {
      action: 'risk_settings.updated',
      organizationId,
      entityType: 'risk_settings',
      entityId: organizationId,
      before: toRiskSettingsView(before),
      after: toRiskSettingsView(after),
    });
    return toRiskSettingsView(after);
  });
}
