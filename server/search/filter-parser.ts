import {
  isListOp,
  type Comparison,
  type ComparisonValue,
  type EntityKind,
  type EntityRule,
  type FieldRule,
  type Operator,
  type OrderTerm,
  type SearchGrammar,
} from './grammar';
import { errorAt, tokenize, type ErrorAt, type Token } from './tokenizer';

/**
 * Parser for MLflow search filters (`metrics.rmse < 0.5 AND params.model = 'rf'`) and order_by
 * items (`metrics.rmse DESC`), checked against a `SearchGrammar` (reference §7.0).
 */

const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'IN', 'LIKE', 'ILIKE', 'IS', 'NULL', 'ASC', 'DESC']);
const QUOTED = new Set(['backtick', 'dquote', 'squote']);
const OPERATOR_LIST = '=, !=, <, <=, >, >=, LIKE, ILIKE, IN, NOT IN';

interface Identifier {
  entity: EntityKind;
  key: string;
  rule: EntityRule;
  /** The identifier as written, for messages. */
  text: string;
  pos: number;
}

class TokenStream {
  private index = 0;

  constructor(
    readonly source: string,
    readonly tokens: Token[],
    readonly fail: ErrorAt,
  ) {}

  peek(): Token {
    return this.tokens[this.index];
  }

  next(): Token {
    const token = this.tokens[this.index];
    if (token.kind !== 'end') this.index += 1;
    return token;
  }

  /** The source text between two tokens, for quoting what the user wrote. */
  textBetween(from: Token, to: Token): string {
    return this.source.slice(from.pos, to.pos + to.text.length);
  }
}

const keyword = (token: Token): string | undefined => {
  if (token.kind !== 'word') return undefined;
  const upper = token.value.toUpperCase();
  return KEYWORDS.has(upper) ? upper : undefined;
};

/** A token as messages show it; quoted tokens already carry their quotes. */
const describe = (token: Token): string => {
  if (token.kind === 'end') return 'the end of the text';
  return QUOTED.has(token.kind) ? token.text : `'${token.text}'`;
};

/** Parses a filter into its comparisons. Empty or blank means no comparisons (match everything). */
export function parseFilter(filter: string | null | undefined, grammar: SearchGrammar): Comparison[] {
  if (!filter || filter.trim() === '') return [];
  const fail = errorAt('filter');
  const stream = new TokenStream(filter, tokenize(filter, fail), fail);
  const comparisons: Comparison[] = [];
  for (;;) {
    comparisons.push(parseComparison(stream, grammar));
    const after = stream.next();
    if (after.kind === 'end') return comparisons;
    const word = keyword(after);
    if (word === 'AND') {
      if (stream.peek().kind === 'end') throw fail(after.pos, "'AND' must be followed by another comparison.");
      continue;
    }
    if (word === 'OR') {
      throw fail(after.pos, "'OR' is not supported; search filters can only combine comparisons with AND.");
    }
    throw fail(after.pos, `expected AND or the end of the filter after a comparison, found ${describe(after)}.`);
  }
}

/** Parses order_by items: `<identifier> [ASC|DESC]`, ascending by default. */
export function parseOrderBy(items: readonly string[] | null | undefined, grammar: SearchGrammar): OrderTerm[] {
  return (items ?? []).map((item) => parseOrderItem(item, grammar));
}

function parseOrderItem(item: string, grammar: SearchGrammar): OrderTerm {
  const fail = errorAt(`order_by item "${item}"`);
  const stream = new TokenStream(item, tokenize(item, fail), fail);
  if (stream.peek().kind === 'end') {
    throw fail(0, `the item is empty; expected ${sortableSummary(grammar)} with an optional ASC or DESC.`);
  }
  const id = parseIdentifier(stream, grammar, 'order_by');
  let ascending = true;
  const direction = stream.next();
  const dirWord = keyword(direction);
  if (dirWord === 'ASC' || dirWord === 'DESC') {
    ascending = dirWord === 'ASC';
    const extra = stream.next();
    if (extra.kind !== 'end') {
      const repeated = keyword(extra) === 'ASC' || keyword(extra) === 'DESC';
      throw fail(
        extra.pos,
        repeated
          ? `only one direction (ASC or DESC) is allowed per item, found a second one ${describe(extra)}.`
          : `expected nothing after ${describe(direction)}, found ${describe(extra)}.`,
      );
    }
  } else if (direction.kind !== 'end') {
    throw fail(
      direction.pos,
      `expected ASC, DESC or the end of the item after '${id.text}', found ${describe(direction)}. ` +
        'Quote keys that contain spaces with backticks, e.g. tags.`my key`.',
    );
  }
  return { entity: id.entity, key: id.key, ascending };
}

