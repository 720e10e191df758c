import { crc32 } from 'node:zlib';

/**
 * A small, strict reader for the stored (uncompressed) zips Runboard writes, for tests: it walks
 * the central directory from the end-of-central-directory record, checks each local header and
 * data descriptor against it, and recomputes every CRC.
 */

export interface ZipFileEntry {
  name: string;
  data: Buffer;
  crc: number;
  flags: number;
}

export function readZip(zip: Buffer): ZipFileEntry[] {
  const eocd = zip.length - 22;
  if (eocd < 0 || zip.readUInt32LE(eocd) !== 0x06054b50) throw new Error('no end-of-central-directory record at the end (comment-less zip expected)');
  const count = zip.readUInt16LE(eocd + 10);
  if (zip.readUInt16LE(eocd + 8) !== count) throw new Error('entry counts disagree');
  const cdSize = zip.readUInt32LE(eocd + 12);
  const cdOffset = zip.readUInt32LE(eocd + 16);
  if (cdOffset + cdSize !== eocd) throw new Error(`central directory at ${cdOffset}+${cdSize} does not end at ${eocd}`);

  const entries: ZipFileEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i += 1) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error(`bad central header signature at ${p}`);
    const flags = zip.readUInt16LE(p + 8);
    const method = zip.readUInt16LE(p + 10);
    const crc = zip.readUInt32LE(p + 16);
    const compressed = zip.readUInt32LE(p + 20);
    const size = zip.readUInt32LE(p + 24);
    const nameLength = zip.readUInt16LE(p + 28);
    const extraLength = zip.readUInt16LE(p + 30);
    const commentLength = zip.readUInt16LE(p + 32);
    const localOffset = zip.readUInt32LE(p + 42);
    const nameBytes = zip.subarray(p + 46, p + 46 + nameLength);
    if (method !== 0) throw new Error('only stored entries expected');
    if (compressed !== size) throw new Error('stored entry with compressed size != size');

    // Local header: same name; sizes and CRC in the data descriptor (flag 0x0008).
    if (zip.readUInt32LE(localOffset) !== 0x04034b50) throw new Error(`bad local header signature at ${localOffset}`);
    const localFlags = zip.readUInt16LE(localOffset + 6);
    const localNameLength = zip.readUInt16LE(localOffset + 26);
    const localExtraLength = zip.readUInt16LE(localOffset + 28);
    if (localFlags !== flags) throw new Error('local and central flags differ');
    if (!zip.subarray(localOffset + 30, localOffset + 30 + localNameLength).equals(nameBytes)) throw new Error('local and central names differ');
    const dataStart = localOffset + 30 + localNameLength + localExtraLength;
    const data = Buffer.from(zip.subarray(dataStart, dataStart + size));
    if (flags & 0x0008) {
      const d = dataStart + size;
      if (zip.readUInt32LE(d) !== 0x08074b50) throw new Error(`missing data descriptor at ${d}`);
      if (zip.readUInt32LE(d + 4) !== crc || zip.readUInt32LE(d + 8) !== size || zip.readUInt32LE(d + 12) !== size) {
        throw new Error('data descriptor disagrees with the central directory');
      }
    }
    if ((crc32(data) >>> 0) !== crc) throw new Error(`CRC mismatch for ${nameBytes.toString('utf8')}`);
    entries.push({ name: nameBytes.toString((flags & 0x0800) !== 0 ? 'utf8' : 'latin1'), data, crc, flags });
    p += 46 + nameLength + extraLength + commentLength;
  }
  if (p !== eocd) throw new Error('central directory has trailing bytes');
  return entries;
}
