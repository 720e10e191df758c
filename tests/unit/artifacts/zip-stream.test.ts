import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { zipStream, type ZipEntry } from '@/server/artifacts/zip-stream';
import { readZip } from '../support/zip-reader';

/** server/artifacts/zip-stream.ts: a stored zip streamed entry by entry, with data descriptors. */

function streamOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i < chunks.length) controller.enqueue(chunks[i++]);
      else controller.close();
    },
  });
}

const entry = (name: string, data: Uint8Array | string, chunkSize = 1 << 16): ZipEntry => {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) chunks.push(bytes.subarray(i, i + chunkSize));
  return { name, open: async () => streamOf(chunks) };
};

async function zipOf(entries: ZipEntry[]): Promise<Buffer> {
  return Buffer.from(await new Response(zipStream(entries)).arrayBuffer());
}

/** Python's zipfile reads the archive and checks every CRC; returns {name: base64 data}. */
function pythonRead(zip: Buffer): Record<string, string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runboard-zip-'));
  try {
    const file = path.join(dir, 'a.zip');
    fs.writeFileSync(file, zip);
    const script = [
      'import base64, json, sys, zipfile',
      'z = zipfile.ZipFile(sys.argv[1])',
      'assert z.testzip() is None',
      'print(json.dumps({i.filename: base64.b64encode(z.read(i)).decode() for i in z.infolist()}))',
    ].join('\n');
    return JSON.parse(execFileSync('python3', ['-c', script, file], { encoding: 'utf8' }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('zipStream', () => {
  it('writes a zip of 0 entries as just the 22-byte end record', async () => {
    const zip = await zipOf([]);
    expect(zip.length).toBe(22);
    expect(zip.readUInt32LE(0)).toBe(0x06054b50);
    expect(readZip(zip)).toEqual([]);
    expect(pythonRead(zip)).toEqual({});
  });

  it('stores an empty file with CRC 0 and size 0', async () => {
    const zip = await zipOf([entry('empty.txt', '')]);
    const [e] = readZip(zip);
    expect(e).toMatchObject({ name: 'empty.txt', crc: 0 });
    expect(e.data.length).toBe(0);
    expect(pythonRead(zip)).toEqual({ 'empty.txt': '' });
  });

  it('stores binary files byte for byte with the right CRC and sizes, whatever the chunking', async () => {
    const big = randomBytes(300_000);
    const small = Buffer.from([0, 255, 0x50, 0x4b, 0x03, 0x04, 0x50, 0x4b, 0x07, 0x08]); // zip signatures inside data
    const zip = await zipOf([entry('big.bin', big, 7777), entry('small.bin', small, 1), entry('dir/one-chunk.bin', big.subarray(0, 1000), 1 << 20)]);
    const entries = readZip(zip);
    expect(entries.map((e) => e.name)).toEqual(['big.bin', 'small.bin', 'dir/one-chunk.bin']);
    expect(entries[0].data.equals(big)).toBe(true);
    expect(entries[0].crc).toBe(crc32(big) >>> 0);
    expect(entries[1].data.equals(small)).toBe(true);
    expect(entries[2].data.equals(big.subarray(0, 1000))).toBe(true);
    const py = pythonRead(zip);
    expect(Buffer.from(py['big.bin'], 'base64').equals(big)).toBe(true);
    expect(Buffer.from(py['small.bin'], 'base64').equals(small)).toBe(true);
  });

  it('marks names as UTF-8 so non-ASCII names survive', async () => {
    const names = ['résumé.txt', '数据/模型.bin', 'emoji-🙂.json'];
    const zip = await zipOf(names.map((n, i) => entry(n, `content ${i}`)));
    const entries = readZip(zip);
    expect(entries.map((e) => e.name)).toEqual(names);
    expect(entries.every((e) => (e.flags & 0x0800) !== 0)).toBe(true);
    expect(Object.keys(pythonRead(zip))).toEqual(names);
  });

  it('opens each entry only when the stream reaches it', async () => {
    const opened: string[] = [];
    const tracked = (name: string): ZipEntry => ({
      name,
      open: async () => {
        opened.push(name);
        return streamOf([Buffer.from(name)]);
      },
    });
    const reader = zipStream([tracked('a'), tracked('b')]).getReader();
    await reader.read(); // local header of a
    expect(opened).toEqual(['a']);
    while (!(await reader.read()).done);
    expect(opened).toEqual(['a', 'b']);
  });

  it('cancelling the zip cancels the entry being read', async () => {
    let cancelled = false;
    const endless: ZipEntry = {
      name: 'endless.bin',
      open: async () =>
        new ReadableStream<Uint8Array>({
          pull: (c) => c.enqueue(new Uint8Array(16)),
          cancel: () => {
            cancelled = true;
          },
        }),
    };
    const reader = zipStream([endless]).getReader();
    await reader.read();
    await reader.read();
    await reader.cancel();
    expect(cancelled).toBe(true);
  });

  it('unzip -t accepts a zip of several entries', async () => {
    const zip = await zipOf([entry('a.txt', 'alpha'), entry('sub/b.bin', randomBytes(5000)), entry('sub/empty', '')]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runboard-zip-'));
    try {
      fs.writeFileSync(path.join(dir, 'x.zip'), zip);
      const out = execFileSync('unzip', ['-t', path.join(dir, 'x.zip')], { encoding: 'utf8' });
      expect(out).toMatch(/No errors detected/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
