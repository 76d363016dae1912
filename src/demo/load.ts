/**
 * Loads the demo into a migrated, empty database: bureaus, units, accounts and about a year and a half
 * of records in every ledger of the registry. Records go through createRecord with a system scope, so
 * they are validated and audited like any other write. Deterministic: the same day gives the same data.
 */
import path from 'node:path';
import { inTx } from '../db/tx.ts';
import type { Db } from '../db/types.ts';
import { AppError } from '../errors.ts';
import { addAttachment } from '../ledger/attachment.service.ts';
import type { RecordData } from '../ledger/field.ts';
import { refTargetKeys } from '../ledger/field.ts';
import { findRecords, type RecordView } from '../ledger/record.repo.ts';
import { createRecord, updateRecord, validateData } from '../ledger/record.service.ts';
import type { Ledger } from '../ledger/define.ts';
import { inspectionTask, randomDraw } from '../modules/enforcement/enforcement.ledger.ts';
import { folderCategory, importLawFiles, lawFilesUnder } from '../modules/law/law-files.ts';
import { lawLedger } from '../modules/law/law.ledger.ts';
import { LAW_MSG } from '../modules/law/law.messages.ts';
import { normdoc } from '../modules/normdoc/normdoc.ledger.ts';
import { publicityActivity } from '../modules/publicity/publicity.ledger.ts';
import { studySession } from '../modules/study/study.ledger.ts';
import { dutyItem } from '../modules/plan/plan.ledger.ts';
import { allLedgers } from '../ledger/registry.ts';
import '../modules/index.ts';
import { createDraw } from '../modules/enforcement/draw.service.ts';
import { findAllOrgs } from '../org/org.repo.ts';
import { subtree, systemScope } from '../org/scope.ts';
import { createReport } from '../reports/report.service.ts';
import { type Clock, dayClock, systemClock, today } from '../util/time.ts';
import { type GenCtx, generatorFor, genericRecord } from './generators.ts';
import './modules.ts';
import './laws.ts';
import { Rng } from './rng.ts';
import { createSkeleton, type DemoAccount, type DemoOrg, type DemoOrgKey } from './skeleton.ts';

export const DEMO_FROM = '2025-01-01';

/** Ledgers whose records only a service may write (a 双随机 draw is computed, not typed in). */
const CUSTOM = new Map<Ledger, (db: Db, org: DemoOrg, clock: Clock) => Promise<number>>([
  [
    randomDraw,
    async (db, org, clock) => {
      const scope = systemScope(org.id, [org.id], clock);
      // The two latest tasks of the bureau.
      const { items: tasks } = await findRecords(db, { orgIds: [org.id], ledger: inspectionTask.key, limit: 2 });
      let n = 0;
      for (const [i, t] of tasks.entries()) {
        await createDraw(db, scope, {
          taskId: t.id,
          objectFilter: {},
          objectCount: 3 + i,
          groups: 1,
          perGroup: 2,
          recusals: [],
          witness: org.deputy,
          seed: `${org.shortName}-${t.occurredOn ?? ''}-公开种子-${i + 1}`,
        });
        n++;
      }
      return n;
    },
  ],
]);

export type DemoResult = {
  orgs: Record<DemoOrgKey, DemoOrg>;
  accounts: DemoAccount[];
  /** ledger key → records created (all bureaus) */
  counts: Record<string, number>;
  /** report drafts created (kind@bureau) */
  reports: string[];
  /** rows a generator produced that the declaration refused (shown as warnings) */
  skipped: Array<{ ledger: string; org: string; reason: string }>;
};

export type DemoOptions = {
  today?: string;
  from?: string;
  log?: (line: string) => void;
  /** A folder of law texts in the LawRefBook layout, imported into every bureau's law library. */
  lawsDir?: string;
};

