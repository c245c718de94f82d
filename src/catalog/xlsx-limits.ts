// Limits on an uploaded .xlsx, checked BEFORE ExcelJS loads it (issue 10 item 14: a 1.2 MB file
// unpacking to 352 MB was refused only after 18 s at 3.1 GB; 100,050 rows were accepted at 1.97 GB).
// An .xlsx is a zip: the central directory (APPNOTE.TXT §4.3.12, at the offset given by the end of
// central directory record §4.3.16) lists every member with its compressed and uncompressed size.
// Declared sizes can lie, so each member is also inflated with the declared size as a hard cap
// (zlib maxOutputLength), which yields the worksheets' XML for counting <row> elements too.
import { inflateRawSync } from "node:zlib";

export const MAX_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_UNPACKED_BYTES = 50 * 1024 * 1024;
export const MAX_ROWS = 2000;
const MAX_ENTRIES = 1000;

export class XlsxLimitError extends Error {}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

interface Entry {
  name: string;
  method: number;
  compressed: number;
  uncompressed: number;
  localOffset: number;
}

function centralDirectory(buf: Buffer): Entry[] {
  const from = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= from; i--) if (buf.readUInt32LE(i) === EOCD) { eocd = i; break; }
  if (eocd < 0) throw new Error("不是有效的 .xlsx 文件（找不到 zip 目录）");
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || p === 0xffffffff) throw new XlsxLimitError("不接受 ZIP64 格式的文件（正常的目标表不需要）");
  if (count > MAX_ENTRIES) throw new XlsxLimitError(`文件包含 ${count} 个部件，超过上限 ${MAX_ENTRIES}`);
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) throw new Error("不是有效的 .xlsx 文件（zip 目录损坏）");
    const nameLen = buf.readUInt16LE(p + 28);
    entries.push({
      method: buf.readUInt16LE(p + 10),
      compressed: buf.readUInt32LE(p + 20),
      uncompressed: buf.readUInt32LE(p + 24),
      localOffset: buf.readUInt32LE(p + 42),
      name: buf.toString("utf8", p + 46, p + 46 + nameLen),
    });
    p += 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return entries;
}

/** The member's bytes, never more than it declared (a lying zip bomb stops at its declared size). */
function inflate(buf: Buffer, e: Entry): Buffer {
  const h = e.localOffset;
  if (h + 30 > buf.length || buf.readUInt32LE(h) !== LOCAL) throw new Error("不是有效的 .xlsx 文件（zip 部件损坏）");
  const start = h + 30 + buf.readUInt16LE(h + 26) + buf.readUInt16LE(h + 28);
  const data = buf.subarray(start, start + e.compressed);
  if (e.method === 0) return data;
  if (e.method !== 8) throw new XlsxLimitError(`不支持的压缩方式 ${e.method}`);
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(1, e.uncompressed) });
  } catch {
    throw new XlsxLimitError(`文件部件 ${e.name} 解压后大于它声明的大小（可能是压缩炸弹），已拒绝`);
  }
}

/**
 * Throws XlsxLimitError (a Chinese reason) when the file is over MAX_FILE_BYTES, unpacks to more
 * than MAX_UNPACKED_BYTES, or a worksheet has more than MAX_ROWS rows (header included +1).
 */
export function checkXlsxLimits(buf: Buffer): void {
  checkFileSize(buf.length);
  const entries = centralDirectory(buf);
  const declared = entries.reduce((n, e) => n + e.uncompressed, 0);
  if (declared > MAX_UNPACKED_BYTES) {
    throw new XlsxLimitError(`文件解压后 ${(declared / 1048576).toFixed(0)} MB，超过上限 ${MAX_UNPACKED_BYTES / 1048576} MB`);
  }
  for (const e of entries) {
    const bytes = inflate(buf, e);
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(e.name)) {
      const rows = bytes.toString("utf8").match(/<(?:\w+:)?row[\s>]/g)?.length ?? 0;
      if (rows > MAX_ROWS + 1) throw new XlsxLimitError(`工作表有 ${rows} 行，超过上限 ${MAX_ROWS} 行（不含表头）`);
    }
  }
}

/** The file-size limit alone (checked on the file's size before it is read). */
export function checkFileSize(bytes: number): void {
  if (bytes > MAX_FILE_BYTES) throw new XlsxLimitError(`文件 ${(bytes / 1048576).toFixed(1)} MB，超过上限 ${MAX_FILE_BYTES / 1048576} MB`);
}
