import { describe, expect, test } from 'vitest';
import { MlflowError } from '@/server/errors';
import { parseFilter, parseOrderBy } from '@/server/search/filter-parser';
import { EXPERIMENT_GRAMMAR, RUN_GRAMMAR } from '@/server/search/grammars';

function rejection(run: () => unknown): MlflowError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(MlflowError);
    expect((e as MlflowError).code).toBe('INVALID_PARAMETER_VALUE');
    return e as MlflowError;
  }
  throw new Error('expected the parser to reject the input');
}

const runFilter = (f: string) => parseFilter(f, RUN_GRAMMAR);

describe('filter parser accepts the MLflow grammar', () => {
  test('an empty or blank filter has no comparisons', () => {
    expect(runFilter('')).toEqual([]);
    expect(runFilter('   \n\t')).toEqual([]);
    expect(parseFilter(undefined, RUN_GRAMMAR)).toEqual([]);
  });

  test('comparisons joined with AND in any case', () => {
    expect(runFilter("metrics.rmse < 0.5 and params.model = 'rf' AnD tags.t != \"x\"")).toEqual([
      { entity: 'metric', key: 'rmse', op: '<', value: 0.5 },
      { entity: 'param', key: 'model', op: '=', value: 'rf' },
      { entity: 'tag', key: 't', op: '!=', value: 'x' },
    ]);
  });

  test.each([
    ['metric.a > 1', 'metric'],
    ['metrics.a > 1', 'metric'],
    ["param.a = 'x'", 'param'],
    ["params.a = 'x'", 'param'],
    ["parameter.a = 'x'", 'param'],
    ["parameters.a = 'x'", 'param'],
    ["tag.a = 'x'", 'tag'],
    ["tags.a = 'x'", 'tag'],
    ["dataset.name = 'x'", 'dataset'],
    ["datasets.name = 'x'", 'dataset'],
    ["attribute.status = 'x'", 'attribute'],
    ["attributes.status = 'x'", 'attribute'],
    ["attr.status = 'x'", 'attribute'],
    ["run.status = 'x'", 'attribute'],
    ["status = 'x'", 'attribute'],
  ])('entity prefix in %s', (filter, entity) => {
    expect(runFilter(filter)[0].entity).toBe(entity);
  });

  test('quoted keys and a backticked prefix', () => {
    const keys = [
      "tags.`my key` = 'v'",
      "tags.\"my key\" = 'v'",
      "tags.'my key' = 'v'",
      "`tags`.`my key` = 'v'",
      "`tags`.'my key' = 'v'",
    ].map((f) => runFilter(f)[0]);
    for (const c of keys) expect(c).toEqual({ entity: 'tag', key: 'my key', op: '=', value: 'v' });
    expect(runFilter("params.\"lr-x\" = '1'")[0].key).toBe('lr-x');
    expect(runFilter("tags.`mlflow.parentRunId` = 'abc'")[0].key).toBe('mlflow.parentRunId');
    expect(runFilter('metrics.a.b.c >= 2')[0].key).toBe('a.b.c');
    expect(runFilter('`metrics`.loss > 2')[0]).toEqual({ entity: 'metric', key: 'loss', op: '>', value: 2 });
  });

  test('attribute aliases resolve to the canonical attribute', () => {
    expect(runFilter("`Run Name` = 'a'")[0].key).toBe('run_name');
    expect(runFilter("\"Run name\" = 'a'")[0].key).toBe('run_name');
    expect(runFilter("attributes.`run name` = 'a'")[0].key).toBe('run_name');
    expect(runFilter('created > 5')[0].key).toBe('start_time');
    expect(runFilter('Created > 5')[0].key).toBe('start_time');
  });

  test.each([
    ['1', 1],
    ['-1', -1],
    ['0.25', 0.25],
    ['-0.25', -0.25],
    ['.5', 0.5],
    ['+2', 2],
    ['1e-3', 0.001],
    ['-2.5E+2', -250],
    ['1700000000000', 1_700_000_000_000],
  ])('numeric literal %s', (literal, value) => {
    expect(runFilter(`metrics.x >= ${literal}`)[0].value).toBe(value);
  });

  test('string values: single or double quotes, doubled and backslashed quotes', () => {
    expect(runFilter("params.a = 'it''s'")[0].value).toBe("it's");
    expect(runFilter("params.a = 'it\\'s'")[0].value).toBe("it's");
    expect(runFilter('params.a = "say ""hi"""')[0].value).toBe('say "hi"');
    expect(runFilter("params.a = 'C:\\data'")[0].value).toBe('C:\\data');
    expect(runFilter("params.a = ''")[0].value).toBe('');
    expect(runFilter("params.a = 'x AND y OR z'")[0].value).toBe('x AND y OR z');
  });

  test('operators in any case, lists for IN and NOT IN', () => {
    expect(runFilter("params.a like 'x%'")[0].op).toBe('LIKE');
    expect(runFilter("params.a ILike 'x%'")[0].op).toBe('ILIKE');
    expect(runFilter("run_id in ('a', \"b\")")[0]).toEqual({
      entity: 'attribute',
      key: 'run_id',
      op: 'IN',
      value: ['a', 'b'],
    });
    expect(runFilter("datasets.digest not   IN ('d1')")[0]).toEqual({
      entity: 'dataset',
      key: 'digest',
      op: 'NOT IN',
      value: ['d1'],
    });
    expect(runFilter("metrics.a<=1 and params.b!='x' and metrics.c>=-1")).toHaveLength(3);
  });

  test('experiments grammar: attributes and tags', () => {
    expect(parseFilter("name LIKE 'proj%' AND creation_time > 5 AND tags.owner = 'me'", EXPERIMENT_GRAMMAR)).toEqual([
      { entity: 'attribute', key: 'name', op: 'LIKE', value: 'proj%' },
      { entity: 'attribute', key: 'creation_time', op: '>', value: 5 },
      { entity: 'tag', key: 'owner', op: '=', value: 'me' },
    ]);
  });
});

