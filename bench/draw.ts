/**
 * `npx tsx bench/draw.ts [--scale province]`: the 双随机 draw over a bureau's inspection-object
 * library (province: 100,000 objects; default: 20,000), timed as the service runs it (createDraw:
 * reading the candidates as of the draw instant, the algorithm, the compressed snapshot stored with
 * the draw record, the audit rows), against the algorithm alone (runDraw on the same candidates) in
 * the same run. Checks that the same seed gives the same result every time and that verifyDraw
 * passes. SQLite temp file, and PostgreSQL when reachable. Nothing here asserts on time.
 *
 * The library is written straight to the record table in multi-row batches (no validation, no audit:
 * this times the draw, not the import).
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { inTx } from '../src/db/tx.ts';
import type { Db } from '../src/db/types.ts';
import { Rng } from '../src/demo/rng.ts';
import { getAttachmentFile, listAttachments } from '../src/ledger/attachment.service.ts';
import { findFieldsAsOf } from '../src/ledger/record.repo.ts';
import { createRecord } from '../src/ledger/record.service.ts';
import '../src/modules/index.ts';
import { decodeSnapshot, SNAPSHOT_FILENAME } from '../src/modules/enforcement/draw-snapshot.ts';
import { createDraw, type DrawInput, runDraw, verifyDraw } from '../src/modules/enforcement/draw.service.ts';
import { inspectionObject, inspectionTask, OBJECT_TYPES } from '../src/modules/enforcement/enforcement.ledger.ts';
import { person } from '../src/modules/org/org.ledger.ts';
import { createOrgUnchecked } from '../src/org/org.service.ts';
import { systemScope } from '../src/org/scope.ts';
import { runStandalone } from './databases.ts';
import type { BenchPart, BenchScale } from './goal.ts';

const _PG_URL = process.env.FAZHI_BENCH_PG_URL ?? process.env.FAZHI_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const GOAL_MS = 150;
const RUNS = Number(process.env.BENCH_DRAW_RUNS ?? 5);
const OBJECTS: Record<BenchScale, number> = { default: 20_000, province: 100_000 };
const INSPECTORS = 30;
const BATCH = 500;
const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** A valid 统一社会信用代码-shaped code (format only). */
function creditCode(rng: Rng): string {
  const pick = () => CODE_CHARS[rng.int(0, CODE_CHARS.length - 1)];
  let s = `${pick()}${pick()}`;
  for (let i = 0; i < 6; i++) s += String(rng.int(0, 9));
  for (let i = 0; i < 10; i++) s += pick();
  return s;
}

/** The library: `n` objects of every type, 95% 在库, as an import would leave them. */
export async function seedObjects(db: Db, orgId: string, n: number): Promise<void> {
  const rng = new Rng('bench-draw');
  const at = '2025-01-01T00:00:00.000Z';
  await inTx(db, async (trx) => {
    for (let i = 0; i < n; i += BATCH) {
      const rows = [];
      for (let j = i; j < Math.min(n, i + BATCH); j++) {
        const data = {
          name: `检查对象${j + 1}`,
          type: OBJECT_TYPES[j % OBJECT_TYPES.length],
          creditCode: creditCode(rng),
          region: `第${rng.int(1, 20)}街道`,
          address: `某路${rng.int(1, 999)}号`,
          status: rng.chance(0.95) ? '在库' : '已注销或移出',
        };
        rows.push({
          id: randomUUID(),
          org_id: orgId,
          ledger: inspectionObject.key,
          unit_id: null,
          occurred_on: null,
          year: null,
          title: data.name,
          status: data.status,
          data: JSON.stringify(data),
          version: 1,
          data_version: inspectionObject.version,
          created_at: at,
          created_by: 'bench',
          updated_at: at,
          updated_by: 'bench',
          deleted_at: null,
        });
      }
      await trx.insertInto('record').values(rows).execute();
    }
  });
}

