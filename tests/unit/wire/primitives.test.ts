import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { bool, double, encodeDouble, experimentId, int64, keyValue, protoEnum, repeated } from '@/server/wire/primitives';

const ok = <S extends z.ZodType>(schema: S, v: unknown) => {
  const r = schema.safeParse(v);
  expect(r.success, `expected ${JSON.stringify(v)} to be accepted`).toBe(true);
  return r.data as z.output<S>;
};
const refused = (schema: z.ZodType, v: unknown) => {
  const r = schema.safeParse(v);
  expect(r.success, `expected ${JSON.stringify(v)} to be refused`).toBe(false);
  return r.error!.issues[0].message;
};

describe('int64', () => {
  it('accepts JSON numbers and decimal strings (protobuf JSON allows both)', () => {
    expect(ok(int64, 1700000000000)).toBe(1700000000000);
    expect(ok(int64, '1700000000000')).toBe(1700000000000);
    expect(ok(int64, '-5')).toBe(-5);
    expect(ok(int64, ' 42 ')).toBe(42);
    expect(ok(int64, 0)).toBe(0);
  });

  it('refuses fractions, exponents, words, empty strings and booleans, saying what was expected', () => {
    for (const v of [1.5, '1.5', '1e3', 'abc', '', true, null]) refused(int64, v);
    expect(refused(int64, '1.5')).toContain('expected an integer');
  });

  it('refuses integers beyond the safe range instead of silently rounding them', () => {
    refused(int64, '9007199254740993');
    refused(int64, 2 ** 60);
    expect(ok(int64, String(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
  });
});

describe('double', () => {
  it('accepts JSON numbers and numeric strings', () => {
    expect(ok(double, 0.25)).toBe(0.25);
    expect(ok(double, '0.25')).toBe(0.25);
    expect(ok(double, '-3e2')).toBe(-300);
  });

  it('accepts the protobuf non-finite strings NaN, Infinity and -Infinity', () => {
    expect(ok(double, 'NaN')).toBeNaN();
    expect(ok(double, 'Infinity')).toBe(Number.POSITIVE_INFINITY);
    expect(ok(double, '-Infinity')).toBe(Number.NEGATIVE_INFINITY);
  });

  it('accepts the Python spellings nan, inf and -inf', () => {
    expect(ok(double, 'nan')).toBeNaN();
    expect(ok(double, 'inf')).toBe(Number.POSITIVE_INFINITY);
    expect(ok(double, '-inf')).toBe(Number.NEGATIVE_INFINITY);
  });

  it('refuses booleans, empty strings and words', () => {
    for (const v of [true, false, '', 'abc', '1,5', null]) refused(double, v);
    expect(refused(double, 'abc')).toContain('expected a number');
  });
});

describe('encodeDouble', () => {
  it('keeps finite numbers and writes non-finite ones as the protobuf strings', () => {
    expect(encodeDouble(1.5)).toBe(1.5);
    expect(encodeDouble(-0.0)).toBe(-0);
    expect(encodeDouble(Number.NaN)).toBe('NaN');
    expect(encodeDouble(Number.POSITIVE_INFINITY)).toBe('Infinity');
    expect(encodeDouble(Number.NEGATIVE_INFINITY)).toBe('-Infinity');
  });

  it('round-trips through double for every value', () => {
    for (const v of [0, -2.5, 1e300, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(Object.is(ok(double, encodeDouble(v)), v)).toBe(true);
    }
  });
});

describe('bool', () => {
  it('accepts JSON booleans and true/false strings in any case (Python sends True/False)', () => {
    expect(ok(bool, true)).toBe(true);
    expect(ok(bool, false)).toBe(false);
    expect(ok(bool, 'True')).toBe(true);
    expect(ok(bool, 'false')).toBe(false);
    expect(ok(bool, 'FALSE')).toBe(false);
    expect(ok(bool, ' true ')).toBe(true);
  });

  it('refuses anything else', () => {
    for (const v of ['yes', '1', '', 1, 0, null]) refused(bool, v);
    expect(refused(bool, 'yes')).toContain('expected true or false');
  });
});

describe('repeated', () => {
  const ids = repeated(z.string());

  it('accepts a single value as a one-element list and keeps lists as they are', () => {
    expect(ok(ids, 'a')).toEqual(['a']);
    expect(ok(ids, ['a', 'b'])).toEqual(['a', 'b']);
    expect(ok(ids, [])).toEqual([]);
  });

  it('stays absent when absent, so a default can apply', () => {
    expect(ok(ids.optional(), undefined)).toBeUndefined();
    expect(ok(z.object({ ids: ids.default([]) }), {})).toEqual({ ids: [] });
  });

  it('validates each item', () => {
    refused(repeated(int64), ['1', 'x']);
    expect(ok(repeated(int64), '7')).toEqual([7]);
  });
});

describe('protoEnum', () => {
  const status = protoEnum(['RUNNING', 'FINISHED'], { 1: 'RUNNING', 3: 'FINISHED' });

  it('accepts the value name in any case, and the protobuf number', () => {
    expect(ok(status, 'FINISHED')).toBe('FINISHED');
    expect(ok(status, 'finished')).toBe('FINISHED');
    expect(ok(status, 3)).toBe('FINISHED');
    expect(ok(status, 1)).toBe('RUNNING');
  });

  it('refuses unknown names and numbers, listing the allowed names', () => {
    expect(refused(status, 'DONE')).toContain('expected one of RUNNING, FINISHED');
    refused(status, 2);
  });
});

describe('experimentId', () => {
  it('is a string on the wire; integers from old clients become strings', () => {
    expect(ok(experimentId, '12')).toBe('12');
    expect(ok(experimentId, 12)).toBe('12');
    expect(ok(experimentId, 0)).toBe('0');
  });

  it('refuses fractions and other types', () => {
    for (const v of [1.5, true, null, {}]) refused(experimentId, v);
  });
});

describe('keyValue', () => {
  it('leaves key and value optional so that the services can say which one is missing', () => {
    expect(ok(keyValue, {})).toEqual({});
    expect(ok(keyValue, { key: 'k', value: 'v', extra: 1 })).toEqual({ key: 'k', value: 'v' });
    refused(keyValue, { key: 1 });
  });
});