function parseComparison(stream: TokenStream, grammar: SearchGrammar): Comparison {
  const id = parseIdentifier(stream, grammar, 'filter');
  const field = fieldRule(stream, id);
  const opToken = stream.peek();
  const op = parseOperator(stream, id);
  if (!field.ops.includes(op)) {
    throw stream.fail(
      opToken.pos,
      `operator '${op}' is not supported for '${id.text}'; use one of ${field.ops.join(', ')}.`,
    );
  }
  const value = parseValue(stream, id, op, field);
  return { entity: id.entity, key: id.key, op, value };
}

/**
 * Reads `<entity>.<key>` or a bare `<key>` (an attribute). Accepted spellings: `metrics.rmse`,
 * `metrics.a.b` (key `a.b`), ``tags.`my key` ``, `params."lr-x"`, `` `tags`.`k` ``, `"Run name"`.
 */
function parseIdentifier(stream: TokenStream, grammar: SearchGrammar, context: 'filter' | 'order_by'): Identifier {
  const first = stream.next();
  const fail = stream.fail;
  let prefix: string | undefined;
  let key: string;
  let last = first;

  if (first.kind === 'word' && !keyword(first)) {
    const dot = first.value.indexOf('.');
    if (dot === -1) {
      key = first.value;
    } else {
      prefix = first.value.slice(0, dot);
      key = first.value.slice(dot + 1);
      if (key === '') {
        last = stream.next();
        if (!QUOTED.has(last.kind)) {
          throw fail(last.pos, `expected a key after '${first.text}', found ${describe(last)}.`);
        }
        key = last.value;
      }
    }
  } else if (first.kind === 'backtick') {
    key = first.value;
    if (stream.peek().kind === 'dot') {
      stream.next();
      last = stream.next();
      if (last.kind !== 'word' && !QUOTED.has(last.kind)) {
        throw fail(last.pos, `expected a key after '${first.text}.', found ${describe(last)}.`);
      }
      prefix = first.value;
      key = last.value;
    }
  } else if (first.kind === 'dquote' || first.kind === 'squote') {
    key = first.value;
  } else {
    throw fail(first.pos, unexpectedStart(first, context));
  }

  const text = stream.textBetween(first, last);
  if (key === '') throw fail(first.pos, `the key in '${text}' is empty.`);

  let entity: EntityKind = 'attribute';
  if (prefix !== undefined) {
    const found = grammar.prefixes[prefix.toLowerCase()];
    if (!found || !grammar.entities[found]) {
      throw fail(first.pos, `unknown entity type '${prefix}' in '${text}'; expected one of ${prefixSummary(grammar)}.`);
    }
    entity = found;
  }
  const rule = grammar.entities[entity] as EntityRule;
  const written = key;
  key = rule.aliases?.[key] ?? key;

  if (context === 'order_by') {
    const sortable = rule.sortable;
    if (!sortable || (sortable !== 'any' && !sortable.includes(key))) {
      throw fail(first.pos, `cannot order by '${text}'; expected ${sortableSummary(grammar)}.`);
    }
  } else if (rule.fields && !rule.fields[key]) {
    const what = entity === 'attribute' ? 'attribute' : `${rule.label} key`;
    throw fail(
      first.pos,
      `unknown ${what} '${written}'; expected one of ${Object.keys(rule.fields).join(', ')}` +
        (entity === 'attribute' ? ` or a prefixed key such as ${keyedExamples(grammar)}.` : '.'),
    );
  }
  return { entity, key, rule, text, pos: first.pos };
}

function unexpectedStart(token: Token, context: 'filter' | 'order_by'): string {
  const word = keyword(token);
  if (word === 'NOT') return "'NOT' is only supported as part of 'NOT IN'.";
  if (token.kind === 'lparen') return 'parentheses for grouping are not supported; combine comparisons with AND only.';
  const expected = context === 'filter' ? 'a comparison such as metrics.rmse < 0.5' : 'a key to order by';
  return `expected ${expected}, found ${describe(token)}.`;
}

