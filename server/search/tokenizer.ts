import { invalidParameter, type MlflowError } from '@/server/errors';

/**
 * Lexer for MLflow's search DSL. It knows nothing about entities or keys; it only splits the text
 * into words, quoted strings, numbers and operators, keeping each token's position for messages.
 */
export type TokenKind =
  | 'word' // unquoted identifier or keyword; may contain dots (`metrics.rmse`, `tags.`)
  | 'backtick' // `...`  (identifiers only)
  | 'dquote' // "..."  (identifier or string value)
  | 'squote' // '...'  (identifier or string value)
  | 'number'
  | 'op' // = != < <= > >=
  | 'lparen'
  | 'rparen'
  | 'comma'
  | 'dot' // a dot standing alone, as in `tags`.`key`
  | 'end';

export interface Token {
  kind: TokenKind;
  /** The source text of the token, quotes included. */
  text: string;
  /** Quoted tokens: the unescaped content. Others: same as `text`. */
  value: string;
  /** 0-based offset in the source. */
  pos: number;
}

/** Builds the INVALID_PARAMETER_VALUE error for a problem at `pos` in what is being parsed. */
export type ErrorAt = (pos: number, message: string) => MlflowError;

/** `Invalid <what> at character N: <message>` (1-based, as people count). */
export function errorAt(what: string): ErrorAt {
  return (pos, message) => invalidParameter(`Invalid ${what} at character ${pos + 1}: ${message}`);
}

const WORD = /[A-Za-z_][A-Za-z0-9_.]*/y;
const NUMBER = /[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/y;
const QUOTES: Record<string, TokenKind> = { '`': 'backtick', '"': 'dquote', "'": 'squote' };

export function tokenize(source: string, fail: ErrorAt): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, end: number, value?: string) => {
    const text = source.slice(i, end);
    tokens.push({ kind, text, value: value ?? text, pos: i });
    i = end;
  };
  const match = (re: RegExp): number | undefined => {
    re.lastIndex = i;
    return re.exec(source) ? re.lastIndex : undefined;
  };

  while (i < source.length) {
    const ch = source[i];
    if (/\s/.test(ch)) {
      i += 1;
      continue;
    }
    if (ch in QUOTES) {
      const [end, value] = readQuoted(source, i, fail);
      push(QUOTES[ch], end, value);
      continue;
    }
    const numberEnd = match(NUMBER);
    if (numberEnd !== undefined) {
      push('number', numberEnd);
      continue;
    }
    const wordEnd = match(WORD);
    if (wordEnd !== undefined) {
      push('word', wordEnd);
      continue;
    }
    const two = source.slice(i, i + 2);
    if (two === '!=' || two === '<=' || two === '>=') push('op', i + 2);
    else if (two === '==') throw fail(i, "'==' is not an operator; use '=' to test equality.");
    else if (two === '<>') throw fail(i, "'<>' is not an operator; use '!=' to test inequality.");
    else if (ch === '=' || ch === '<' || ch === '>') push('op', i + 1);
    else if (ch === '(') push('lparen', i + 1);
    else if (ch === ')') push('rparen', i + 1);
    else if (ch === ',') push('comma', i + 1);
    else if (ch === '.') push('dot', i + 1);
    else {
      throw fail(
        i,
        `unexpected character '${ch}'. Quote keys that contain special characters with backticks, ` +
          'e.g. metrics.`val-loss`, and quote string values, e.g. \'abc\'.',
      );
    }
  }
  tokens.push({ kind: 'end', text: '', value: '', pos: source.length });
  return tokens;
}

/**
 * Reads a quoted token starting at `start`. Inside it, a doubled quote or a backslash before the
 * quote stands for the quote itself and `\\` for one backslash (the escapes SQL tokenizers such as
 * sqlparse accept); every other character, other backslashes included, is taken as written.
 */
function readQuoted(source: string, start: number, fail: ErrorAt): [end: number, value: string] {
  const quote = source[start];
  let value = '';
  let i = start + 1;
  while (i < source.length) {
    const ch = source[i];
    const next = source[i + 1];
    if (ch === quote) {
      if (next === quote) {
        value += quote;
        i += 2;
        continue;
      }
      return [i + 1, value];
    }
    if (ch === '\\' && quote !== '`' && (next === quote || next === '\\')) {
      value += next;
      i += 2;
      continue;
    }
    value += ch;
    i += 1;
  }
  throw fail(start, `unterminated quoted text starting with ${quote}; close it with a matching ${quote}.`);
}
