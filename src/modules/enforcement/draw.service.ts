/**
 * 双随机 verifiable draw. Objects come from the 检查对象名录库 (inspection_object), inspectors from the
 * people register (person, with a valid 行政执法证 on the draw date). The draw is deterministic given a
 * public seed and the candidate sets, so anyone holding the published seed and the two candidate lists
 * can re-run it; the stored record carries the seed, the algorithm version and sha256 fingerprints.
 *
 * Algorithm fazhi-draw-v1 (never change its behaviour; add a v2 instead):
 *  1. Candidates are sorted by record id. Object line: id TAB creditCode TAB name TAB type; inspector
 *     line: id TAB certNo TAB certValidTo TAB name. Fingerprint = sha256 hex of the lines joined by LF.
 *  2. A stream for label L yields block_k = sha256("fazhi-draw-v1|" + seed + "|" + objectFp + "|" +
 *     inspectorFp + "|" + L + "|" + k), k = 0, 1, …; a uniform integer below m is the first 6 bytes
 *     (big-endian) of the next block, rejecting values ≥ 2^48 − (2^48 mod m) (no modulo bias).
 *  3. Objects: partial Fisher–Yates on the sorted candidates with stream "objects": for i = 0..n−1,
 *     j = i + next(N − i), swap i and j; the first n are drawn, in that order. Object i goes to group
 *     (i mod groups) + 1.
 *  4. Inspectors: full Fisher–Yates (same step) with stream "inspectors". Groups are filled in order:
 *     walk the shuffled list, take an inspector not yet used who is not recused from any object of
 *     the group, until the group has perGroup members.
 *  5. Result fingerprint = sha256 of JSON.stringify(result).
 * The candidate lists are kept as an attachment of the draw record (draw-snapshot.ts, compressed),
 * so the draw can be replayed from the record alone even after the libraries change. Candidates are
 * read with only the fields above (findFieldsAsOf), so a library of 100k objects stays one short read.
 * Must never: use Math.random, read the clock inside the algorithm, or depend on database order.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { appendAudit } from '../../audit/audit.service.ts';
import { inTx } from '../../db/tx.ts';
import type { Db } from '../../db/types.ts';
import { AppError, badRequest, notFound } from '../../errors.ts';
import { addGeneratedAttachment, getAttachmentFile, listAttachments } from '../../ledger/attachment.service.ts';
import type { RecordData } from '../../ledger/field.ts';
import { findFieldsAsOf, type RecordFields, type RecordView } from '../../ledger/record.repo.ts';
import { createRecord, getRecord } from '../../ledger/record.service.ts';
import { requirePerm, type Scope } from '../../org/scope.ts';
import { nowIso, today } from '../../util/time.ts';
import type { DataOf } from '../../ledger/define.ts';
import { person } from '../org/org.ledger.ts';
import {
  decodeSnapshot,
  encodeSnapshot,
  type InspectorCand,
  LEGACY_SNAPSHOT_FILENAME,
  type ObjectCand,
  SNAPSHOT_FILENAME,
  SNAPSHOT_MIME,
} from './draw-snapshot.ts';
import { inspectionObject, inspectionTask, OBJECT_TYPES, randomDraw } from './enforcement.ledger.ts';

export const DRAW_ALGORITHM = 'fazhi-draw-v1';

export const DRAW_ALGORITHM_TEXT =
  '候选对象和候选人员分别按记录编号排序并计算SHA-256指纹；以“算法版本|公开种子|对象指纹|人员指纹|用途|序号”的SHA-256值作为随机数流，' +
  '取前6字节并拒绝尾部取值以消除取模偏差；用Fisher–Yates洗牌依次抽取检查对象，对象按顺序轮流分配到各检查组；' +
  '人员洗牌后依次补入各组，跳过已选派人员和与本组检查对象有利害关系须回避的人员。相同种子和相同候选名单必然得到相同结果。';

const recusalSchema = z.object({
  inspectorId: z.string({ error: '回避名单应填写检查人员' }).min(1, '回避名单应填写检查人员').max(100),
  objectId: z.string({ error: '回避名单应填写检查对象' }).min(1, '回避名单应填写检查对象').max(100),
  reason: z.string().max(200).optional(),
});

/** One schema for the draw request: the route validates with it, the service re-uses its type. */
export const drawInput = z
  .object({
    taskId: z.string({ error: '请选择抽查任务' }).min(1, '请选择抽查任务').max(100),
    objectFilter: z
      .object({
        type: z.enum(OBJECT_TYPES, { error: `对象类型应为以下之一：${OBJECT_TYPES.join('、')}` }).optional(),
        region: z.string().trim().max(100).optional(),
        unitId: z.string().max(100).optional(),
      })
      .strict()
      .default({}),
    objectCount: z
      .number({ error: '抽取数量应为数字' })
      .int('抽取数量应为整数')
      .min(1, '抽取数量至少为1')
      .max(1000, '单次抽取数量不能超过1000')
      .optional(),
    objectRatio: z.number({ error: '抽取比例应为数字' }).gt(0, '抽取比例应大于0').max(100, '抽取比例不能超过100%').optional(),
    groups: z.number({ error: '检查组数应为数字' }).int('检查组数应为整数').min(1, '检查组数至少为1').max(50, '检查组数不能超过50'),
    perGroup: z
      .number({ error: '每组人数应为数字' })
      .int('每组人数应为整数')
      .min(2, '每组检查人员不得少于2名（行政处罚法第四十二条）')
      .max(10, '每组检查人员不能超过10名'),
    recusals: z.array(recusalSchema, { error: '回避名单应为列表' }).max(500, '回避名单不能超过500条').default([]),
    witness: z.string({ error: '请填写监督人' }).trim().min(1, '请填写监督人').max(100, '监督人不能超过100字'),
    seed: z.string({ error: '请填写公开随机种子' }).trim().min(8, '公开随机种子至少8个字符').max(200, '公开随机种子不能超过200个字符'),
  })
  .strict()
  .refine((v) => (v.objectCount === undefined) !== (v.objectRatio === undefined), {
    message: '抽取数量和抽取比例须且只能填写一项',
    path: ['objectCount'],
  });

