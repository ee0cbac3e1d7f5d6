/**
 * Text as its author wrote it: blank lines make paragraphs, single line breaks stay. Rendered as
 * text nodes, never as HTML, so a disclosure cannot inject markup.
 */
export function PlainText({ text, className }: { text: string; className?: string }) {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean);
  return (
    <div className={['plain-text', className].filter(Boolean).join(' ')}>
      {paragraphs.map((paragraph, index) => (
        // Paragraphs have no identity beyond their position in a text that does not change here.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <p key={index}>{paragraph}</p>
      ))}
    </div>
  );
}
