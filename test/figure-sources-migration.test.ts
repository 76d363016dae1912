/**
 * Migration 0010 on reports written while snapshots carried every figure's source ids inline: each
 * figure keeps a source count, the ids leave the stored JSON (drafts, finals, versions), and the
 * records behind a final's numbers move to report_figure_source, so the final still lists exactly
 * what it was computed from.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { migrateTo, migrateToLatest } from '../src/db/migrate.ts';
import { insertRecord } from '../src/ledger/record.repo.ts';
import { systemScope } from '../src/org/scope.ts';
import { figureSources } from '../src/reports/report-sources.service.ts';
import { makeDb, makeWorld, type TestDb, type World } from './helpers.ts';

const at = '2026-01-05T02:00:00.000Z';

describe('migration 0010: figure sources leave the snapshot', () => {
  let t: TestDb;
  let w: World;
  const rec: string[] = [];
  const ids = { final: '', draft: '' };
  before(async () => {
    t = await makeDb();
    w = await makeWorld(t.db);
    await migrateTo(t.db, '0005-report-versions');
    for (const [i, date] of ['2025-03-01', '2025-06-01', '2025-09-01'].entries()) {
      const id = randomUUID();
      rec.push(id);
      await insertRecord(t.db, {
        id,
        org_id: w.city,
        ledger: 'study_session',
        unit_id: null,
        occurred_on: date,
        year: 2025,
        title: `学法${i}`,
        status: null,
        data: JSON.stringify({ date, kind: '党组理论学习中心组学法', topic: `学法${i}`, attendees: 5 }),
        version: 1,
        created_at: at,
        created_by: w.users.officer,
        updated_at: at,
        updated_by: w.users.officer,
        deleted_at: null,
      });
    }
    // As written before 0010: ids inline, in the figure and in each group.
    const figures = JSON.stringify({
      computedAt: at,
      period: { from: '2025-01-01', to: '2025-12-31' },
      rollup: false,
      orgIds: [w.city],
      values: {
        'study.central_group': { key: 'study.central_group', label: '党组理论学习中心组学法次数', unit: '次', value: 3, sources: rec },
        'study.by_kind': {
          key: 'study.by_kind',
          label: '学法活动（按形式）',
          unit: '次',
          value: 3,
          sources: rec,
          breakdown: [{ label: '党组理论学习中心组学法', value: 3, sources: [...rec, 'gone-record'] }],
        },
      },
      undefinedKeys: [],
    });
    const row = (status: string) => ({
      id: randomUUID(),
      org_id: w.city,
      kind: 'annual-report',
      year: 2025,
      title: '某市民政局2025年度法治政府建设情况报告',
      status,
      content: JSON.stringify({ title: '旧稿', date: '2026-01-05' }),
      figures,
      version: 1,
      created_at: at,
      created_by: w.users.officer,
      updated_at: at,
      updated_by: w.users.officer,
      finalized_at: status === 'final' ? at : null,
      finalized_by: status === 'final' ? w.users.leader : null,
      rollup: 0,
    });
    const final = row('final');
    const draft = row('draft');
    ids.final = final.id;
    ids.draft = draft.id;
    for (const r of [final, draft]) {
      await t.db.insertInto('report_draft').values(r).execute();
      await t.db
        .insertInto('report_version')
        .values({
          report_id: r.id,
          version: 1,
          change: 'generate',
          title: r.title,
          content: r.content,
          figures,
          created_at: at,
          created_by: r.created_by,
        })
        .execute();
    }
    await migrateToLatest(t.db);
  });
  after(async () => t.close());

  it('keeps a source count for each figure and group and drops the inline ids everywhere', async () => {
    for (const table of ['report_draft', 'report_version'] as const) {
      const rows = await t.db.selectFrom(table).select('figures').execute();
      assert.equal(rows.length, 2);
      for (const r of rows) {
        assert.ok(!r.figures.includes('"sources"'), `${table}: no inline ids left`);
        const v = JSON.parse(r.figures).values;
        assert.equal(v['study.central_group'].sourceCount, 3);
        assert.deepEqual(v['study.by_kind'].breakdown, [{ label: '党组理论学习中心组学法', value: 3, sourceCount: 4 }]);
      }
    }
  });

  it('a final still lists the records it was computed from; a draft keeps none and reads the ledgers', async () => {
    const scope = systemScope(w.city, [w.city, w.county]);
    const kept = await figureSources(t.db, scope, ids.final, { figure: 'study.central_group' });
    assert.equal(kept.kept, true);
    assert.deepEqual(
      kept.items.map((i) => i.id),
      [rec[2], rec[1], rec[0]],
      'newest first',
    );
    const group = await figureSources(t.db, scope, ids.final, { figure: 'study.by_kind', part: '党组理论学习中心组学法' });
    assert.equal(group.total, 3, 'an id no record has any more is dropped: nothing to list');
    const stored = await t.db.selectFrom('report_figure_source').select(['report_id']).execute();
    assert.ok(stored.length > 0 && stored.every((r) => r.report_id === ids.final), 'only the final keeps records');
    const live = await figureSources(t.db, scope, ids.draft, { figure: 'study.central_group' });
    assert.equal(live.kept, false);
    assert.equal(live.total, 3);
  });
});
