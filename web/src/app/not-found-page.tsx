import { ButtonLink } from '../components/button.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { useDocumentTitle } from './document-title.ts';

export function NotFoundPage({
  title = 'Page not found',
  text = 'There is nothing at this address. It may have moved, or the link may be mistyped.',
}: {
  title?: string;
  text?: string;
}) {
  useDocumentTitle(title);
  return (
    <>
      <PageHeader title={title} />
      <EmptyState
        title="Nothing here"
        action={
          <ButtonLink to="/" variant="secondary">
            See published disclosures
          </ButtonLink>
        }
      >
        <p>{text}</p>
      </EmptyState>
    </>
  );
}
