import type { Db } from './types.ts';

/** Runs `fn` in a transaction, or in the caller's transaction when `db` already is one. */
export async function inTx<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db);
  return db.transaction().execute(fn);
}
