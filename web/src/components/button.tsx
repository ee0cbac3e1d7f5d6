import type { ButtonHTMLAttributes } from 'react';
import { Link, type LinkProps } from 'react-router-dom';

type Variant = 'primary' | 'secondary' | 'quiet' | 'danger';

interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: Variant;
  size?: 'medium' | 'small';
  /** While a request is under way: disabled, and says so to assistive technology. */
  busy?: boolean;
}

function classes(variant: Variant, size: 'medium' | 'small', extra?: string): string {
  return ['button', `button--${variant}`, size === 'small' ? 'button--small' : null, extra]
    .filter(Boolean)
    .join(' ');
}

export function Button({
  variant = 'primary',
  size = 'medium',
  busy = false,
  type = 'button',
  className,
  disabled,
  children,
  ...props
}: ButtonProps) {
  return (
    <button
      {...props}
      type={type}
      className={classes(variant, size, className)}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
    >
      {busy ? <span className="button__spinner" aria-hidden="true" /> : null}
      {children}
    </button>
  );
}

/** A link that looks like a button: for navigation, never for actions. */
export function ButtonLink({
  variant = 'primary',
  size = 'medium',
  className,
  ...props
}: LinkProps & { variant?: Variant; size?: 'medium' | 'small' }) {
  return <Link {...props} className={classes(variant, size, className)} />;
}
