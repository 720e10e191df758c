import { describe, expect, it } from 'vitest';
import { aliasesByVersion, aliasProblem, describeAliasChange, parseSide, planAliasChange, sideKey } from '@/components/registry/alias-logic';

const aliases = [
  { alias: 'challenger', version: '4' },
  { alias: 'champion', version: '3' },
  { alias: 'backup', version: '3' },
];

describe('aliases', () => {
  it('groups aliases by version, sorted', () => {
    const map = aliasesByVersion(aliases);
    expect(map.get('3')).toEqual(['backup', 'champion']);
    expect(map.get('4')).toEqual(['challenger']);
    expect(map.get('1')).toBeUndefined();
  });

  it('plans a move when the alias exists elsewhere and names both versions', () => {
    const c = planAliasChange(aliases, 'champion', '4');
    expect(c).toEqual({ kind: 'move', alias: 'champion', from: '3', version: '4' });
    expect(describeAliasChange(c)).toBe('Move champion from version 3 to version 4?');
  });

  it('plans a new alias, a no-op and a removal', () => {
    expect(describeAliasChange(planAliasChange(aliases, 'staging', '2'))).toBe('Set alias staging on version 2?');
    expect(planAliasChange(aliases, 'champion', '3').kind).toBe('none');
    expect(describeAliasChange({ kind: 'remove', alias: 'backup', from: '3' })).toBe('Remove alias backup from version 3?');
  });

  it('checks alias names like the server does', () => {
    expect(aliasProblem('champion')).toBeNull();
    expect(aliasProblem('prod-2_b')).toBeNull();
    expect(aliasProblem('')).toMatch(/Type an alias/);
    expect(aliasProblem('has space')).toMatch(/letters, digits/);
    expect(aliasProblem('latest')).toMatch(/reserved/);
    expect(aliasProblem('V12')).toMatch(/reserved/);
    expect(aliasProblem('a'.repeat(256))).toMatch(/255/);
  });
});

describe('comparison sides', () => {
  it('reads an alias with the version it points to, or v<n> as a version', () => {
    expect(parseSide('champion', aliases)).toEqual({ kind: 'alias', alias: 'champion', version: '3' });
    expect(parseSide('nope', aliases)).toEqual({ kind: 'alias', alias: 'nope', version: undefined });
    expect(parseSide('v07', aliases)).toEqual({ kind: 'version', version: '7' });
    expect(parseSide('', aliases)).toBeNull();
  });

  it('writes a side back as the URL text', () => {
    expect(sideKey({ kind: 'alias', alias: 'champion', version: '3' })).toBe('champion');
    expect(sideKey({ kind: 'version', version: '7' })).toBe('v7');
  });
});
