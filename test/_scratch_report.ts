import { makeDb, makeWorld } from './helpers.ts';
import '../src/modules/index.ts';
import { createReport } from '../src/reports/report.service.ts';
import { systemScope } from '../src/org/scope.ts';
import { createRecord } from '../src/ledger/record.service.ts';
import { plainText } from '../src/reports/model.ts';
import { renderDocx } from '../src/reports/render-docx.ts';
import fs from 'node:fs';
const t = await makeDb();
const w = await makeWorld(t.db);
const sc = systemScope(w.city, [w.city, w.county, w.otherCounty]);
await createRecord(t.db, sc, 'study_session', { date: '2025-02-10', kind: '党组理论学习中心组学法', topic: '学习宪法', laws: '宪法、民法典', attendees: 9 });
for (const kind of ['annual-report', 'self-inspection', 'work-summary', 'next-plan', 'disclosure-report']) {
  const d = await createReport(t.db, sc, { kind, year: 2025 });
  const lines: string[] = [d.content.title, `${d.content.addressee}：`];
  for (const b of d.content.preamble) if (b.type === 'paragraph') lines.push(plainText(d.figures, b.runs));
  for (const s of d.content.sections) {
    lines.push(s.heading);
    for (const b of s.blocks) {
      if (b.type === 'paragraph') lines.push((b.lead?.text ?? '') + plainText(d.figures, b.runs));
      else if (b.type === 'heading') lines.push(b.text);
      else lines.push(`[表] ${b.title}: ` + b.rows.map((r) => r.map((c) => plainText(d.figures, c.runs)).join('|')).join(' / '));
    }
  }
  lines.push(d.content.signature, d.content.date);
  lines.push('--- issues:', ...d.issues.map((i) => `${i.level} ${i.message}`));
  fs.writeFileSync(`/tmp/rp/${kind}.txt`, lines.join('\n'));
  fs.writeFileSync(`/tmp/rp/${kind}.docx`, await renderDocx(d.content, d.figures));
}
await t.close();
