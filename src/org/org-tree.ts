/**
 * The org tree (every bureau and its parent) kept in memory by one app server. It is never trusted on
 * its own: each request's session query also returns the database's org tree version (bumped by
 * triggers in the transaction of every change to `org`, migration 0009), and a tree read at another
 * version is read again. So a bureau created or moved through another server, or by the CLI, is seen
 * here on the next request.
 */
import type { Db } from '../db/types.ts';
import { findAllOrgs, type OrgNode } from './org.repo.ts';

export class OrgTree {
  readonly #children = new Map<string, string[]>();
  readonly #subtrees = new Map<string, readonly string[]>();

  constructor(
    /** The version this tree was read at, or a lower one (never a higher one). */
    readonly version: number,
    readonly orgs: readonly OrgNode[],
  ) {
    for (const o of orgs) {
      if (o.parent_id === null) continue;
      const list = this.#children.get(o.parent_id);
      if (list) list.push(o.id);
      else this.#children.set(o.parent_id, [o.id]);
    }
  }

  /** The org and all orgs below it, breadth first. */
  subtree(orgId: string): readonly string[] {
    let out = this.#subtrees.get(orgId);
    if (!out) {
      const ids = [orgId];
      for (let i = 0; i < ids.length; i++) ids.push(...(this.#children.get(ids[i]) ?? []));
      out = Object.freeze(ids);
      this.#subtrees.set(orgId, out);
    }
    return out;
  }

  /** The given bureaus, in the order of `orgs`. */
  pick(ids: readonly string[]): OrgNode[] {
    const want = new Set(ids);
    return this.orgs.filter((o) => want.has(o.id));
  }
}

export class OrgTreeCache {
  #tree: OrgTree | undefined;
  #pending: { version: number; tree: Promise<OrgTree> } | undefined;

  /**
   * The tree at `version`, the version the caller has just read from the database. A tree read
   * afterwards is at least that new; labelling it `version` can cost one extra read later, never a
   * stale answer.
   */
  async at(db: Db, version: number): Promise<OrgTree> {
    if (this.#tree?.version === version) return this.#tree;
    if (this.#pending?.version === version) return this.#pending.tree;
    const tree = findAllOrgs(db).then((orgs) => new OrgTree(version, orgs));
    const pending = { version, tree };
    this.#pending = pending;
    try {
      const t = await tree;
      if (!this.#tree || t.version > this.#tree.version) this.#tree = t;
      return t;
    } finally {
      if (this.#pending === pending) this.#pending = undefined;
    }
  }
}
