import { type ReactNode, useId } from 'react';

interface CardProps {
  /** Makes the card a labelled region with an h2. */
  title?: string;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  id?: string;
  className?: string;
}

export function Card({ title, description, actions, children, id, className }: CardProps) {
  const headingId = useId();
  const body = (
    <>
      {title ? (
        <div className="card__header">
          <div>
            <h2 className="card__title" id={headingId}>
              {title}
            </h2>
            {description ? <p className="card__description">{description}</p> : null}
          </div>
          {actions ? <div className="card__actions">{actions}</div> : null}
        </div>
      ) : null}
      {children}
    </>
  );
  const classNames = ['card', className].filter(Boolean).join(' ');
  return title ? (
    <section className={classNames} aria-labelledby={headingId} id={id}>
      {body}
    </section>
  ) : (
    <div className={classNames} id={id}>
      {body}
    </div>
  );
}
