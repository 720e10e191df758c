import { describe, expect, it } from 'vitest';
import { MlflowError } from '@/server/errors';
import {
  LIMITS,
  validateExperimentId,
  validateLength,
  validateMaxResults,
  validateMetric,
  validateName,
  validateParam,
  validateRunId,
  validateRunTag,
} from '@/server/services/validation';

function invalid(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(MlflowError);
    expect((e as MlflowError).code).toBe('INVALID_PARAMETER_VALUE');
    expect((e as MlflowError).status).toBe(400);
    return (e as MlflowError).message;
  }
  throw new Error('expected INVALID_PARAMETER_VALUE');
}

describe('limits', () => {
  it('match MLflow 3 (reference §3.1 and §3.4)', () => {
    expect(LIMITS).toMatchObject({
      keyLength: 250,
      paramValueLength: 6000,
      runTagValueLength: 8000,
      experimentNameLength: 500,
      experimentTagKeyLength: 250,
      experimentTagValueLength: 5000,
      batchMetrics: 1000,
      batchParams: 100,
      batchTags: 100,
      batchTotal: 1000,
      batchBodyBytes: 1_000_000,
      searchMaxResults: 50_000,
    });
  });
});

describe('validateName', () => {
  it('accepts letters, digits, _ - . space / and :', () => {
    for (const name of ['loss', 'val/acc', 'a_b-c.d e', 'ns:metric', 'a.b/c:d_e-f 1', 'x.']) {
      expect(validateName('metric', name)).toBe(name);
    }
  });

  it('refuses other characters, naming the name and the allowed set', () => {
    for (const name of ['a$b', 'ü', 'a\\b', 'a\tb', 'tab?', 'a*b']) {
      const message = invalid(() => validateName('metric', name));
      expect(message).toContain(`Invalid metric name: '${name}'`);
      expect(message).toContain('alphanumerics');
    }
  });

  it('refuses names that POSIX path normalisation would change', () => {
    for (const name of ['a//b', './a', 'a/./b', 'a/../b', 'a/..', '/a', '.', 'a/.']) {
      invalid(() => validateName('param', name));
    }
  });

  it('refuses names with a trailing slash (Node keeps it when normalising, a POSIX normpath does not)', () => {
    invalid(() => validateName('param', 'a/'));
    invalid(() => validateName('param', 'a/b/'));
  });

  it('refuses `..` and names that climb out with `../`', () => {
    invalid(() => validateName('param', '..'));
    invalid(() => validateName('param', '../a'));
  });

  it('says a missing or empty name is missing', () => {
    expect(invalid(() => validateName('tag', undefined))).toMatch(/^Missing value for required parameter 'tag'/);
    expect(invalid(() => validateName('tag', ''))).toMatch(/^Missing value/);
  });

  it('allows 250 characters and refuses 251, giving the length and the limit', () => {
    expect(validateName('metric', 'k'.repeat(250))).toHaveLength(250);
    const message = invalid(() => validateName('metric', 'k'.repeat(251)));
    expect(message).toContain('length 251');
    expect(message).toContain('limit of 250');
  });

  it('applies a custom maximum', () => {
    expect(validateName('tag', 'k'.repeat(10), 10)).toHaveLength(10);
    invalid(() => validateName('tag', 'k'.repeat(11), 10));
  });
});

describe('validateParam', () => {
  it('accepts a value of up to 6000 characters, including empty', () => {
    expect(validateParam({ key: 'lr', value: '' })).toEqual({ key: 'lr', value: '' });
    expect(validateParam({ key: 'lr', value: 'v'.repeat(6000) }).value).toHaveLength(6000);
  });

  it('refuses a value of 6001 characters and a missing value', () => {
    expect(invalid(() => validateParam({ key: 'lr', value: 'v'.repeat(6001) }))).toContain('exceeded length limit of 6000');
    expect(invalid(() => validateParam({ key: 'lr' }))).toContain("'lr'");
  });

  it('counts characters, not bytes', () => {
    expect(validateParam({ key: 'p', value: 'é'.repeat(6000) }).value).toHaveLength(6000);
  });

  it('checks the key like any name', () => {
    invalid(() => validateParam({ value: 'v' }));
    invalid(() => validateParam({ key: 'a//b', value: 'v' }));
  });
});

describe('validateRunTag', () => {
  it('accepts up to 8000 characters and treats a missing value as empty', () => {
    expect(validateRunTag({ key: 't', value: 'v'.repeat(8000) }).value).toHaveLength(8000);
    expect(validateRunTag({ key: 't' })).toEqual({ key: 't', value: '' });
  });

  it('refuses 8001 characters', () => {
    expect(invalid(() => validateRunTag({ key: 't', value: 'v'.repeat(8001) }))).toContain('exceeded length limit of 8000');
  });

  it('refuses a key over 250 characters', () => {
    invalid(() => validateRunTag({ key: 'k'.repeat(251), value: '' }));
  });
});

describe('validateMetric', () => {
  it('defaults step to 0 and keeps NaN and infinite values', () => {
    expect(validateMetric({ key: 'm', value: 1, timestamp: 0 })).toEqual({ key: 'm', value: 1, timestamp: 0, step: 0 });
    expect(validateMetric({ key: 'm', value: Number.NaN, timestamp: 1, step: 5 }).value).toBeNaN();
    expect(validateMetric({ key: 'm', value: Number.NEGATIVE_INFINITY, timestamp: 1 }).value).toBe(Number.NEGATIVE_INFINITY);
  });

  it('refuses a missing value, a missing timestamp and a negative timestamp', () => {
    expect(invalid(() => validateMetric({ key: 'm', timestamp: 1 }))).toContain("Missing value for metric 'm'");
    expect(invalid(() => validateMetric({ key: 'm', value: 1 }))).toContain("Missing timestamp for metric 'm'");
    expect(invalid(() => validateMetric({ key: 'm', value: 1, timestamp: -1 }))).toContain('must be >= 0');
  });

  it('checks the key', () => {
    invalid(() => validateMetric({ value: 1, timestamp: 1 }));
    invalid(() => validateMetric({ key: '/abs', value: 1, timestamp: 1 }));
  });
});

describe('validateLength', () => {
  it('passes at the limit and fails one over', () => {
    expect(validateLength('x', 'abc', 3)).toBe('abc');
    expect(invalid(() => validateLength('Thing', 'abcd', 3))).toBe('Thing had length 4, which exceeded length limit of 3.');
  });
});

describe('validateMaxResults', () => {
  it('accepts 1 through the limit and refuses 0, negatives and over the limit', () => {
    expect(validateMaxResults(1, 50_000)).toBe(1);
    expect(validateMaxResults(50_000, 50_000)).toBe(50_000);
    for (const n of [0, -1, 50_001]) {
      expect(invalid(() => validateMaxResults(n, 50_000))).toContain("'max_results'");
    }
  });
});

describe('ids', () => {
  it('experiment ids: alphanumeric first, then word characters and dashes, up to 64', () => {
    for (const id of ['0', '123', 'abc-DEF_1', 'a'.repeat(64)]) expect(validateExperimentId(id)).toBe(id);
    for (const id of ['', '-1', '_a', 'a b', 'a/b', 'a'.repeat(65), "1' OR '1"]) invalid(() => validateExperimentId(id));
  });

  it('run ids: the same shape, up to 256', () => {
    for (const id of ['a'.repeat(32), '0f-1_x', 'a'.repeat(256)]) expect(validateRunId(id)).toBe(id);
    for (const id of ['', '-a', 'a.b', '../x', 'a'.repeat(257)]) invalid(() => validateRunId(id));
  });
});