describe('filter parser rejects what MLflow rejects, saying where and what is expected', () => {
  test.each([
    ['metrics.a < 1 OR metrics.b > 2', /character 15: 'OR' is not supported.*AND/],
    ['NOT metrics.a < 1', /character 1: 'NOT' is only supported as part of 'NOT IN'/],
    ["params.a NOT LIKE 'x'", /'NOT' is only supported as part of 'NOT IN'/],
    ['(metrics.a < 1)', /parentheses for grouping are not supported/],
    ["params.a = 'x' AND (metrics.a < 1)", /character 20: parentheses/],
    ['metrics.a <', /expected a number such as 0.5 after 'metrics.a <'/],
    ['metrics.a', /expected an operator .* after 'metrics.a', found the end/],
    ["params.a = 1", /'params.a' expects a quoted string .* found '1'; write '1' instead/],
    ['params.a = rf', /write 'rf' instead/],
    ['params.a = `rf`', /backticks quote keys, not values/],
    ["metrics.a = 'x'", /'metrics.a' is numeric and expects a number .* found 'x'/],
    ["start_time > '5'", /'start_time' is numeric/],
    ["metrics.a LIKE 'x'", /character 11: operator 'LIKE' is not supported for 'metrics.a'; use one of =, !=, <, <=, >, >=/],
    ["params.a < 'x'", /operator '<' is not supported for 'params.a'; use one of =, !=, LIKE, ILIKE/],
    ["status IN ('a')", /operator 'IN' is not supported for 'status'/],
    ["foo = 'x'", /unknown attribute 'foo'; expected one of run_id, run_name/],
    ["lifecycle_stage = 'active'", /unknown attribute 'lifecycle_stage'/],
    ["experiment_id = '1'", /unknown attribute 'experiment_id'/],
    ["bogus.x = 'a'", /unknown entity type 'bogus' in 'bogus.x'; expected one of the prefixes metric, metrics, param/],
    ["datasets.foo = 'x'", /unknown datasets key 'foo'; expected one of name, digest, context/],
    ['run_id IN ()', /the list is empty/],
    ["run_id IN ('a',)", /list items must be quoted strings .* found '\)'/],
    ['run_id IN (1, 2)', /list items must be quoted strings/],
    ["run_id IN 'a'", /'IN' expects a parenthesised list/],
    ["run_id = ('a')", /a list is only allowed with IN or NOT IN/],
    ["run_id IN ('a' 'b')", /expected ',' or '\)' in the list/],
    ["params.a = 'x' AND", /'AND' must be followed by another comparison/],
    ["params.a = 'x' params.b = 'y'", /character 16: expected AND or the end of the filter .* found 'params.b'/],
    ["params.a = 'x' AND AND params.b = 'y'", /expected a comparison .* found 'AND'/],
    ["params.a = 'unterminated", /character 12: unterminated quoted text/],
    ["params.a == 'x'", /'==' is not an operator; use '='/],
    ["params.a <> 'x'", /'<>' is not an operator; use '!='/],
    ["tags.my key = 'x'", /expected an operator .* after 'tags.my', found 'key'.*backticks/],
    ['metrics.val-loss < 1', /unexpected character '-'/],
    ["params.a IS NULL", /IS NULL comparisons are not supported/],
    ['params.a = NULL', /found 'NULL'/],
    ["tags. = 'x'", /expected a key after 'tags.'/],
    ["tags.`` = 'x'", /the key in 'tags.``' is empty/],
    ["= 'x'", /expected a comparison such as metrics.rmse < 0.5, found '='/],
  ])('%s', (filter, message) => {
    expect(rejection(() => runFilter(filter)).message).toMatch(message);
  });

  test('messages start with what was invalid', () => {
    expect(rejection(() => runFilter('metrics.a < 1 OR metrics.b > 2')).message).toMatch(/^Invalid filter at character/);
  });

  test('the experiments grammar rejects run-only entities and operators', () => {
    expect(rejection(() => parseFilter('metrics.a > 1', EXPERIMENT_GRAMMAR)).message).toMatch(/unknown entity type 'metrics'/);
    expect(rejection(() => parseFilter("tags.a < 'x'", EXPERIMENT_GRAMMAR)).message).toMatch(/operator '<'/);
    expect(rejection(() => parseFilter("experiment_id = '1'", EXPERIMENT_GRAMMAR)).message).toMatch(
      /unknown attribute 'experiment_id'; expected one of name, creation_time, last_update_time/,
    );
  });
});

