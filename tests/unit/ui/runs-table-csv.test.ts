import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from '@/components/runs-table/csv';

describe('runs table CSV', () => {
  it('writes RFC 4180 rows: CRLF endings, quotes doubled, fields with commas or line breaks quoted', () => {
    const text = toCsv(['name', 'note'], [
      ['a,b', 'say "hi"'],
      ['line\nbreak', 'cr\rhere'],
      ['plain', null],
    ]);
    expect(text).toBe('name,note\r\n"a,b","say ""hi"""\r\n"line\nbreak","cr\rhere"\r\nplain,\r\n');
  });

  it('neutralises cells a spreadsheet would evaluate as a formula', () => {
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvField('+cmd')).toBe("'+cmd");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tx')).toBe("'\tx");
  });

  it('keeps numbers and numeric text unprefixed, including negatives and exponents', () => {
    expect(csvField(-0.5)).toBe('-0.5');
    expect(csvField('-0.5')).toBe('-0.5');
    expect(csvField('+3')).toBe('+3');
    expect(csvField('-1e-5')).toBe('-1e-5');
    expect(csvField(Number.NaN)).toBe('NaN');
    expect(csvField(Number.POSITIVE_INFINITY)).toBe('Infinity');
    expect(csvField(Number.NEGATIVE_INFINITY)).toBe('-Infinity');
    expect(csvField(0)).toBe('0');
  });

  it('leaves ordinary text and empty values alone', () => {
    expect(csvField('xgboost-v3')).toBe('xgboost-v3');
    expect(csvField('')).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(true)).toBe('true');
  });
});