export const drawBench: BenchPart = async (ctx) => {
  const n = OBJECTS[ctx.scale];
  const actor = { userId: 'bench', username: 'bench', orgId: '', ip: 'bench' };
  const org = await createOrgUnchecked(ctx.db, actor, { name: '基准测试抽查县民政局', level: 'county' });
  const scope = systemScope(org);
  await seedObjects(ctx.db, org, n);
  await inTx(ctx.db, async (trx) => {
    for (let i = 0; i < INSPECTORS; i++) {
      await createRecord(trx, scope, person, {
        name: `执法人员${i + 1}`,
        joinedOn: '2020-01-01',
        status: '在职',
        certNo: `ZF${10000 + i}`,
        certValidTo: '2099-12-31',
      });
    }
  });
  const task = await createRecord(ctx.db, scope, inspectionTask, { name: '基准测试双随机抽查', kind: '单部门', plannedOn: '2025-05-01' });
  // Every object type: the whole in-library set is the candidate list.
  const input: DrawInput = {
    taskId: task.id,
    objectFilter: {},
    objectCount: 100,
    groups: 10,
    perGroup: 2,
    recusals: [],
    witness: '基准测试监督人',
    seed: '基准测试公开随机种子-2025',
  };
  await createDraw(ctx.db, scope, input); // warm-up: JIT, statement caches
  const times: number[] = [];
  const fingerprints = new Set<string>();
  let last = '';
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const d = await createDraw(ctx.db, scope, input);
    times.push(performance.now() - t);
    fingerprints.add(d.resultFingerprint);
    last = d.id;
  }
  const drawMs = median(times);

  // The parts of the draw, measured on their own in the same run.
  const readTimes: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await findFieldsAsOf(ctx.db, org, inspectionObject, '2099-01-01T00:00:00.000Z', ['name', 'type', 'creditCode', 'region', 'status']);
    readTimes.push(performance.now() - t);
  }
  const files = await listAttachments(ctx.db, scope, last);
  const meta = files.find((a) => a.filename === SNAPSHOT_FILENAME);
  if (!meta) throw new Error('抽取记录没有候选名单快照');
  const snap = decodeSnapshot((await getAttachmentFile(ctx.db, scope, meta.id)).content);
  if (!snap) throw new Error('候选名单快照无法读取');
  const { seed, witness: _w, ...params } = input;
  const algoTimes: number[] = [];
  let algoFingerprint = '';
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    algoFingerprint = runDraw(seed, params, snap.objects, snap.inspectors, snap.drawnOn).resultFingerprint;
    algoTimes.push(performance.now() - t);
  }
  const algoMs = median(algoTimes);
  const vt = performance.now();
  const verified = await verifyDraw(ctx.db, scope, last);
  const verifyMs = performance.now() - vt;

  const reproducible = fingerprints.size === 1 && fingerprints.has(algoFingerprint);
  const verifiable = verified.ok;
  const mb = (meta.size / 1024 / 1024).toFixed(1);
  return [
    {
      goal: `双随机抽取，${n.toLocaleString('en-US')} 个检查对象（${ctx.dbName}）`,
      target: `≤ ${GOAL_MS} ms，可复现，可验证`,
      measured:
        `${drawMs.toFixed(0)} ms（中位数，${RUNS} 次；其中读取候选对象 ${median(readTimes).toFixed(0)} ms，算法本身 ${algoMs.toFixed(0)} ms；` +
        `候选 ${snap.objects.length.toLocaleString('en-US')} 家，快照 ${mb} MB gzip；` +
        `同一种子结果${reproducible ? '一致' : '不一致'}；验证${verifiable ? '通过' : '未通过'}，${verifyMs.toFixed(0)} ms）`,
      ratio: drawMs / algoMs,
      met: drawMs <= GOAL_MS && reproducible && verifiable,
    },
  ];
};

const main = () => runStandalone(drawBench);

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((e: unknown) => {
    console.error(`基准测试失败：${(e as Error).message}`);
    process.exit(1);
  });
}
