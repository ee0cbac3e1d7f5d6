import type { ReactNode } from 'react';

type Tone = 'error' | 'success' | 'info';

const icons: Record<Tone, string> = { error: '!', success: '✓', info: 'i' };

/**
 * A message about the page. Errors use role=alert (read at once); the others role=status (read when
 * the reader is idle).
 */
export function Alert({
  tone = 'info',
  title,
  children,
}: {
  tone?: Tone;
  title?: string;
  children?: ReactNode;
}) {
  return (
    <div className={`alert alert--${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <span className="alert__icon" aria-hidden="true">
        {icons[tone]}
      </span>
      <div className="alert__body">
        {title ? <p className="alert__title">{title}</p> : null}
        {children ? <div className="alert__text">{children}</div> : null}
      </div>
    </div>
  );
}
