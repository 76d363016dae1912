/**
 * The candidate snapshot kept with a 双随机 draw: the two candidate lists exactly as the draw used
 * them, so anyone holding the file can re-run the draw and recompute its fingerprints.
 *
 * Format 2 (written since the province-scale work) is gzip-compressed JSON whose candidate rows are
 * arrays in fingerprint order (objects: id, creditCode, name, type; inspectors: id, certNo,
 * certValidTo, name): joining each row with TAB and the rows with LF gives the exact text whose
 * sha256 is the stored fingerprint. 100k objects make about 10 MB of JSON and under 3 MB compressed.
 * Format 1 (earlier draws) is uncompressed, indented JSON with one object per candidate; it is
 * still read, so those draws keep verifying.
 * Must never: change what a format means once written (add a format 3 instead).
 */
import { promisify } from 'node:util';
import zlib from 'node:zlib';

export const SNAPSHOT_FILENAME = '双随机候选名单快照.json.gz';
export const SNAPSHOT_MIME = 'application/gzip';
/** The name format-1 snapshots were stored under (uncompressed JSON). */
export const LEGACY_SNAPSHOT_FILENAME = '双随机候选名单快照.json';
const FORMAT = 'fazhi-draw-snapshot-2';

export const OBJECT_COLUMNS = ['id', 'creditCode', 'name', 'type'] as const;
export const INSPECTOR_COLUMNS = ['id', 'certNo', 'certValidTo', 'name'] as const;

export type ObjectCand = { [K in (typeof OBJECT_COLUMNS)[number]]: string };
export type InspectorCand = { [K in (typeof INSPECTOR_COLUMNS)[number]]: string };

/** What a snapshot holds besides the lists: enough to re-run the draw from the file alone. */
export type SnapshotHead = { algorithm: string; seed: string; drawnOn: string; drawnAt: string; params: unknown };
export type Snapshot = SnapshotHead & { objects: ObjectCand[]; inspectors: InspectorCand[] };

const gzip = promisify(zlib.gzip);

/**
 * The snapshot file (format 2). Compressed off the main thread at the fastest level: on candidate
 * lists (random ids, repeated names and types) higher levels save under 5% and cost twice the time.
 */
export function encodeSnapshot(s: Snapshot): Promise<Buffer> {
  const json = JSON.stringify({
    format: FORMAT,
    algorithm: s.algorithm,
    seed: s.seed,
    drawnOn: s.drawnOn,
    drawnAt: s.drawnAt,
    params: s.params,
    objectColumns: OBJECT_COLUMNS,
    objects: s.objects.map((o) => OBJECT_COLUMNS.map((k) => o[k])),
    inspectorColumns: INSPECTOR_COLUMNS,
    inspectors: s.inspectors.map((p) => INSPECTOR_COLUMNS.map((k) => p[k])),
  });
  return gzip(Buffer.from(json, 'utf8'), { level: zlib.constants.Z_BEST_SPEED });
}

const isGzip = (b: Buffer) => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Candidate rows of format 2 as objects, or null when a row is not `columns.length` strings. */
function fromRows<C extends readonly string[]>(rows: unknown, declared: unknown, columns: C): Array<{ [K in C[number]]: string }> | null {
  if (!Array.isArray(rows) || JSON.stringify(declared) !== JSON.stringify(columns)) return null;
  const out: Array<{ [K in C[number]]: string }> = [];
  for (const row of rows) {
    if (!Array.isArray(row) || row.length !== columns.length || !row.every((v) => typeof v === 'string')) return null;
    out.push(Object.fromEntries(columns.map((k, i) => [k, row[i]])) as { [K in C[number]]: string });
  }
  return out;
}

/** Format-1 candidates (one object each), or null when one lacks a column or holds a non-string. */
function fromObjects<C extends readonly string[]>(items: unknown, columns: C): Array<{ [K in C[number]]: string }> | null {
  if (!Array.isArray(items)) return null;
  const out: Array<{ [K in C[number]]: string }> = [];
  for (const item of items) {
    if (!isRecord(item) || !columns.every((k) => typeof item[k] === 'string')) return null;
    out.push(Object.fromEntries(columns.map((k) => [k, item[k]])) as { [K in C[number]]: string });
  }
  return out;
}

/** Reads a snapshot of either format; null when the file is damaged or is not a snapshot. */
export function decodeSnapshot(file: Buffer): Snapshot | null {
  let doc: unknown;
  try {
    doc = JSON.parse((isGzip(file) ? zlib.gunzipSync(file) : file).toString('utf8'));
  } catch {
    return null;
  }
  if (!isRecord(doc)) return null;
  const v2 = doc.format === FORMAT;
  const objects = v2 ? fromRows(doc.objects, doc.objectColumns, OBJECT_COLUMNS) : fromObjects(doc.objects, OBJECT_COLUMNS);
  const inspectors = v2
    ? fromRows(doc.inspectors, doc.inspectorColumns, INSPECTOR_COLUMNS)
    : fromObjects(doc.inspectors, INSPECTOR_COLUMNS);
  if (!objects || !inspectors) return null;
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  return {
    algorithm: text(doc.algorithm),
    seed: text(doc.seed),
    drawnOn: text(doc.drawnOn),
    drawnAt: text(doc.drawnAt),
    params: doc.params,
    objects,
    inspectors,
  };
}
