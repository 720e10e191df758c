import { describe, expect, it } from 'vitest';
import { ancestorsOf, baseName, extensionOf, looksBinary, previewKind, truncatedNotice } from '@/components/artifacts/preview-kind';

describe('artifact preview choice', () => {
  it('chooses a preview by extension, and MLmodel by name', () => {
    expect(previewKind('model/MLmodel', 900)).toBe('mlmodel');
    expect(previewKind('plots/loss.PNG', 10)).toBe('image');
    expect(previewKind('plots/diagram.svg', 10)).toBe('image');
    expect(previewKind('metrics.json', 10)).toBe('json');
    expect(previewKind('conf/a.yml', 10)).toBe('yaml');
    expect(previewKind('conda.yaml', 10)).toBe('yaml');
    expect(previewKind('data/t.csv', 10)).toBe('csv');
    expect(previewKind('data/t.tsv', 10)).toBe('tsv');
    expect(previewKind('README.md', 10)).toBe('markdown');
    for (const name of ['a.txt', 'train.log', 'x.py', 'run.sh', 'page.html', 'a.xml', 'setup.cfg', 'p.toml', 'a.ini']) {
      expect(previewKind(name, 5_000_000_000)).toBe('text');
    }
  });

  it('tries unknown files as text only when small, never known binary formats', () => {
    expect(previewKind('LICENSE', 1000)).toBe('text');
    expect(previewKind('weird.ext', 10)).toBe('text');
    expect(previewKind('weird.ext', 50_000_000)).toBe('none');
    expect(previewKind('weird.ext')).toBe('none');
    expect(previewKind('model.pkl', 10)).toBe('none');
    expect(previewKind('weights.safetensors', 10)).toBe('none');
  });

  it('names and extensions', () => {
    expect(baseName('a/b/c.txt')).toBe('c.txt');
    expect(baseName('top')).toBe('top');
    expect(extensionOf('.env')).toBe('');
    expect(extensionOf('a.tar.GZ')).toBe('gz');
    expect(ancestorsOf('a/b/c.txt')).toEqual(['a', 'a/b']);
    expect(ancestorsOf('c.txt')).toEqual([]);
  });

  it('takes NUL bytes or mostly undecodable bytes for binary content', () => {
    expect(looksBinary('PK\u0003\u0004\u0000\u0000abc')).toBe(true);
    expect(looksBinary('\uFFFD\uFFFD\uFFFDab')).toBe(true);
    expect(looksBinary('plain text, accents: é ü — fine\n')).toBe(false);
    expect(looksBinary('')).toBe(false);
  });

  it('words the truncation notice with both sizes', () => {
    expect(truncatedNotice(256 * 1024, 1.2 * 1024 ** 3)).toBe('Showing the first 256 KB of 1.2 GB — download for the whole file');
  });
});