function fieldRule(stream: TokenStream, id: Identifier): FieldRule {
  const rule = id.rule.fields ? id.rule.fields[id.key] : id.rule.anyKey;
  if (!rule) throw stream.fail(id.pos, `'${id.text}' cannot be used in a filter.`);
  return rule;
}

function parseOperator(stream: TokenStream, id: Identifier): Operator {
  const token = stream.next();
  if (token.kind === 'op') return token.value as Operator;
  const word = keyword(token);
  if (word === 'LIKE' || word === 'ILIKE' || word === 'IN') return word;
  if (word === 'NOT') {
    const next = stream.next();
    if (keyword(next) === 'IN') return 'NOT IN';
    throw stream.fail(token.pos, `'NOT' is only supported as part of 'NOT IN', found 'NOT' followed by ${describe(next)}.`);
  }
  if (word === 'IS') throw stream.fail(token.pos, `'IS' / IS NULL comparisons are not supported; use one of ${OPERATOR_LIST}.`);
  throw stream.fail(
    token.pos,
    `expected an operator (${OPERATOR_LIST}) after '${id.text}', found ${describe(token)}. ` +
      'Quote keys that contain spaces or special characters with backticks, e.g. tags.`my key`.',
  );
}

function parseValue(stream: TokenStream, id: Identifier, op: Operator, field: FieldRule): ComparisonValue {
  const token = stream.next();
  const fail = stream.fail;
  const shape = isListOp(op) ? "a parenthesised list of quoted strings, e.g. ('a', 'b')" : valueShape(field);
  if (token.kind === 'end') throw fail(token.pos, `expected ${shape} after '${id.text} ${op}'.`);

  if (isListOp(op)) {
    if (token.kind !== 'lparen') throw fail(token.pos, `'${op}' expects ${shape}, found ${describe(token)}.`);
    return parseList(stream, token);
  }
  if (token.kind === 'lparen') {
    throw fail(token.pos, `a list is only allowed with IN or NOT IN; '${id.text} ${op}' expects ${shape}.`);
  }
  if (field.type === 'number') {
    if (token.kind === 'number') return Number(token.value);
    throw fail(token.pos, `'${id.text}' is numeric and expects ${shape}, found ${describe(token)}.`);
  }
  if (token.kind === 'squote' || token.kind === 'dquote') return token.value;
  if (token.kind === 'number' || (token.kind === 'word' && !keyword(token))) {
    throw fail(token.pos, `'${id.text}' expects ${shape}, found ${describe(token)}; write '${token.text}' instead.`);
  }
  if (token.kind === 'backtick') {
    throw fail(token.pos, `backticks quote keys, not values; write '${token.value}' instead of ${token.text}.`);
  }
  throw fail(token.pos, `'${id.text}' expects ${shape}, found ${describe(token)}.`);
}

function parseList(stream: TokenStream, open: Token): string[] {
  const fail = stream.fail;
  const items: string[] = [];
  if (stream.peek().kind === 'rparen') throw fail(open.pos, 'the list is empty; IN and NOT IN need at least one value.');
  for (;;) {
    const item = stream.next();
    if (item.kind !== 'squote' && item.kind !== 'dquote') {
      throw fail(item.pos, `list items must be quoted strings such as 'a', found ${describe(item)}.`);
    }
    items.push(item.value);
    const sep = stream.next();
    if (sep.kind === 'rparen') return items;
    if (sep.kind !== 'comma') throw fail(sep.pos, `expected ',' or ')' in the list, found ${describe(sep)}.`);
  }
}

const valueShape = (field: FieldRule): string =>
  field.type === 'number' ? 'a number such as 0.5' : "a quoted string such as 'abc'";

function prefixSummary(grammar: SearchGrammar): string {
  return `the prefixes ${Object.keys(grammar.prefixes).join(', ')}`;
}

function keyedExamples(grammar: SearchGrammar): string {
  const labels = Object.values(grammar.entities)
    .filter((rule) => rule.anyKey)
    .map((rule) => `${rule.label}.<key>`);
  return labels.length ? labels.join(', ') : 'none';
}

function sortableSummary(grammar: SearchGrammar): string {
  const parts: string[] = [];
  for (const rule of Object.values(grammar.entities)) {
    if (rule.sortable === 'any') parts.push(`${rule.label}.<key>`);
  }
  const attrs = grammar.entities.attribute.sortable;
  if (Array.isArray(attrs)) parts.push(`one of the attributes ${attrs.join(', ')}`);
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} or ${parts.at(-1)}` : parts.join('');
}
