/**
 * `npx tsx bench/login.ts`: a failed login for an unknown username takes as long as one for a known
 * account (the unknown one is verified against a dummy argon2 hash of the same cost, and its failures
 * are counted the same way), so timing does not tell which usernames exist. Known and unknown
 * attempts alternate through the real app (inject, no sockets), with the lock and the address
 * throttle set out of reach; the ratio is unknown over known, by median. Nothing here asserts on time.
 */
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config.ts';
import { buildApp } from '../src/http/app.ts';
import { createOrgUnchecked, createUserUnchecked } from '../src/org/org.service.ts';
import { runStandalone } from './databases.ts';
import type { BenchPart } from './goal.ts';

const ROUNDS = Number(process.env.BENCH_LOGIN_ROUNDS ?? 40);
/** The widest ratio that still reads as "the same time" on a shared 2-core machine. */
const SAME = 1.25;

const median = (xs: number[]) => [...xs].sort((p, q) => p - q)[Math.floor(xs.length / 2)];

export const loginBench: BenchPart = async ({ db }) => {
  const actor = { userId: 'bench', username: 'bench', orgId: '', ip: 'bench' };
  const org = await createOrgUnchecked(db, actor, { name: '基准测试市民政局', level: 'city' });
  await createUserUnchecked(db, actor, {
    username: 'bench.known',
    displayName: '基准',
    password: 'Bench#Login2026',
    role: 'officer',
    orgId: org,
  });
  const cfg = loadConfig({ LOGIN_MAX_FAILURES: '100000', LOGIN_IP_MAX_FAILURES: '100000', SECOND_FACTOR: 'off' });
  const app = await buildApp(db, cfg, { webRoot: '/nonexistent' });
  const time = async (username: string) => {
    const t0 = process.hrtime.bigint();
    const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'Wrong#Login2026' } });
    if (r.statusCode !== 401) throw new Error(`expected 401 for ${username}, got ${r.statusCode}`);
    return Number(process.hrtime.bigint() - t0) / 1e6;
  };
  const known: number[] = [];
  const unknown: number[] = [];
  await time('bench.warm-up'); // the dummy hash is made on the first login of a process
  for (let i = 0; i < ROUNDS; i++) {
    known.push(await time('bench.known'));
    unknown.push(await time(`bench.nobody${i % 4}`));
  }
  await app.close();
  const ratio = median(unknown) / median(known);
  return [
    {
      goal: '登录失败耗时：不存在的用户名与存在的用户相同（中位数之比）',
      target: `${(1 / SAME).toFixed(2)}–${SAME.toFixed(2)}×`,
      measured: `已知 ${median(known).toFixed(1)} ms，未知 ${median(unknown).toFixed(1)} ms（各 ${ROUNDS} 次）`,
      ratio,
      met: ratio >= 1 / SAME && ratio <= SAME,
    },
  ];
};

const main = () => runStandalone(loginBench);

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
