import type { ReactNode } from 'react';

interface PageHeaderProps {
  title: ReactNode;
  /** A small line above the title: the section or the organisation. */
  eyebrow?: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  meta?: ReactNode;
}

/** The page's h1. It takes focus after client-side navigation (see app/route-focus.ts). */
export function PageHeader({ title, eyebrow, description, actions, meta }: PageHeaderProps) {
  return (
    <header className="page-header">
      <div className="page-header__text">
        {eyebrow ? <p className="page-header__eyebrow">{eyebrow}</p> : null}
        <h1 className="page-header__title" tabIndex={-1} data-page-title>
          {title}
        </h1>
        {meta ? <div className="page-header__meta">{meta}</div> : null}
        {description ? <p className="page-header__description">{description}</p> : null}
      </div>
      {actions ? <div className="page-header__actions">{actions}</div> : null}
    </header>
  );
}
