import { describe, expect, it } from 'vitest';
import { MlflowError } from '@/server/errors';
import { parseStage, parseVersion, validateAlias, validateRegistryTag } from '@/server/services/registry/registry-validation';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as MlflowError).code;
  }
  return 'no error';
};

describe('registry validation', () => {
  it.each(['champion', 'challenger', 'v1-candidate', 'prod_2', 'A-b_9'])('accepts the alias %j', (alias) => {
    expect(validateAlias(alias)).toBe(alias);
  });

  it.each(['latest', 'LATEST', 'v1', 'V12', '', 'with space', 'a/b', 'x'.repeat(256)])('refuses the alias %j', (alias) => {
    expect(codeOf(() => validateAlias(alias))).toBe('INVALID_PARAMETER_VALUE');
  });

  it('reads versions as positive integers given as strings or numbers', () => {
    expect(parseVersion('3')).toBe(3);
    expect(parseVersion(7)).toBe(7);
    for (const bad of ['0', '-1', '1.5', 'one', '', undefined]) {
      expect(codeOf(() => parseVersion(bad))).toBe('INVALID_PARAMETER_VALUE');
    }
  });

  it('reads stages case-insensitively into their canonical spelling', () => {
    expect(parseStage('staging')).toBe('Staging');
    expect(parseStage('PRODUCTION')).toBe('Production');
    expect(parseStage('none')).toBe('None');
    expect(codeOf(() => parseStage('live'))).toBe('INVALID_PARAMETER_VALUE');
  });

  it('allows registry tag values up to 100,000 characters and no more', () => {
    expect(validateRegistryTag({ key: 'k', value: 'x'.repeat(100_000) }).value).toHaveLength(100_000);
    expect(codeOf(() => validateRegistryTag({ key: 'k', value: 'x'.repeat(100_001) }))).toBe('INVALID_PARAMETER_VALUE');
    expect(codeOf(() => validateRegistryTag({ key: 'k'.repeat(251), value: '' }))).toBe('INVALID_PARAMETER_VALUE');
  });
});