export type DrawInput = z.infer<typeof drawInput>;
type DrawParams = Omit<DrawInput, 'witness' | 'seed'>;

export type DrawResult = {
  objects: Array<{ id: string; name: string; creditCode: string; group: number }>;
  groups: Array<{ group: number; inspectors: Array<{ id: string; name: string; certNo: string }>; objectIds: string[] }>;
};

type Computed = {
  objects: ObjectCand[];
  inspectors: InspectorCand[];
  objectCandidates: number;
  objectFingerprint: string;
  inspectorCandidates: number;
  inspectorFingerprint: string;
  excluded: Array<{ id: string; name: string; reason: string }>;
  result: DrawResult;
  resultFingerprint: string;
};

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const str = (v: RecordData[string] | undefined): string => (typeof v === 'string' ? v : '');

/** A deterministic stream of uniform integers (step 2 of the algorithm). */
class Stream {
  private k = 0;
  constructor(private readonly key: string) {}
  below(m: number): number {
    const span = 2 ** 48;
    const limit = span - (span % m);
    for (;;) {
      const block = createHash('sha256')
        .update(`${this.key}|${this.k++}`, 'utf8')
        .digest();
      const x = block.readUIntBE(0, 6);
      if (x < limit) return x % m;
    }
  }
}

function shuffle<T>(items: readonly T[], take: number, stream: Stream): T[] {
  const a = [...items];
  for (let i = 0; i < take; i++) {
    const j = i + stream.below(a.length - i);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a.slice(0, take);
}

/** The payload fields the candidate lists and their filters read; nothing else is loaded. */
const OBJECT_FIELDS = ['name', 'type', 'creditCode', 'region', 'status'] as const;
const PERSON_FIELDS = ['name', 'certNo', 'certValidTo', 'status', 'joinedOn'] as const;
type ObjectRow = RecordFields<Pick<DataOf<typeof inspectionObject>, (typeof OBJECT_FIELDS)[number]>>;
type PersonRow = RecordFields<Pick<DataOf<typeof person>, (typeof PERSON_FIELDS)[number]>>;

function objectCandidates(rows: ObjectRow[], filter: DrawParams['objectFilter']): ObjectCand[] {
  const out: ObjectCand[] = [];
  for (const r of rows) {
    if (r.data.status !== '在库') continue;
    if (filter.type && r.data.type !== filter.type) continue;
    if (filter.region && (r.data.region ?? '') !== filter.region) continue;
    if (filter.unitId && r.unitId !== filter.unitId) continue;
    out.push({ id: r.id, name: r.data.name, creditCode: r.data.creditCode ?? '', type: r.data.type });
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function inspectorCandidates(rows: PersonRow[], drawnOn: string) {
  const eligible: InspectorCand[] = [];
  const excluded: Computed['excluded'] = [];
  for (const r of rows) {
    const name = r.data.name || r.title;
    const certNo = r.data.certNo ?? '';
    const validTo = r.data.certValidTo ?? '';
    const status = r.data.status;
    let reason = '';
    if (status !== '在职') reason = `人员状态为${status}`;
    else if (r.data.joinedOn > drawnOn) reason = '抽取日尚未到岗';
    else if (!certNo) reason = '未登记行政执法证';
    else if (!validTo) reason = '未登记执法证有效期';
    else if (validTo < drawnOn) reason = `执法证已于${validTo}到期`;
    if (reason) excluded.push({ id: r.id, name, reason });
    else eligible.push({ id: r.id, name, certNo, certValidTo: validTo });
  }
  eligible.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { eligible, excluded };
}

/** The pure part of the draw: candidates in, result out (or a Chinese refusal). */
export function runDraw(
  seed: string,
  params: DrawParams,
  objects: ObjectCand[],
  inspectors: InspectorCand[],
  drawnOn: string,
): Omit<Computed, 'excluded' | 'objects' | 'inspectors'> {
  const objectFingerprint = sha256(objects.map((o) => [o.id, o.creditCode, o.name, o.type].join('\t')).join('\n'));
  const inspectorFingerprint = sha256(inspectors.map((p) => [p.id, p.certNo, p.certValidTo, p.name].join('\t')).join('\n'));
  const need = params.groups * params.perGroup;
  if (inspectors.length < need) {
    throw badRequest(
      'perGroup',
      `持有有效行政执法证的检查人员不足：需要${need}名（${params.groups}组×每组${params.perGroup}名），${drawnOn}执法证有效的在职人员只有${inspectors.length}名`,
    );
  }
  if (objects.length === 0) throw badRequest('objectFilter', '没有符合条件的在库检查对象');
  const n = params.objectCount ?? Math.ceil((objects.length * (params.objectRatio ?? 0)) / 100);
  if (n > objects.length) throw badRequest('objectCount', `抽取数量${n}家超过符合条件的检查对象数${objects.length}家`);
  if (params.groups > n) throw badRequest('groups', `检查组数（${params.groups}）不能多于抽取的检查对象数（${n}）`);

  const key = (label: string) => `${DRAW_ALGORITHM}|${seed}|${objectFingerprint}|${inspectorFingerprint}|${label}`;
  const drawn = shuffle(objects, n, new Stream(key('objects')));
  const order = shuffle(inspectors, inspectors.length, new Stream(key('inspectors')));

  const recused = new Set(params.recusals.map((x) => `${x.inspectorId}|${x.objectId}`));
  const used = new Set<string>();
  const groups: DrawResult['groups'] = [];
  for (let g = 0; g < params.groups; g++) {
    const objectIds = drawn.filter((_, i) => i % params.groups === g).map((o) => o.id);
    const members: InspectorCand[] = [];
    for (const p of order) {
      if (members.length === params.perGroup) break;
      if (used.has(p.id) || objectIds.some((o) => recused.has(`${p.id}|${o}`))) continue;
      members.push(p);
      used.add(p.id);
    }
    if (members.length < params.perGroup) {
      throw badRequest(
        'recusals',
        `第${g + 1}组可选派的持证检查人员不足：需要${params.perGroup}名，排除已选派和须回避的人员后只有${members.length}名`,
      );
    }
    groups.push({ group: g + 1, inspectors: members.map((p) => ({ id: p.id, name: p.name, certNo: p.certNo })), objectIds });
  }
  const result: DrawResult = {
    objects: drawn.map((o, i) => ({ id: o.id, name: o.name, creditCode: o.creditCode, group: (i % params.groups) + 1 })),
    groups,
  };
  return {
    objectCandidates: objects.length,
    objectFingerprint,
    inspectorCandidates: inspectors.length,
    inspectorFingerprint,
    result,
    resultFingerprint: sha256(JSON.stringify(result)),
  };
}

type Candidates = Pick<Computed, 'objects' | 'inspectors' | 'excluded'>;

/** The candidate lists of a draw: the bureau's libraries as of the draw instant, filtered. */
async function candidates(db: Db, orgId: string, params: DrawParams, drawnOn: string, drawnAt: string): Promise<Candidates> {
  const [objectRows, personRows] = await Promise.all([
    findFieldsAsOf(db, orgId, inspectionObject, drawnAt, OBJECT_FIELDS),
    findFieldsAsOf(db, orgId, person, drawnAt, PERSON_FIELDS),
  ]);
  const objectIds = new Set(params.recusals.length ? objectRows.map((r) => r.id) : []);
  const personIds = new Set(params.recusals.length ? personRows.map((r) => r.id) : []);
  for (const x of params.recusals) {
    if (!personIds.has(x.inspectorId)) throw badRequest('recusals', '回避名单中有不在本单位人员名册中的检查人员');
    if (!objectIds.has(x.objectId)) throw badRequest('recusals', '回避名单中有不在本单位检查对象名录库中的对象');
  }
  const { eligible, excluded } = inspectorCandidates(personRows, drawnOn);
  return { objects: objectCandidates(objectRows, params.objectFilter), inspectors: eligible, excluded };
}

async function compute(db: Db, orgId: string, seed: string, params: DrawParams, drawnOn: string, drawnAt: string): Promise<Computed> {
  const c = await candidates(db, orgId, params, drawnOn, drawnAt);
  return { ...c, ...runDraw(seed, params, c.objects, c.inspectors, drawnOn) };
}

export type DrawView = {
  id: string;
  orgId: string;
  taskId: string;
  taskName: string;
  drawnOn: string;
  drawnAt: string;
  witness: string;
  seed: string;
  algorithm: string;
  algorithmText: string;
  params: DrawParams;
  objectCandidates: number;
  objectFingerprint: string;
  inspectorCandidates: number;
  inspectorFingerprint: string;
  excluded: Computed['excluded'];
  result: DrawResult;
  resultFingerprint: string;
  version: number;
};

function present(r: RecordView): DrawView {
  const d = r.data;
  return {
    id: r.id,
    orgId: r.orgId,
    taskId: str(d.taskId),
    taskName: str(d.taskName),
    drawnOn: str(d.drawnOn),
    drawnAt: str(d.drawnAt),
    witness: str(d.witness),
    seed: str(d.seed),
    algorithm: str(d.algorithm),
    algorithmText: DRAW_ALGORITHM_TEXT,
    params: JSON.parse(str(d.params) || '{}') as DrawParams,
    objectCandidates: typeof d.objectCandidates === 'number' ? d.objectCandidates : 0,
    objectFingerprint: str(d.objectFingerprint),
    inspectorCandidates: typeof d.inspectorCandidates === 'number' ? d.inspectorCandidates : 0,
    inspectorFingerprint: str(d.inspectorFingerprint),
    excluded: JSON.parse(str(d.excluded) || '[]') as Computed['excluded'],
    result: JSON.parse(str(d.result) || '{"objects":[],"groups":[]}') as DrawResult,
    resultFingerprint: str(d.resultFingerprint),
    version: r.version,
  };
}

const MSG = {
  noTask: '抽查任务不存在',
  resultTooLarge: '单次抽取结果过大，请分批抽取',
  snapshotNote: '抽取时的候选检查对象和候选检查人员名单（gzip压缩的JSON），可据此独立复核',
  snapshotLabel: '按抽取时的候选名单快照重新抽取，结果一致',
  snapshotMissing: '缺少候选名单快照',
  snapshotUnreadable: '候选名单快照无法读取',
  outOfScope: (task: string, asked: string) => `该抽查任务限定抽取“${task}”类检查对象，不能抽取“${asked}”`,
};

/**
 * The draw's object filter within its task's scope: a task limited to one object type draws only
 * that type (a task for 养老机构 never draws a 殡葬服务单位). The stored parameters carry the type,
 * so verification replays the same filter.
 */
function withinTaskScope(params: DrawParams, taskType: DrawParams['objectFilter']['type'] | null): DrawParams {
  if (!taskType) return params;
  const asked = params.objectFilter.type;
  if (asked && asked !== taskType) throw badRequest('objectFilter', MSG.outOfScope(taskType, asked));
  return { ...params, objectFilter: { ...params.objectFilter, type: taskType } };
}

/** Runs a draw for a task of the caller's bureau and stores it (audited, in one transaction). */
export async function createDraw(db: Db, scope: Scope, input: DrawInput): Promise<DrawView> {
  requirePerm(scope, 'ledger.write');
  const task = await getRecord(db, scope, input.taskId).catch(() => null);
  if (task?.ledger !== inspectionTask.key || task.orgId !== scope.orgId) throw notFound(MSG.noTask);
  const { seed, witness, ...requested } = input;
  const params = withinTaskScope(requested, (task.data as DataOf<typeof inspectionTask>).objectType ?? null);
  const drawnOn = today(scope.clock);
  const drawnAt = nowIso(scope.clock);
  const cand = await candidates(db, scope.orgId, params, drawnOn, drawnAt);
  // The snapshot is compressed on the thread pool while the algorithm runs here.
  const packing = encodeSnapshot({ algorithm: DRAW_ALGORITHM, seed, drawnOn, drawnAt, params, ...cand });
  let c: Computed;
  try {
    c = { ...cand, ...runDraw(seed, params, cand.objects, cand.inspectors, drawnOn) };
  } catch (e) {
    await packing.catch(() => undefined);
    throw e;
  }
  const snapshot = await packing;
  const result = JSON.stringify(c.result);
  if (result.length > 20000) throw badRequest('objectCount', MSG.resultTooLarge);
  const rec = await inTx(db, async (trx) => {
    const created = await createRecord(
      trx,
      scope,
      randomDraw,
      {
        taskId: task.id,
        taskName: task.title,
        drawnOn,
        drawnAt,
        witness,
        seed,
        algorithm: DRAW_ALGORITHM,
        params: JSON.stringify(params),
        objectCandidates: c.objectCandidates,
        objectFingerprint: c.objectFingerprint,
        inspectorCandidates: c.inspectorCandidates,
        inspectorFingerprint: c.inspectorFingerprint,
        excluded: JSON.stringify(c.excluded).slice(0, 20000),
        result,
        resultFingerprint: c.resultFingerprint,
      },
      '',
      { service: true },
    );
    await addGeneratedAttachment(trx, scope, created.id, {
      filename: SNAPSHOT_FILENAME,
      mime: SNAPSHOT_MIME,
      content: snapshot,
      note: MSG.snapshotNote,
    });
    return created;
  });
  return present(rec);
}

export async function getDraw(db: Db, scope: Scope, id: string): Promise<DrawView> {
  const r = await getRecord(db, scope, id);
  if (r.ledger !== randomDraw.key) throw notFound();
  return present(r);
}

/**
 * Re-runs the draw from the candidate lists kept with it: proves the result follows from seed + lists.
 * Draws made before snapshots were compressed carry the uncompressed file; both are read.
 */
async function replaySnapshot(db: Db, scope: Scope, draw: DrawView): Promise<VerifyCheck> {
  const label = MSG.snapshotLabel;
  const files = await listAttachments(db, scope, draw.id);
  const meta = files.find((a) => a.filename === SNAPSHOT_FILENAME) ?? files.find((a) => a.filename === LEGACY_SNAPSHOT_FILENAME);
  if (!meta) return { key: 'snapshot', label, ok: false, stored: draw.resultFingerprint, recomputed: MSG.snapshotMissing };
  try {
    const { content } = await getAttachmentFile(db, scope, meta.id);
    const snap = decodeSnapshot(content);
    if (!snap) return { key: 'snapshot', label, ok: false, stored: draw.resultFingerprint, recomputed: MSG.snapshotUnreadable };
    const out = runDraw(draw.seed, draw.params, snap.objects, snap.inspectors, draw.drawnOn);
    const same =
      out.resultFingerprint === draw.resultFingerprint &&
      out.objectFingerprint === draw.objectFingerprint &&
      out.inspectorFingerprint === draw.inspectorFingerprint;
    return { key: 'snapshot', label, ok: same, stored: draw.resultFingerprint, recomputed: out.resultFingerprint };
  } catch (e) {
    if (e instanceof AppError) return { key: 'snapshot', label, ok: false, stored: draw.resultFingerprint, recomputed: e.detail };
    throw e;
  }
}

export type VerifyCheck = { key: string; label: string; ok: boolean; stored: string; recomputed: string };
export type VerifyResult = { ok: boolean; message: string; modifiedAfterDraw: boolean; checks: VerifyCheck[] };

/**
 * Verifies a stored draw: (1) the stored result matches its fingerprint; (2) replaying the algorithm
 * on the candidate snapshot kept with the draw gives the stored result; (3) the libraries as they
 * stand now (records created by the draw instant, not deleted by then) still give the same candidate
 * fingerprints and result. Audited as a read of consequence.
 */
export async function verifyDraw(db: Db, scope: Scope, id: string): Promise<VerifyResult> {
  const draw = await getDraw(db, scope, id);
  const checks: VerifyCheck[] = [];
  const storedOk = draw.algorithm === DRAW_ALGORITHM;
  checks.push({ key: 'algorithm', label: '算法版本可复现', ok: storedOk, stored: draw.algorithm, recomputed: DRAW_ALGORITHM });
  const selfHash = sha256(JSON.stringify(draw.result));
  checks.push({
    key: 'stored_result',
    label: '保存的抽取结果与结果指纹一致',
    ok: selfHash === draw.resultFingerprint,
    stored: draw.resultFingerprint,
    recomputed: selfHash,
  });
  checks.push(await replaySnapshot(db, scope, draw));
  let failure = '';
  try {
    const c = await compute(db, draw.orgId, draw.seed, draw.params, draw.drawnOn, draw.drawnAt);
    checks.push({
      key: 'objects',
      label: '候选检查对象名单未变',
      ok: c.objectFingerprint === draw.objectFingerprint,
      stored: draw.objectFingerprint,
      recomputed: c.objectFingerprint,
    });
    checks.push({
      key: 'inspectors',
      label: '候选检查人员名单未变',
      ok: c.inspectorFingerprint === draw.inspectorFingerprint,
      stored: draw.inspectorFingerprint,
      recomputed: c.inspectorFingerprint,
    });
    checks.push({
      key: 'result',
      label: '重新抽取的结果与保存的结果一致',
      ok: c.resultFingerprint === draw.resultFingerprint,
      stored: draw.resultFingerprint,
      recomputed: c.resultFingerprint,
    });
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    failure = e.detail;
    checks.push({ key: 'rerun', label: '按原参数重新抽取', ok: false, stored: '', recomputed: e.detail });
  }
  const ok = storedOk && checks.every((c) => c.ok);
  const modifiedAfterDraw = draw.version !== 1;
  const bad = checks.filter((c) => !c.ok).map((c) => c.label.replace(/，结果一致$|一致$|未变$|可复现$/, ''));
  const message = ok
    ? `验证通过：以公开种子和抽取时的候选名单重新抽取，结果完全一致${modifiedAfterDraw ? '（注意：抽取记录在抽取后被修改过，请查看修改记录）' : ''}`
    : `验证未通过：${failure || `${bad.join('、')}不一致`}${
        checks.find((c) => c.key === 'snapshot')?.ok ? '；按抽取时的候选名单快照重新抽取结果一致，说明名单在抽取后发生了变化' : ''
      }`;
  await inTx(db, (trx) =>
    appendAudit(trx, {
      userId: scope.userId,
      username: scope.username,
      orgId: draw.orgId,
      ip: scope.ip,
      action: 'draw.verify',
      entity: randomDraw.key,
      entityId: id,
      success: ok,
      detail: { ok, checks: checks.map((c) => ({ key: c.key, ok: c.ok })) },
    }),
  );
  return { ok, message, modifiedAfterDraw, checks };
}
