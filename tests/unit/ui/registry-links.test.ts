import { describe, expect, it } from 'vitest';
import { defaultComparison, latestVersion, snippet, sortedAliases } from '@/components/registry/model-summary';
import { modelNameFilter, quoteDsl, versionsOfModelFilter } from '@/components/registry/registry-filter';
import { championChallengerHref, decodeParam, lineageHref, loggedModelHref, modelHref, runHref, versionHref } from '@/components/registry/registry-links';

describe('registry links', () => {
  it('encodes every segment built from a model name', () => {
    const name = 'team/a model #1 50%?';
    expect(modelHref(name)).toBe('/models/team%2Fa%20model%20%231%2050%25%3F');
    expect(versionHref(name, '3')).toBe('/models/team%2Fa%20model%20%231%2050%25%3F/versions/3');
    expect(lineageHref('m', '3')).toBe('/models/m/versions/3/lineage');
    expect(decodeParam(modelHref(name).slice('/models/'.length))).toBe(name);
  });

  it('builds the comparison link with alias query parameters', () => {
    expect(championChallengerHref('m', 'champion', 'challenger')).toBe('/models/m/champion-challenger?a=champion&b=challenger');
    expect(championChallengerHref('m')).toBe('/models/m/champion-challenger');
  });

  it('links runs and logged models under their experiment', () => {
    expect(runHref('5', 'abc')).toBe('/experiments/5/runs/abc');
    expect(loggedModelHref('5', 'm-1')).toBe('/experiments/5/models/m-1');
  });

  it('keeps a param that is not valid percent-encoding as it is', () => {
    expect(decodeParam('100%')).toBe('100%');
  });
});

describe('registry filters', () => {
  it('doubles quotes inside DSL strings', () => {
    expect(quoteDsl("it's")).toBe("'it''s'");
    expect(versionsOfModelFilter("bob's model")).toBe("name = 'bob''s model'");
  });

  it('searches names case-insensitively by substring, or not at all for blank text', () => {
    expect(modelNameFilter('  churn ')).toBe("name ILIKE '%churn%'");
    expect(modelNameFilter('   ')).toBeUndefined();
  });
});

describe('model summaries', () => {
  it('finds the highest latest version numerically', () => {
    expect(latestVersion({ latest_versions: [{ name: 'm', version: '9' }, { name: 'm', version: '10' }] })).toBe('10');
    expect(latestVersion({})).toBeUndefined();
  });

  it('orders champion and challenger first and picks them for the comparison', () => {
    const m = { aliases: [{ alias: 'a', version: '1' }, { alias: 'challenger', version: '2' }, { alias: 'champion', version: '3' }] };
    expect(sortedAliases(m).map((a) => a.alias)).toEqual(['champion', 'challenger', 'a']);
    expect(defaultComparison(m)).toEqual(['champion', 'challenger']);
    expect(defaultComparison({ aliases: [{ alias: 'x', version: '1' }] })).toBeNull();
  });

  it('shows the first non-empty line of a description without markdown markers', () => {
    expect(snippet('\n## Churn model\nmore')).toBe('Churn model');
    expect(snippet('**Production.** val_auc 0.89')).toBe('Production. val_auc 0.89');
    expect(snippet('x'.repeat(100), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});
