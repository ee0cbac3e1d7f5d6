import { useId } from 'react';

interface ProgressBarProps {
  label: string;
  /** 0 to `max`; null while the amount is unknown (an indeterminate bar). */
  value: number | null;
  max?: number;
  /** What the numbers mean, in words ("1.2 MB of 2.8 MB"): shown and read with the bar. */
  valueText: string;
}

/** A native progress bar with a visible label and the value as text, so it never relies on the fill. */
export function ProgressBar({ label, value, max = 100, valueText }: ProgressBarProps) {
  const id = useId();
  return (
    <div className="progress">
      <div className="progress__header">
        <label className="progress__label" htmlFor={id}>
          {label}
        </label>
        <span className="progress__value" id={`${id}-text`}>
          {valueText}
        </span>
      </div>
      <progress
        id={id}
        className="progress__bar"
        max={max}
        aria-describedby={`${id}-text`}
        aria-valuetext={valueText}
        {...(value === null ? {} : { value })}
      />
    </div>
  );
}
