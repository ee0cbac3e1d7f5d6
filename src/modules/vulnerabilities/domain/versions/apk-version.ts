/**
 * Alpine (apk) version ordering, a port of apk-tools 2.x src/version.c (`apk_version_compare_blob`,
 * `get_token`, `next_token`): `number{.number}…{letter}{_suffix{number}}…{-r#}` read as a token stream.
 * Suffixes `_alpha _beta _pre _rc` sort before the bare version, `_cvs _svn _git _hg _p` after it;
 * a component with leading zeros compares as a decimal fraction; a malformed tail ends the comparison
 * the way apk-tools does (the fixtures' "yes, these are all correct" cases).
 */

enum Token {
  Invalid = -1,
  DigitOrZero = 0,
  Digit = 1,
  Letter = 2,
  Suffix = 3,
  SuffixNumber = 4,
  RevisionNumber = 5,
  End = 6,
}

const preSuffixes = ['alpha', 'beta', 'pre', 'rc'];
const postSuffixes = ['cvs', 'svn', 'git', 'hg', 'p'];
const isLower = (c: string | undefined) => c !== undefined && c >= 'a' && c <= 'z';
const isDigitChar = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

class TokenStream {
  pos = 0;
  type: Token = Token.Digit;
  constructor(private readonly text: string) {}

  /** apk `next_token`: classifies the separator at `pos` and checks the token order is legal. */
  private advanceType(): void {
    const s = this.text;
    const previous = this.type;
    let next = Token.Invalid;
    const c = s[this.pos];
    if (c === undefined || c === '\0') next = Token.End;
    else if ((previous === Token.Digit || previous === Token.DigitOrZero) && isLower(c)) next = Token.Letter;
    else if (previous === Token.Letter && isDigitChar(c)) next = Token.Digit;
    else if (previous === Token.Suffix && isDigitChar(c)) next = Token.SuffixNumber;
    else {
      if (c === '.') next = Token.DigitOrZero;
      else if (c === '_') next = Token.Suffix;
      else if (c === '-' && s[this.pos + 1] === 'r') {
        next = Token.RevisionNumber;
        this.pos++;
      }
      this.pos++;
    }
    if (
      next < previous &&
      !(
        (next === Token.DigitOrZero && previous === Token.Digit) ||
        (next === Token.Suffix && previous === Token.SuffixNumber) ||
        (next === Token.Digit && previous === Token.Letter)
      )
    ) {
      next = Token.Invalid;
    }
    this.type = next;
  }

  /** The value of the current token, without consuming it (apk reads it through a copy `tt`). */
  peek(): bigint {
    const copy = new TokenStream(this.text);
    copy.pos = this.pos;
    copy.type = this.type;
    return copy.read();
  }

  /** apk `get_token`: reads the value of the current token and moves to the next one. */
  read(): bigint {
    const s = this.text;
    if (this.pos >= s.length) {
      this.type = Token.End;
      return 0n;
    }
    let value = 0n;
    let length = 0;
    let nextType: Token | null = null;
    switch (this.type) {
      case Token.DigitOrZero:
      case Token.Digit:
      case Token.SuffixNumber:
      case Token.RevisionNumber: {
        if (this.type === Token.DigitOrZero && s[this.pos] === '0') {
          // Leading zeros: "1.01" < "1.1"; the digits after them form a separate Digit token.
          while (s[this.pos + length] === '0') length++;
          value = BigInt(-length);
          nextType = Token.Digit;
          break;
        }
        while (isDigitChar(s[this.pos + length])) length++;
        value = length > 0 ? BigInt(s.slice(this.pos, this.pos + length)) : 0n;
        break;
      }
      case Token.Letter:
        value = BigInt(s.charCodeAt(this.pos));
        length = 1;
        break;
      case Token.Suffix: {
        const rest = s.slice(this.pos);
        const pre = preSuffixes.findIndex((x) => rest.startsWith(x));
        const post = postSuffixes.findIndex((x) => rest.startsWith(x));
        if (pre >= 0) {
          value = BigInt(pre - preSuffixes.length);
          length = preSuffixes[pre]?.length ?? 0;
        } else if (post >= 0) {
          value = BigInt(post);
          length = postSuffixes[post]?.length ?? 0;
        } else {
          this.type = Token.Invalid;
          return -1n;
        }
        break;
      }
      default:
        this.type = Token.Invalid;
        return -1n;
    }
    this.pos += length;
    if (this.pos >= s.length) this.type = Token.End;
    else if (nextType !== null) this.type = nextType;
    else this.advanceType();
    return value;
  }
}

/** True when apk-tools' `apk_version_validate` accepts `version`. */
export function isAlpineVersion(version: string): boolean {
  if (version === '') return false;
  const stream = new TokenStream(version);
  while (stream.type !== Token.End && stream.type !== Token.Invalid) stream.read();
  return stream.type === Token.End;
}

/** Orders two apk versions exactly as apk-tools 2.x `apk_version_compare` (never throws). */
export function compareAlpine(a: string, b: string): number {
  const x = new TokenStream(a);
  const y = new TokenStream(b);
  let av = 0n;
  let bv = 0n;
  while (x.type === y.type && x.type !== Token.End && x.type !== Token.Invalid && av === bv) {
    av = x.read();
    bv = y.read();
  }
  if (av !== bv) return av < bv ? -1 : 1;
  if (x.type === y.type) return 0;
  // Equal so far: the longer version is newer unless what follows is a pre-release suffix.
  if (x.type === Token.Suffix && x.peek() < 0n) return -1;
  if (y.type === Token.Suffix && y.peek() < 0n) return 1;
  if (x.type > y.type) return -1;
  if (y.type > x.type) return 1;
  return 0;
}
