import { crc32 } from 'node:zlib';

/** One file to put in a zip: its path inside the archive and a way to open its bytes. */
export interface ZipEntry {
  name: string;
  open(): Promise<ReadableStream<Uint8Array>>;
}

/** Without zip64 every offset and size must stay below 4 GiB. */
export const ZIP_MAX_BYTES = 0xffff_fff0;

const DOS_DATE_1980 = (0 << 9) | (1 << 5) | 1; // 1980-01-01: entries carry no meaningful time

function u16(n: number) {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
}
function u32(n: number) {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
}

/**
 * A zip archive (stored, not compressed) streamed entry by entry: each entry's CRC and size follow
 * its data in a data descriptor, so no file is read twice or held in memory. The caller keeps the
 * total under ZIP_MAX_BYTES.
 */
export function zipStream(entries: readonly ZipEntry[]): ReadableStream<Uint8Array> {
  const central: Buffer[] = [];
  let offset = 0;
  let index = 0;
  let current: { reader: ReadableStreamDefaultReader<Uint8Array>; name: Buffer; start: number; crc: number; size: number } | null = null;

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const emit = (chunk: Buffer | Uint8Array) => {
        controller.enqueue(chunk);
        offset += chunk.length;
      };
      if (current) {
        const { done, value } = await current.reader.read();
        if (!done) {
          current.crc = crc32(value, current.crc);
          current.size += value.length;
          emit(value);
          return;
        }
        const { name, start, crc, size } = current;
        emit(Buffer.concat([u32(0x08074b50), u32(crc), u32(size), u32(size)]));
        central.push(
          Buffer.concat([
            u32(0x02014b50), u16(20), u16(20), u16(0x0808), u16(0), u16(0), u16(DOS_DATE_1980),
            u32(crc), u32(size), u32(size), u16(name.length), u16(0), u16(0), u16(0), u16(0), u32(0), u32(start), name,
          ]),
        );
        current = null;
        return;
      }
      if (index < entries.length) {
        const entry = entries[index++];
        const name = Buffer.from(entry.name, 'utf8');
        const start = offset;
        // Flag 0x0008: sizes and CRC in the data descriptor; 0x0800: the name is UTF-8.
        emit(Buffer.concat([u32(0x04034b50), u16(20), u16(0x0808), u16(0), u16(0), u16(DOS_DATE_1980), u32(0), u32(0), u32(0), u16(name.length), u16(0), name]));
        current = { reader: (await entry.open()).getReader(), name, start, crc: 0, size: 0 };
        return;
      }
      const directory = Buffer.concat(central);
      const count = central.length;
      emit(directory);
      emit(Buffer.concat([u32(0x06054b50), u16(0), u16(0), u16(count), u16(count), u32(directory.length), u32(offset - directory.length), u16(0)]));
      controller.close();
    },
    async cancel() {
      await current?.reader.cancel();
    },
  });
}
