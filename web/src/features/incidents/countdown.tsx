import { useEffect, useState } from 'react';
import { Badge } from '../../components/badge.tsx';
import {
  countdownText,
  formatInZone,
  localTimeZone,
  type Urgency,
  urgencyText,
  urgencyTone,
} from './urgency.ts';

/** The time now, updated every `intervalMs` while the component is shown. */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/**
 * The time left to a deadline, ticking every second. A timer role keeps screen readers from reading
 * every tick (its live region is off); the text is there when the reader gets to it.
 */
export function Countdown({ dueAt }: { dueAt: string }) {
  const now = useNow(1000);
  const text = countdownText(dueAt, now);
  return (
    <span role="timer" className="countdown">
      {text}
    </span>
  );
}

export function UrgencyBadge({ urgency, children }: { urgency: Urgency; children?: string }) {
  return (
    <Badge tone={urgencyTone[urgency]} label="Urgency">
      {children ?? urgencyText[urgency]}
    </Badge>
  );
}

/** A deadline in the jurisdiction's zone and in the user's, each labelled with its zone. */
export function DueTimes({ dueAt, timeZone }: { dueAt: string; timeZone: string }) {
  const local = localTimeZone();
  return (
    <span className="due-times">
      <span>
        <time dateTime={dueAt}>{formatInZone(dueAt, timeZone)}</time>{' '}
        <span className="muted">({timeZone})</span>
      </span>
      {local !== timeZone ? (
        <span>
          <time dateTime={dueAt}>{formatInZone(dueAt, local)}</time>{' '}
          <span className="muted">(your time, {local})</span>
        </span>
      ) : (
        <span className="muted">(also your time zone)</span>
      )}
    </span>
  );
}
