import { euMemberStates } from '@contracts/incidents/obligations.contracts.ts';
import type { ReactNode } from 'react';
import {
  FactCount,
  FactCountries,
  FactFlag,
  FactInstant,
  FactResidents,
  FactSelect,
  type FactsBinding,
  FactText,
} from './facts-fields.tsx';
import { getAt } from './facts-form-state.ts';

const nis2Options = [
  { value: 'none', label: 'Not in scope' },
  { value: 'important', label: 'Important entity' },
  { value: 'essential', label: 'Essential entity' },
];
const hipaaOptions = [
  { value: 'none', label: 'Neither' },
  { value: 'business_associate', label: 'Business associate' },
  { value: 'covered_entity', label: 'Covered entity' },
];
const gdprOptions = [
  { value: 'none', label: 'Processes no personal data' },
  { value: 'controller', label: 'Controller' },
  { value: 'processor', label: 'Processor' },
];
const harmOptions = [
  { value: 'none', label: 'None' },
  { value: 'malfunction_could_harm', label: 'A malfunction that could harm if it recurred' },
  { value: 'serious_injury', label: 'Serious injury' },
  { value: 'death', label: 'Death' },
];
const riskOptions = [
  { value: 'none', label: 'No risk' },
  { value: 'risk', label: 'A risk' },
  { value: 'high', label: 'A high risk' },
];
const establishmentOptions = [
  { value: '', label: 'None in the EU' },
  ...euMemberStates.map((code) => ({ value: code, label: code })),
];

const newBreach = { individuals: 0, unsecuredPhi: false, riskToIndividuals: 'risk', residentsByState: {} };

function Group({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset className="facts-form__group">
      <legend className="facts-form__legend">{legend}</legend>
      {children}
    </fieldset>
  );
}

/** The structured facts form: the fields of issue 6's facts shape, grouped as people think of them. */
export function FactsSections({ b }: { b: FactsBinding }) {
  const breach = getAt(b.facts, 'event.personalDataBreach');
  const hasBreach = typeof breach === 'object' && breach !== null;
  return (
    <>
      <Group legend="Awareness">
        <div className="form__row">
          <FactInstant
            b={b}
            path="awareAt"
            label="Aware at"
            hint="When the organisation first learned of it (your local time). Most clocks start here."
          />
          <FactInstant
            b={b}
            path="event.materialityDeterminedAt"
            label="Materiality determined at"
            hint="SEC: when the incident was determined material."
            optional
          />
        </div>
      </Group>

      <Group legend="Manufacturer">
        <div className="form__row">
          <FactText
            b={b}
            path="manufacturer.timezone"
            label="Time zone"
            hint="IANA zone of the manufacturer, e.g. America/New_York."
          />
          <FactSelect
            b={b}
            path="manufacturer.euMainEstablishment"
            label="EU main establishment"
            options={establishmentOptions}
            nullable
          />
        </div>
        <div className="form__row">
          <FactSelect b={b} path="manufacturer.nis2" label="NIS2 entity" options={nis2Options} />
          <FactSelect b={b} path="manufacturer.hipaaRole" label="HIPAA role" options={hipaaOptions} />
          <FactSelect b={b} path="manufacturer.gdprRole" label="GDPR role" options={gdprOptions} />
        </div>
        <div className="facts-form__flags">
          <FactFlag b={b} path="manufacturer.secRegistrant" label="SEC registrant (files Form 8-K)" />
          <FactFlag b={b} path="manufacturer.isaoMember" label="Member of an ISAO" />
        </div>
      </Group>

      <Group legend="Product">
        <div className="form__row">
          <FactCountries b={b} path="product.markets" label="Markets" />
          <div className="facts-form__flags">
            <FactFlag
              b={b}
              path="product.regulatedAsMedicalDevice"
              label="Regulated as a medical device"
              hint="MDR/IVDR devices are outside the CRA."
            />
          </div>
        </div>
      </Group>

      <Group legend="Event">
        <div className="form__row">
          <FactSelect b={b} path="event.patientHarm" label="Patient harm" options={harmOptions} />
          <FactCountries
            b={b}
            path="event.occurredIn"
            label="Occurred in"
            hint="Countries where the incident occurred: US, DE."
          />
        </div>
        <div className="facts-form__flags">
          <FactFlag b={b} path="event.seriousPublicHealthThreat" label="Serious public health threat" />
          <FactFlag
            b={b}
            path="event.activelyExploitedVulnerability"
            label="Actively exploited vulnerability"
          />
          <FactFlag
            b={b}
            path="event.severeIncidentAffectingProductSecurity"
            label="Severe incident affecting the product's security (CRA)"
          />
          <FactFlag b={b} path="event.nis2SignificantIncident" label="Significant incident (NIS2)" />
          <FactFlag
            b={b}
            path="event.remedialActionToPreventSubstantialHarm"
            label="Remedial action needed to prevent substantial harm (FDA 5-day report)"
          />
        </div>
      </Group>

      <Group legend="Personal data">
        <div className="facts-form__flag">
          <label className="checkbox">
            <input
              type="checkbox"
              className="checkbox__input"
              checked={hasBreach}
              onChange={(event) =>
                b.set('event.personalDataBreach', event.currentTarget.checked ? { ...newBreach } : null)
              }
            />
            <span>A personal data breach</span>
          </label>
          <p className="field__hint">Unticking removes the breach's details.</p>
        </div>
        {hasBreach ? (
          <>
            <div className="form__row">
              <FactCount b={b} path="event.personalDataBreach.individuals" label="Individuals affected" />
              <FactSelect
                b={b}
                path="event.personalDataBreach.riskToIndividuals"
                label="Risk to individuals (GDPR)"
                options={riskOptions}
              />
              <FactResidents
                b={b}
                path="event.personalDataBreach.residentsByState"
                label="Residents by US state"
                hint="HIPAA media notice: CA=700, NY=20."
              />
            </div>
            <FactFlag
              b={b}
              path="event.personalDataBreach.unsecuredPhi"
              label="Unsecured protected health information (HIPAA)"
            />
          </>
        ) : null}
      </Group>

      <Group legend="FDA">
        <div className="form__row">
          <FactInstant
            b={b}
            path="event.fda.correctionInitiatedAt"
            label="Correction or removal initiated at"
            hint="21 CFR 806: when it began (your local time)."
            optional
          />
          <div className="facts-form__flags">
            <FactFlag
              b={b}
              path="event.fda.riskControlled"
              label="Residual risk of patient harm is controlled"
            />
            <FactFlag
              b={b}
              path="event.fda.seriousAdverseEventKnown"
              label="A serious adverse event or death is known to be tied to it"
            />
          </div>
        </div>
      </Group>
    </>
  );
}
