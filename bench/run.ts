/**
 * `npm run bench [-- --scale province] [-- --only province,lists]`: the goals of the province-scale
 * issue measured on the real code and a real database, each part on a fresh SQLite file and a fresh
 * PostgreSQL schema (FAZHI_BENCH_PG_URL, default the test server; skipped when unreachable). Every
 * goal is printed with its measured value and its ratio against a floor measured in the same run
 * (or against the target where there is no floor). Nothing here asserts on time: the machines are
 * small and shared, the ratios are what to compare.
 *
 * The default scale is small enough for a developer (a few minutes); `--scale province` builds the
 * province data set (100 county bureaus, about 450k records in the year) and takes much longer.
 */
import { fmtRatio, onPostgres, onSqlite, PG_URL, type Place, scaleArg } from './databases.ts';
import type { BenchPart, GoalResult } from './goal.ts';
import { drawBench } from './draw.ts';
import { durabilityBench } from './durability.ts';
import { importBench } from './import.ts';
import { listsBench } from './lists.ts';
import { loginBench } from './login.ts';
import { provinceBench } from './province.ts';
import { requestsBench } from './requests.ts';

/** The parts, in the order the issue lists its goals. */
const PARTS: Record<string, { label: string; run: BenchPart }> = {
  province: { label: '指标与报告', run: provinceBench },
  lists: { label: '台账列表', run: listsBench },
  requests: { label: '已登录请求', run: requestsBench },
  import: { label: 'Excel 导入', run: importBench },
  draw: { label: '双随机抽取', run: drawBench },
  durability: { label: '写入持久性（SQLite synchronous）', run: durabilityBench },
  login: { label: '登录防枚举', run: loginBench },
};

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0) return process.argv[i + 1];
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

type Row = GoalResult & { db: string; part: string };

async function main(): Promise<void> {
  const scale = scaleArg();
  const only = arg('only')?.split(',');
  const parts = Object.entries(PARTS).filter(([k]) => !only || only.includes(k));
  console.log(`法治民政工作台 基准测试（规模：${scale === 'province' ? '全省' : '默认'}；${parts.map(([, p]) => p.label).join('、')}）`);
  const rows: Row[] = [];
  let pg = true;
  for (const [key, part] of parts) {
    const collect = async (ctx: Place) => {
      console.log(`\n== ${part.label}（${ctx.dbName}）==`);
      for (const r of await part.run({ ...ctx, scale })) {
        rows.push({ ...r, db: ctx.dbName, part: key });
        console.log(`  [${ctx.dbName}] ${r.goal}：${r.measured}（目标 ${r.target}，${fmtRatio(r.ratio)}）${r.met ? '' : ' 未达标'}`);
      }
    };
    await onSqlite(collect);
    if (pg) pg = await onPostgres(collect);
  }
  if (!pg) console.log(`\n（PostgreSQL ${PG_URL.replace(/:[^:@/]*@/, ':***@')} 不可用，跳过）`);
  console.log('\n| 数据库 | 目标 | 要求 | 实测 | 比值 | 达标 |\n|---|---|---|---|---|---|');
  for (const r of rows)
    console.log(`| ${r.db} | ${r.goal} | ${r.target} | ${r.measured} | ${fmtRatio(r.ratio)} | ${r.met ? '是' : '否'} |`);
}

main().catch((e: unknown) => {
  console.error(`基准测试失败：${(e as Error).stack ?? e}`);
  process.exit(1);
});
