import { useEffect } from 'react';

/** "Page · Candor", so tabs, history and screen readers name the page. */
export function useDocumentTitle(title: string | null): void {
  useEffect(() => {
    if (title !== null) document.title = title ? `${title} · Candor` : 'Candor';
  }, [title]);
}
