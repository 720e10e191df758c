import { describe, expect, it } from 'vitest';
import { delimiterFor, parseDelimited } from '@/components/artifacts/csv';

describe('artifact CSV preview parser', () => {
  it('reads plain records with LF or CRLF line ends', () => {
    expect(parseDelimited('a,b\n1,2\n3,4\n', ',', 10).rows).toEqual([['a', 'b'], ['1', '2'], ['3', '4']]);
    expect(parseDelimited('a,b\r\n1,2\r\n3,4', ',', 10).rows).toEqual([['a', 'b'], ['1', '2'], ['3', '4']]);
  });

  it('keeps delimiters, line breaks and doubled quotes inside quoted fields', () => {
    const text = 'name,note\r\n"Smith, J","said ""hi""\r\nand left"\r\nx,""\r\n';
    expect(parseDelimited(text, ',', 10).rows).toEqual([
      ['name', 'note'],
      ['Smith, J', 'said "hi"\r\nand left'],
      ['x', ''],
    ]);
  });

  it('keeps empty fields and a last line without a line break', () => {
    expect(parseDelimited(',a,\n1,,', ',', 10).rows).toEqual([['', 'a', ''], ['1', '', '']]);
  });

  it('skips blank lines and a byte-order mark', () => {
    expect(parseDelimited('\uFEFFa,b\n\n1,2\n\n', ',', 10).rows).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('splits TSV on tabs only', () => {
    expect(delimiterFor('data/t.TSV')).toBe('\t');
    expect(delimiterFor('data/t.csv')).toBe(',');
    expect(parseDelimited('a,b\tc\n1\t"x\ty"\n', '\t', 10).rows).toEqual([['a,b', 'c'], ['1', 'x\ty']]);
  });

  it('stops after the rows asked for and says there are more', () => {
    const text = Array.from({ length: 1000 }, (_, i) => `${i},v${i}`).join('\n');
    const head = parseDelimited(text, ',', 101);
    expect(head.rows).toHaveLength(101);
    expect(head.rows[100]).toEqual(['100', 'v100']);
    expect(head.more).toBe(true);
    expect(parseDelimited('a\n1\n2\n', ',', 3).more).toBe(false);
  });

  it('drops the cut last record of a truncated head, even one cut inside quotes', () => {
    expect(parseDelimited('a,b\n1,2\n3,4', ',', 10, true)).toEqual({ rows: [['a', 'b'], ['1', '2']], more: true });
    expect(parseDelimited('a,b\n1,2\n3,"long\nquoted', ',', 10, true).rows).toEqual([['a', 'b'], ['1', '2']]);
    // A head cut right after a line break loses nothing.
    expect(parseDelimited('a,b\n1,2\n', ',', 10, true).rows).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('keeps a stray quote inside an unquoted field as text', () => {
    expect(parseDelimited('5" pipe,x\n', ',', 10).rows).toEqual([['5" pipe', 'x']]);
  });
});