export async function loadDemo(db: Db, opts: DemoOptions = {}): Promise<DemoResult> {
  // Everything the demo writes is dated by this clock, so a demo "as of" a day holds nothing after it.
  const clock = opts.today ? dayClock(opts.today) : systemClock;
  const to = today(clock);
  const from = opts.from ?? DEMO_FROM;
  const log = opts.log ?? (() => {});
  if ((await findAllOrgs(db)).length) throw new AppError('conflict', 409, '冲突', '数据库中已有单位，演示数据只能装入空数据库');
  const rng = new Rng(`fazhi-demo|${to}`);
  const { orgs, accounts } = await createSkeleton(db, rng);
  const counts: Record<string, number> = {};
  const skipped: DemoResult['skipped'] = [];
  // Service-written ledgers last: a draw needs the people and objects of the others, whatever the
  // order the modules were registered in.
  const ordered = [...allLedgers().filter((l) => !CUSTOM.has(l)), ...allLedgers().filter((l) => CUSTOM.has(l))];
  for (const ledger of ordered) {
    counts[ledger.key] = 0;
    const custom = CUSTOM.get(ledger);
    if (custom) {
      for (const org of Object.values(orgs)) {
        try {
          counts[ledger.key] += await custom(db, org, clock);
        } catch (e) {
          skipped.push({ ledger: ledger.key, org: org.name, reason: e instanceof AppError ? e.detail : (e as Error).message });
        }
      }
      log(`  ${ledger.label}（${ledger.key}）：${counts[ledger.key]} 条`);
      continue;
    }
    for (const org of Object.values(orgs)) {
      const ctx: GenCtx = { org, rng: new Rng(`${ledger.key}|${org.key}|${to}`), from, to, ledger };
      const gen = generatorFor(ledger);
      let rows: RecordData[];
      try {
        rows = gen(ctx);
      } catch (e) {
        skipped.push({ ledger: ledger.key, org: org.name, reason: `生成失败：${(e as Error).message}` });
        rows = [];
      }
      const valid: RecordData[] = [];
      for (const row of rows) {
        try {
          valid.push(validateData(ledger, row));
        } catch (e) {
          skipped.push({ ledger: ledger.key, org: org.name, reason: e instanceof AppError ? e.detail : (e as Error).message });
        }
      }
      // A ledger must never be empty: fall back to records built from the declaration.
      for (let attempt = 0; valid.length === 0 && attempt < 20; attempt++) {
        const year = Number(to.slice(0, 4));
        const row = genericRecord(ctx, ctx.rng.workday(`${year}-01-01`, to), attempt + 1, year);
        try {
          valid.push(validateData(ledger, row));
        } catch {
          /* try another */
        }
      }
      await inTx(db, async (trx) => {
        const scope = systemScope(org.id, [org.id], clock);
        for (const row of valid) await createRecord(trx, scope, ledger.key, row);
      });
      counts[ledger.key] += valid.length;
    }
    log(`  ${ledger.label}（${ledger.key}）：${counts[ledger.key]} 条`);
  }
  await linkRecords(db, orgs, clock, skipped);
  if (opts.lawsDir) await importLawTexts(db, orgs, opts.lawsDir, clock, log, skipped);
  const reports = await extras(db, orgs, clock, skipped);
  return { orgs, accounts, counts, reports, skipped };
}

/**
 * Records in an order that depends on their content only (ids are random), so the same day gives
 * the same links.
 */
const inContentOrder = (recs: RecordView[]): RecordView[] =>
  recs
    .map((r) => ({ r, k: `${r.occurredOn ?? ''}|${r.title}|${JSON.stringify(r.data)}` }))
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
    .map((x) => x.r);

/** Share of a ledger's records that get their references filled in (the rest show what is missing). */
const LINKED_SHARE = 0.75;

/**
 * References between the demo's records, made after every ledger is filled (a reference may point
 * at a ledger loaded later): most records of a ledger with `ref` fields point at records of the same
 * bureau. For the 普法责任清单 only two thirds of the items are ever named, so the coverage view has
 * gaps to show. Each link is an ordinary audited update.
 */
/** The real texts of the laws, into each bureau's library: the catalogue entries of the same title receive them. */
async function importLawTexts(
  db: Db,
  orgs: Record<DemoOrgKey, DemoOrg>,
  dir: string,
  clock: Clock,
  log: (line: string) => void,
  skipped: DemoResult['skipped'],
): Promise<void> {
  const files = lawFilesUnder(dir).map((f) => ({ path: f, name: path.relative(dir, f), category: folderCategory(f) }));
  for (const org of Object.values(orgs)) {
    const res = await importLawFiles(db, systemScope(org.id, [org.id], clock), files, () => {});
    log(`  ${LAW_MSG.filesSummary(org.name, res)}`);
    for (const f of res.failed) skipped.push({ ledger: lawLedger.key, org: org.name, reason: `${f.file}：${f.reason}` });
  }
}