describe('order_by parser', () => {
  test('identifiers with an optional direction', () => {
    expect(
      parseOrderBy(
        ['metrics.rmse', 'metrics.rmse DESC', 'params.lr asc', '`Run Name` DESC', 'created', 'attributes.end_time desc', 'tags.`my key`'],
        RUN_GRAMMAR,
      ),
    ).toEqual([
      { entity: 'metric', key: 'rmse', ascending: true },
      { entity: 'metric', key: 'rmse', ascending: false },
      { entity: 'param', key: 'lr', ascending: true },
      { entity: 'attribute', key: 'run_name', ascending: false },
      { entity: 'attribute', key: 'start_time', ascending: true },
      { entity: 'attribute', key: 'end_time', ascending: false },
      { entity: 'tag', key: 'my key', ascending: true },
    ]);
    expect(parseOrderBy(undefined, RUN_GRAMMAR)).toEqual([]);
    expect(parseOrderBy(['experiment_id DESC', 'name'], EXPERIMENT_GRAMMAR)).toEqual([
      { entity: 'attribute', key: 'experiment_id', ascending: false },
      { entity: 'attribute', key: 'name', ascending: true },
    ]);
  });

  test.each([
    ['metrics.a ASC DESC', /only one direction \(ASC or DESC\) is allowed per item/],
    ['metrics.a DESC x', /expected nothing after 'DESC', found 'x'/],
    ['metrics.a up', /expected ASC, DESC or the end of the item after 'metrics.a', found 'up'/],
    ['foo', /cannot order by 'foo'; expected metrics.<key>, params.<key>, tags.<key> or one of the attributes run_id/],
    ['datasets.name', /cannot order by 'datasets.name'/],
    ['lifecycle_stage DESC', /cannot order by 'lifecycle_stage'/],
    ['', /the item is empty/],
    ['   ', /the item is empty/],
  ])('rejects %j', (item, message) => {
    const error = rejection(() => parseOrderBy([item], RUN_GRAMMAR));
    expect(error.message).toMatch(message);
    expect(error.message).toContain(`order_by item "${item}"`);
  });

  test('experiments accept only attributes', () => {
    expect(rejection(() => parseOrderBy(['tags.x'], EXPERIMENT_GRAMMAR)).message).toMatch(
      /cannot order by 'tags.x'; expected one of the attributes name, experiment_id, creation_time, last_update_time/,
    );
  });
});
