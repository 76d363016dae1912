/** Hand-built .xlsx files for the import tests: exact control over every zip header (zip bombs, lying sizes). */
import { createDeflateRaw, deflateRawSync } from 'node:zlib';

/** A part deflated beforehand (see `paddedPart`), with its true inflated size. */
export type Deflated = { deflated: Buffer; size: number };

/**
 * `prefix`, `padding` spaces and `suffix`, deflated as a stream: a part of hundreds of megabytes built
 * without ever holding them (so a memory bound measured in the test measures the server, not this).
 */
export async function paddedPart(prefix: string, padding: number, suffix: string): Promise<Deflated> {
  const z = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  z.on('data', (c: Buffer) => out.push(c));
  const done = new Promise((resolve) => z.on('end', resolve));
  const chunk = Buffer.alloc(1 << 20, 0x20);
  z.write(prefix);
  for (let left = padding; left > 0; left -= chunk.length) {
    if (!z.write(left >= chunk.length ? chunk : chunk.subarray(0, left))) await new Promise((r) => z.once('drain', r));
  }
  z.end(suffix);
  await done;
  return { deflated: Buffer.concat(out), size: Buffer.byteLength(prefix) + padding + Buffer.byteLength(suffix) };
}

/** A zip of the given parts (stored names, deflated), each header declaring `declared(size)` as its inflated size. */
export function zipOf(parts: Record<string, string | Buffer | Deflated>, declared = (size: number) => size): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(parts)) {
    const pre = typeof content === 'object' && 'deflated' in content ? content : null;
    const raw = pre ? null : typeof content === 'string' ? Buffer.from(content) : (content as Buffer);
    const data = pre ? pre.deflated : deflateRawSync(raw as Buffer);
    const size = pre ? pre.size : (raw as Buffer).length;
    const n = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(declared(size), 22);
    local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(declared(size), 24);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, n, data);
    centrals.push(central, n);
    offset += 30 + n.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(parts).length, 8);
  end.writeUInt16LE(Object.keys(parts).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** The smallest workbook exceljs reads: one sheet whose XML is `sheetData`. */
export function minimalXlsx(sheetXml: string | Deflated, declared?: (size: number) => number): Buffer {
  const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  return zipOf(
    {
      '[Content_Types].xml': '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
      'xl/workbook.xml': `<?xml version="1.0"?><workbook xmlns="${ns}" xmlns:r="${rel}"><sheets><sheet name="学法活动台账" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      'xl/_rels/workbook.xml.rels': `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
      'xl/worksheets/sheet1.xml': sheetXml,
    },
    declared,
  );
}
