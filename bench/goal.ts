/**
 * The shape every part of `npm run bench` reports in: a goal from the province-scale issue, the
 * value measured, and the ratio against the floor measured in the same run (a bare query, a bare
 * Fastify route, the algorithm alone), so a noisy 2-core machine compares like with like.
 */
import type { Db } from '../src/db/types.ts';

export type BenchScale = 'default' | 'province';

export type BenchContext = {
  db: Db;
  /** 'SQLite' or 'PostgreSQL', as printed. */
  dbName: 'SQLite' | 'PostgreSQL';
  scale: BenchScale;
  /** A connection string that opens this same database from another process or pool (PG), or the SQLite file path. */
  url: string;
  /** For PostgreSQL: the schema the bench runs in. */
  schema?: string;
};

export type GoalResult = {
  /** The goal as the issue states it, in Chinese, e.g. 「Excel 导入 50,000 行」. */
  goal: string;
  /** The target, e.g. 「≤ 5 s」 or 「≥ 40%」. */
  target: string;
  /** What was measured, with units, e.g. 「3.2 s，RSS 310 MB」. */
  measured: string;
  /** Measured over the floor (or over the target when there is no floor); null when not applicable. */
  ratio: number | null;
  met: boolean;
};

export type BenchPart = (ctx: BenchContext) => Promise<GoalResult[]>;