async function linkRecords(db: Db, orgs: Record<DemoOrgKey, DemoOrg>, clock: Clock, skipped: DemoResult['skipped']): Promise<void> {
  for (const ledger of allLedgers()) {
    const refFields = Object.entries(ledger.fields).filter(([, d]) => d.ref);
    if (ledger.serviceOnly || !refFields.length) continue;
    for (const org of Object.values(orgs)) {
      const rng = new Rng(`links|${ledger.key}|${org.key}`);
      const scope = systemScope(org.id, [org.id], clock);
      const own = inContentOrder((await findRecords(db, { orgIds: [org.id], ledger: ledger.key })).items);
      const pools = new Map<string, string[]>();
      for (const [field, def] of refFields) {
        const ids: string[] = [];
        for (const key of def.ref ? refTargetKeys(def.ref) : []) {
          const items = inContentOrder((await findRecords(db, { orgIds: [org.id], ledger: key })).items);
          ids.push(...(key === dutyItem.key ? items.slice(0, Math.ceil((items.length * 2) / 3)) : items).map((r) => r.id));
        }
        pools.set(field, ids);
      }
      for (const rec of own) {
        if (!rng.chance(LINKED_SHARE)) continue;
        const data = { ...rec.data };
        for (const [field, def] of refFields) {
          const pool = (pools.get(field) ?? []).filter((id) => id !== rec.id);
          if (!pool.length) continue;
          const pick = () => pool[rng.int(0, pool.length - 1)];
          data[field] = def.ref?.many ? [...new Set([pick(), pick()])] : pick();
        }
        try {
          await updateRecord(db, scope, rec.id, data, rec.version);
        } catch (e) {
          skipped.push({ ledger: ledger.key, org: org.name, reason: `关联：${e instanceof AppError ? e.detail : (e as Error).message}` });
        }
      }
    }
  }
}

/** Evidence files on a few records, and last year's report drafts, so that every page has content. */
async function extras(db: Db, orgs: Record<DemoOrgKey, DemoOrg>, clock: Clock, skipped: DemoResult['skipped']): Promise<string[]> {
  const made: string[] = [];
  const to = today(clock);
  for (const org of Object.values(orgs)) {
    const scope = systemScope(org.id, await subtree(db, org.id), clock);
    const files: Array<[Ledger, string, string]> = [
      [
        studySession,
        '签到表.txt',
        `${org.name}党组理论学习中心组学法签到表\n主讲：${org.head}\n参加人员：${org.deputy}、${org.officer}等\n`,
      ],
      [publicityActivity, '活动简报.txt', `${org.name}普法宣传活动简报\n活动照片及宣传资料发放登记见附件。\n`],
      [normdoc, '备案报告.txt', `${org.name}关于报送规范性文件备案的报告\n`],
    ];
    for (const [ledger, filename, text] of files) {
      const [rec] = (await findRecords(db, { orgIds: [org.id], ledger: ledger.key, limit: 1 })).items;
      if (!rec) continue;
      try {
        await addAttachment(db, systemScope(org.id, [org.id], clock), rec.id, {
          filename,
          mime: 'text/plain',
          content: Buffer.from(text, 'utf8'),
          note: '演示附件',
        });
      } catch (e) {
        skipped.push({ ledger: ledger.key, org: org.name, reason: `附件：${e instanceof AppError ? e.detail : (e as Error).message}` });
      }
    }
    const year = Number(to.slice(0, 4)) - 1;
    const kinds = org.level === 'city' ? ['annual-report'] : ['annual-report', 'self-inspection'];
    for (const kind of kinds) {
      try {
        await createReport(db, scope, { kind, year, orgId: org.id, rollup: org.level === 'city' });
        made.push(`${kind}@${org.shortName}`);
      } catch (e) {
        skipped.push({ ledger: `report:${kind}`, org: org.name, reason: e instanceof AppError ? e.detail : (e as Error).message });
      }
    }
  }
  return made;
}
