import { DomainError } from '../../../../shared/errors.ts';

/** The root element of an XML document, read from its start tag. */
export interface XmlRoot {
  /** Local name, without prefix. */
  localName: string;
  /** Namespace URI bound to the root's prefix (or the default namespace), or null. */
  namespace: string | null;
}

/**
 * Reads the XML prolog up to the root start tag, without a regex and without expanding anything.
 * Any DOCTYPE is refused outright: it is how billion-laughs (nested internal entities) and XXE
 * (external SYSTEM/PUBLIC entities) get in, and no CycloneDX document needs one.
 * @throws DomainError('invalid') on a DOCTYPE, an unterminated prolog construct, or no root element.
 */
export function readXmlRoot(text: string): XmlRoot {
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === 32 || code === 9 || code === 10 || code === 13) {
      i++;
      continue;
    }
    if (text.startsWith('<?', i)) i = skipPast(text, i, '?>');
    else if (text.startsWith('<!--', i)) i = skipPast(text, i, '-->');
    else if (text.startsWith('<!', i)) {
      if (text.slice(i + 2, i + 9).toUpperCase() === 'DOCTYPE') {
        throw new DomainError(
          'invalid',
          'XML documents with a DOCTYPE are refused: entity declarations could expand without bound or read external files',
        );
      }
      throw new DomainError(
        'invalid',
        `XML has an unexpected '<!' declaration before the root element at character ${i}`,
      );
    } else if (text[i] === '<') return readStartTag(text, i);
    else throw new DomainError('invalid', `XML has text before the root element at character ${i}`);
  }
  throw new DomainError('invalid', 'XML document has no root element');
}

function skipPast(text: string, from: number, terminator: string): number {
  const end = text.indexOf(terminator, from + 2);
  if (end === -1)
    throw new DomainError('invalid', `XML ends early: '${terminator}' missing after character ${from}`);
  return end + terminator.length;
}

function isNameEnd(character: string | undefined): boolean {
  return (
    character === undefined ||
    character === ' ' ||
    character === '\t' ||
    character === '\n' ||
    character === '\r' ||
    character === '>' ||
    character === '/' ||
    character === '='
  );
}

function readStartTag(text: string, start: number): XmlRoot {
  let i = start + 1;
  const nameStart = i;
  while (!isNameEnd(text[i])) i++;
  const qualifiedName = text.slice(nameStart, i);
  const attributes = new Map<string, string>();
  while (i < text.length && text[i] !== '>') {
    const character = text[i] as string;
    if (isNameEnd(character)) {
      i++;
      continue;
    }
    const attributeStart = i;
    while (!isNameEnd(text[i])) i++;
    const name = text.slice(attributeStart, i);
    while (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r') i++;
    if (text[i] !== '=') continue;
    i++;
    while (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r') i++;
    const quote = text[i];
    if (quote !== '"' && quote !== "'") break;
    const valueEnd = text.indexOf(quote, i + 1);
    if (valueEnd === -1) break;
    attributes.set(name, text.slice(i + 1, valueEnd));
    i = valueEnd + 1;
  }
  if (text[i] !== '>') throw new DomainError('invalid', 'XML ends early inside the root start tag');
  const colon = qualifiedName.indexOf(':');
  const prefix = colon === -1 ? null : qualifiedName.slice(0, colon);
  const localName = colon === -1 ? qualifiedName : qualifiedName.slice(colon + 1);
  const namespace = attributes.get(prefix === null ? 'xmlns' : `xmlns:${prefix}`) ?? null;
  return { localName, namespace };
}

const predefinedEntities: ReadonlyMap<string, string> = new Map([
  ['lt', '<'],
  ['gt', '>'],
  ['amp', '&'],
  ['quot', '"'],
  ['apos', "'"],
]);

/**
 * Decodes the five predefined XML entities and numeric character references (XML 1.0 §4.6, §4.1).
 * fast-xml-parser runs with `processEntities: false`, so nothing else is ever expanded; an unknown
 * `&name;` is left as written. Linear scan, no regex.
 */
export function decodeXmlText(value: string): string {
  if (!value.includes('&')) return value;
  let out = '';
  let i = 0;
  while (i < value.length) {
    const amp = value.indexOf('&', i);
    if (amp === -1) break;
    out += value.slice(i, amp);
    const semicolon = value.indexOf(';', amp);
    const name = semicolon === -1 || semicolon - amp > 10 ? null : value.slice(amp + 1, semicolon);
    const decoded = name === null ? undefined : decodeReference(name);
    if (decoded === undefined) {
      out += '&';
      i = amp + 1;
    } else {
      out += decoded;
      i = (semicolon as number) + 1;
    }
  }
  return out + value.slice(i);
}

function decodeReference(name: string): string | undefined {
  const named = predefinedEntities.get(name);
  if (named !== undefined) return named;
  if (name[0] !== '#') return undefined;
  const hex = name[1] === 'x' || name[1] === 'X';
  const digits = name.slice(hex ? 2 : 1);
  if (digits === '') return undefined;
  const code = Number.parseInt(digits, hex ? 16 : 10);
  const valid = hex ? /^[0-9a-fA-F]+$/.test(digits) : /^[0-9]+$/.test(digits);
  if (!valid || code > 0x10ffff || code === 0) return undefined;
  return String.fromCodePoint(code);
}
