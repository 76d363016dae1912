/**
 * Excel template, import and export over the real HTTP API: the template round trip, all-or-nothing
 * import with row numbers, dry run, 科室 names, header tolerance, wrong files, and the export scope.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import type { CellValue } from 'exceljs';
import { verifyAuditChain } from '../src/audit/audit.service.ts';
import { defineLedger } from '../src/ledger/define.ts';
import { importLedgerXlsx } from '../src/ledger/excel.ts';
import { f } from '../src/ledger/field.ts';
import { IMPORT_BATCH, MAX_LISTED_ERRORS } from '../src/ledger/import.service.ts';
import { registerLedgers } from '../src/ledger/registry.ts';
import { studySession } from '../src/modules/study/study.ledger.ts';
import { systemScope } from '../src/org/scope.ts';
import { minimalXlsx } from './xlsx-fixtures.ts';
import {
  type Client,
  client,
  makeDb,
  makeWorld,
  type Res,
  type Server,
  startServer,
  type TestDb,
  type World,
  serverSuite,
} from './helpers.ts';

// A ledger used only here, to cover the field kinds the study ledgers do not have.
registerLedgers([
  defineLedger({
    key: 'excel_kinds_test',
    module: 'test',
    label: '导入测试台账',
    titleField: 'name',
    dateField: 'day',
    fields: {
      name: f.text('名称', { required: true }),
      day: f.date('日期', { required: true }),
      done: f.bool('是否完成'),
      laws: f.tags('涉及法律', ['宪法', '民法典', '行政处罚法']),
      amount: f.number('金额'),
    },
  }),
  defineLedger({
    key: 'excel_ref_test',
    module: 'test',
    label: '导入引用测试台账',
    titleField: 'name',
    fields: {
      name: f.text('名称', { required: true }),
      session: f.ref('关联学法活动', studySession),
    },
  }),
]);

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function download(c: Client, url: string): Promise<{ res: Response; buf: Buffer }> {
  const res = await c.raw(url);
  const buf = Buffer.from(await res.arrayBuffer());
  return { res, buf };
}

async function upload(c: Client, url: string, content: Buffer | string, filename = 'import.xlsx', type = XLSX): Promise<Res> {
  const form = new FormData();
  form.append('file', new Blob([typeof content === 'string' ? content : new Uint8Array(content)], { type }), filename);
  const res = await c.raw(url, { method: 'POST', body: form });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

async function workbook(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer);
  return wb;
}

async function toBuf(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A sheet with a header row and data rows, as an officer would make it by hand. */
async function sheet(header: string[], rows: CellValue[][], name = 'Sheet1'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(name);
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return toBuf(wb);
}

const STUDY_HEADER = ['*日期', '*形式', '*学习主题', '参加人数', '组织科室'];

describe('Excel template, import and export', () => {
  let t: TestDb;
  let s: Server;
  let w: World;
  before(async () => {
    t = await makeDb();
    w = await makeWorld(t.db);
    s = await startServer(t.db);
  });
  after(async () => {
    await s.close();
    await t.close();
  });

  it('round-trips the template: download, fill in, import; the list and the figures show the rows', async () => {
    const c = await client(s.base, 'officer');
    const { res, buf } = await download(c, '/api/ledgers/study_session/template.xlsx');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), XLSX);
    assert.match(
      res.headers.get('content-disposition') ?? '',
      new RegExp(`filename\\*=UTF-8''${encodeURIComponent('学法活动台账导入模板.xlsx')}`),
    );

    const wb = await workbook(buf);
    const ws = wb.getWorksheet('学法活动台账');
    assert.ok(ws, '模板应有以台账命名的工作表');
    assert.deepEqual((ws.getRow(1).values as CellValue[]).slice(1), [
      '*日期',
      '*形式',
      '*学习主题',
      '学习的法律法规',
      '主讲人',
      '参加人数',
      '学时',
      '组织科室',
      '备注',
    ]);
    const kindList = ws.getCell('B2').dataValidation;
    assert.equal(kindList?.type, 'list');
    const options = wb.getWorksheet('选项');
    assert.ok(options);
    const optionValues = (ref: string) => {
      const m = /\$([A-Z]+)\$1:\$[A-Z]+\$(\d+)/.exec(ref);
      assert.ok(m, ref);
      return Array.from({ length: Number(m[2]) }, (_, i) => options.getCell(`${m[1]}${i + 1}`).value);
    };
    assert.ok(optionValues(String(kindList?.formulae[0])).includes('党组理论学习中心组学法'));
    assert.deepEqual(optionValues(String(ws.getCell('H2').dataValidation?.formulae[0])).sort(), ['政策法规科', '社会救助科'].sort());
    assert.equal(ws.getCell('F2').dataValidation?.type, 'whole');
    assert.equal(ws.getCell('A2').numFmt, 'yyyy-mm-dd');
    const help = wb.getWorksheet('说明');
    assert.ok(help);
    const helpRows = help
      .getSheetValues()
      .filter(Boolean)
      .map((r) => (Array.isArray(r) ? r.slice(1) : []));
    assert.ok(
      helpRows.some((r) => r[0] === '日期' && r[1] === '日期' && r[2] === '是'),
      JSON.stringify(helpRows),
    );
    assert.ok(helpRows.some((r) => r[0] === '形式' && String(r[3]).includes('在线学法')));

    // Fill the downloaded template the way Excel/WPS would: a real date cell, typed text, a number as text.
    ws.getCell('A2').value = new Date(Date.UTC(2025, 2, 5));
    ws.getCell('B2').value = '党组理论学习中心组学法';
    ws.getCell('C2').value = '学习宪法';
    ws.getCell('F2').value = 9;
    ws.getCell('H2').value = '政策法规科';
    ws.getCell('A3').value = '2025/4/8';
    ws.getCell('B3').value = '干部职工集中学法';
    ws.getCell('C3').value = '学习民法典';
    ws.getCell('F3').value = '12';
    ws.getCell('G3').value = 2.5;
    ws.getCell('H3').value = ' 社会救助科 ';
    ws.getCell('A5').value = '2025年5月6日';
    ws.getCell('B5').value = '在线学法';
    ws.getCell('C5').value = '网上学法';
    const r = await upload(c, '/api/ledgers/study_session/import', await toBuf(wb));
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(r.body, { created: 3, updated: 0, unchanged: 0, duplicates: 0, dryRun: false, count: 3 });

    const list = await c.get('/api/ledgers/study_session/records?year=2025&pageSize=50');
    assert.equal(list.body.total, 3);
    const byTopic = (title: string) => list.body.items.find((i: { title: string }) => i.title === title);
    assert.equal(byTopic('学习宪法').occurredOn, '2025-03-05');
    assert.equal(byTopic('学习宪法').unitId, w.units.office);
    assert.equal(byTopic('学习民法典').occurredOn, '2025-04-08');
    assert.equal(byTopic('学习民法典').data.attendees, 12);
    assert.equal(byTopic('学习民法典').data.hours, 2.5);
    assert.equal(byTopic('学习民法典').unitId, w.units.welfare);
    assert.equal(byTopic('网上学法').occurredOn, '2025-05-06');

    const fig = await c.get('/api/figures?year=2025&keys=study.central_group,study.sessions,study.attendance');
    const value = Object.fromEntries(fig.body.figures.map((x: { key: string; value: number }) => [x.key, x.value]));
    assert.deepEqual(value, { 'study.central_group': 1, 'study.sessions': 3, 'study.attendance': 21 });

    // The import is audited once, as one entry naming the count.
    const audit = await (await client(s.base, 'auditor')).get('/api/audit?action=record.import');
    assert.equal(audit.body.total, 1);
  });

  it('imports nothing when one row is bad, and names the row (第3行)', async () => {
    const c = await client(s.base, 'county');
    const file = await sheet(STUDY_HEADER, [
      ['2025-03-01', '在线学法', '第一行正确', 5, '办公室'],
      ['2025-02-30', '在线学法', '日期不存在', 5, '办公室'],
      ['2025-03-02', '在线学法', '这一行也正确', 5, '办公室'],
    ]);
    const r = await upload(c, '/api/ledgers/study_session/import', file);
    assert.equal(r.status, 400, JSON.stringify(r.body));
    assert.equal(r.headers.get('content-type')?.startsWith('application/problem+json'), true);
    assert.match(r.body.detail, /^第3行：日期应为有效日期/);
    assert.equal(r.body.field, 'date');
    assert.equal((await c.get('/api/ledgers/study_session/records')).body.total, 0);

    const badKind = await upload(
      c,
      '/api/ledgers/study_session/import',
      await sheet(STUDY_HEADER, [
        ['2025-03-01', '在线学法', '正确', 5, null],
        ['2025-03-01', '在线学法', '正确', 5, null],
        ['2025-03-01', '喝茶', '形式不对', 5, null],
      ]),
    );
    assert.equal(badKind.status, 400);
    assert.match(badKind.body.detail, /^第4行：形式应为以下之一/);
    const badNumber = await upload(
      c,
      '/api/ledgers/study_session/import',
      await sheet(STUDY_HEADER, [['2025-03-01', '在线学法', '人数不对', '十二', null]]),
    );
    assert.equal(badNumber.status, 400);
    assert.match(badNumber.body.detail, /^第2行：参加人数应为数字/);
    const missing = await upload(
      c,
      '/api/ledgers/study_session/import',
      await sheet(STUDY_HEADER, [['2025-03-01', '在线学法', null, 3, null]]),
    );
    assert.equal(missing.status, 400);
    assert.match(missing.body.detail, /^第2行：学习主题不能为空/);
    assert.equal((await c.get('/api/ledgers/study_session/records')).body.total, 0);
  });

  it('rolls back rows already written when a later row is refused while saving (staff, another 科室)', async () => {
    const staff = await client(s.base, 'staff');
    const r = await upload(
      staff,
      '/api/ledgers/study_session/import',
      await sheet(STUDY_HEADER, [
        ['2023-05-01', '在线学法', '本科室的学法', 3, '社会救助科'],
        ['2023-05-02', '在线学法', '别的科室的学法', 3, '政策法规科'],
      ]),
    );
    assert.equal(r.status, 403, JSON.stringify(r.body));
    assert.match(r.body.detail, /本科室/);
    assert.equal((await staff.get('/api/ledgers/study_session/records?year=2023')).body.total, 0);
    const ok = await upload(
      staff,
      '/api/ledgers/study_session/import',
      await sheet(STUDY_HEADER, [['2023-05-01', '在线学法', '本科室的学法', 3, null]]),
    );
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    const items = (await staff.get('/api/ledgers/study_session/records?year=2023')).body.items;
    assert.equal(items.length, 1);
    assert.equal(items[0].unitId, w.units.welfare);
  });

  it('dry run checks the file and writes nothing', async () => {
    const c = await client(s.base, 'county');
    const file = await sheet(STUDY_HEADER, [
      ['2024-06-01', '执法人员培训', '试导入一', 20, '办公室'],
      ['2024-06-02', '执法人员培训', '试导入二', 30, null],
    ]);
    const before = (await c.get('/api/ledgers/study_session/records')).body.total;
    const r = await upload(c, '/api/ledgers/study_session/import?dryRun=1', file);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(r.body, { created: 2, updated: 0, unchanged: 0, duplicates: 0, dryRun: true, count: 2 });
    assert.equal((await c.get('/api/ledgers/study_session/records')).body.total, before);
    const bad = await upload(
      c,
      '/api/ledgers/study_session/import?dryRun=1',
      await sheet(STUDY_HEADER, [['2024-06-01', '执法人员培训', 'x', -3, null]]),
    );
    assert.equal(bad.status, 400);
    assert.match(bad.body.detail, /^第2行：参加人数不能小于0/);
  });

  it('refuses a 科室 name that is not a unit of the caller’s bureau, with the row number', async () => {
    const county = await client(s.base, 'county');
    const r = await upload(
      county,
      '/api/ledgers/study_session/import',
      await sheet(STUDY_HEADER, [
        ['2025-01-02', '在线学法', '科室正确', 1, '办公室'],
        ['2025-01-03', '在线学法', '科室不对', 1, '宣传科'],
      ]),
    );
    assert.equal(r.status, 400);
    assert.match(r.body.detail, /^第3行：组织科室“宣传科”不是本单位的科室/);
    // The city's unit name means nothing in the county.
    const cityUnit = await upload(
      county,
      '/api/ledgers/study_session/import',
      await sheet(STUDY_HEADER, [['2025-01-02', '在线学法', '市里的科室', 1, '政策法规科']]),
    );
    assert.equal(cityUnit.status, 400);
    assert.match(cityUnit.body.detail, /^第2行：组织科室“政策法规科”不是本单位的科室/);
    assert.equal((await county.get('/api/ledgers/study_session/records?year=2025')).body.total, 0);
  });

  it('matches columns by label, tolerating * marks, spaces, a title row and 序号; unknown columns are named', async () => {
    const c = await client(s.base, 'other');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('我的台账');
    ws.addRow(['2025年学法活动登记表']);
    ws.addRow(['序号', ' 日期* ', '＊形式', '学习主题（必填）', '参加 人数']);
    ws.addRow([1, '2025.7.1', '旁听庭审', '旁听行政诉讼庭审', '８']);
    ws.addRow([]);
    ws.addRow([2, 20250702, '在线学法', '学习行政复议法', null]);
    const ok = await upload(c, '/api/ledgers/study_session/import', await toBuf(wb));
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal(ok.body.count, 2);
    const items = (await c.get('/api/ledgers/study_session/records?year=2025')).body.items;
    assert.deepEqual(items.map((i: { occurredOn: string }) => i.occurredOn).sort(), ['2025-07-01', '2025-07-02']);
    assert.ok(items.some((i: { data: { attendees?: number } }) => i.data.attendees === 8));

    const unknown = await upload(
      c,
      '/api/ledgers/study_session/import',
      await sheet([...STUDY_HEADER, '签到人'], [['2025-03-01', '在线学法', 'x', 1, null, '张三']]),
    );
    assert.equal(unknown.status, 400);
    assert.match(unknown.body.detail, /第F列“签到人”不是本台账的列/);
    const noRequired = await upload(c, '/api/ledgers/study_session/import', await sheet(['*日期', '*学习主题'], [['2025-03-01', 'x']]));
    assert.equal(noRequired.status, 400);
    assert.match(noRequired.body.detail, /缺少必填列：形式/);
    const empty = await upload(c, '/api/ledgers/study_session/import', await sheet(STUDY_HEADER, []));
    assert.equal(empty.status, 400);
    assert.match(empty.body.detail, /没有数据行/);
  });

  it('coerces yes/no, tags, numbers with separators, and reads CSV (UTF-8 with BOM)', async () => {
    const c = await client(s.base, 'other');
    const file = await sheet(
      ['*名称', '*日期', '是否完成', '涉及法律', '金额'],
      [
        ['甲', '2025-08-01', '是', '宪法、民法典，行政处罚法', '1,234.5'],
        ['乙', '2025-08-02', '否', null, 3],
      ],
    );
    const r = await upload(c, '/api/ledgers/excel_kinds_test/import', file);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const items = (await c.get('/api/ledgers/excel_kinds_test/records')).body.items;
    const byName = (title: string) => items.find((i: { title: string }) => i.title === title)?.data;
    assert.deepEqual(byName('甲'), { name: '甲', day: '2025-08-01', done: true, laws: ['宪法', '民法典', '行政处罚法'], amount: 1234.5 });
    assert.deepEqual(byName('乙'), { name: '乙', day: '2025-08-02', done: false, amount: 3 });

    const badTag = await upload(
      c,
      '/api/ledgers/excel_kinds_test/import',
      await sheet(['*名称', '*日期', '涉及法律'], [['丙', '2025-08-03', '宪法、刑法']]),
    );
    assert.equal(badTag.status, 400);
    assert.match(badTag.body.detail, /^第2行：涉及法律的每一项应为以下之一/);

    const csv = '\uFEFF*名称,*日期,是否完成,涉及法律\r\n"丁, 带逗号",2025/8/4,否,"宪法、民法典"\r\n,,,\r\n戊,2025年8月5日,是,\r\n';
    const rc = await upload(c, '/api/ledgers/excel_kinds_test/import', csv, 'import.csv', 'text/csv');
    assert.equal(rc.status, 200, JSON.stringify(rc.body));
    assert.equal(rc.body.count, 2);
    const csvBad = '名称,日期\n己,2025-08-06\n庚,2025-13-01\n';
    const rb = await upload(c, '/api/ledgers/excel_kinds_test/import', csvBad, 'import.csv', 'text/csv');
    assert.equal(rb.status, 400);
    assert.match(rb.body.detail, /^第3行：日期应为有效日期/);
    assert.equal((await c.get('/api/ledgers/excel_kinds_test/records')).body.total, 4);
  });

  it('refuses wrong and corrupt files with a Chinese 400', async () => {
    const c = await client(s.base, 'officer');
    const cases: Array<[Buffer | string, string, RegExp]> = [
      ['这不是表格', 'a.xlsx', /请上传 \.xlsx 格式/],
      [Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(200, 7)]), 'broken.xlsx', /文件无法读取/],
      [Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(500)]), 'old.xls', /旧版 \.xls/],
      [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 1, 2, 3]), 'x.png', /请上传 \.xlsx 格式/],
    ];
    for (const [content, name, re] of cases) {
      const r = await upload(c, '/api/ledgers/study_session/import', content, name);
      assert.equal(r.status, 400, `${name}: ${JSON.stringify(r.body)}`);
      assert.match(r.body.detail, re);
    }
    const json = await c.post('/api/ledgers/study_session/import', { rows: [] });
    assert.equal(json.status, 400);
    assert.match(json.body.detail, /multipart\/form-data/);
    const noLedger = await upload(c, '/api/ledgers/no_such/import', await sheet(STUDY_HEADER, []));
    assert.equal(noLedger.status, 404);
    const leader = await client(s.base, 'leader');
    assert.equal(
      (await upload(leader, '/api/ledgers/study_session/import', await sheet(STUDY_HEADER, [['2025-01-01', '在线学法', 'x', 1, null]])))
        .status,
      403,
    );
    const auditor = await client(s.base, 'auditor');
    assert.equal((await auditor.raw('/api/ledgers/study_session/export.xlsx')).status, 403);
  });

  it('exports the records of the caller’s scope only, with 科室 and 单位 names, and re-imports its own export', async () => {
    const city = await client(s.base, 'officer');
    const county = await client(s.base, 'county');
    const r1 = await city.post('/api/ledgers/law_exam/records', {
      data: { name: '市局2024年学法考试', date: '2024-11-01', eligible: 50, participants: 48, passed: 47 },
    });
    assert.equal(r1.status, 201);
    const r2 = await county.post('/api/ledgers/law_exam/records', {
      data: { name: '县局2024年学法考试', date: '2024-11-02', eligible: 20, participants: 20, passed: 19 },
    });
    assert.equal(r2.status, 201);
    const r3 = await county.post('/api/ledgers/study_session/records', {
      data: { date: '2024-03-09', kind: '旁听庭审', topic: '县局旁听庭审', unitId: w.units.countyOffice },
    });
    assert.equal(r3.status, 201);

    const rows = async (c: Client, url: string) => {
      const { res, buf } = await download(c, url);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), XLSX);
      assert.match(res.headers.get('content-disposition') ?? '', /filename\*=UTF-8''/);
      const ws = (await workbook(buf)).worksheets[0];
      return ws
        .getSheetValues()
        .filter(Boolean)
        .map((r) => (Array.isArray(r) ? r.slice(1) : []));
    };
    const countyRows = await rows(county, '/api/ledgers/law_exam/export.xlsx');
    assert.deepEqual(countyRows[0], [
      '考试名称',
      '考试日期',
      '考试平台',
      '应参考人数',
      '实参考人数',
      '合格人数',
      '优秀人数',
      '填报单位',
      '记录编号（系统）',
      '版本（系统）',
    ]);
    assert.equal(countyRows.length, 2, JSON.stringify(countyRows));
    assert.equal(countyRows[1][0], '县局2024年学法考试');
    assert.equal(countyRows[1][7], '某县民政局');
    assert.ok(!countyRows.flat().includes('市局2024年学法考试'));

    const cityRows = await rows(city, '/api/ledgers/law_exam/export.xlsx');
    assert.deepEqual(
      cityRows
        .slice(1)
        .map((r) => r[0])
        .sort(),
      ['县局2024年学法考试', '市局2024年学法考试'].sort(),
    );
    const filtered = await rows(city, `/api/ledgers/law_exam/export.xlsx?orgId=${w.city}`);
    assert.deepEqual(
      filtered.slice(1).map((r) => r[0]),
      ['市局2024年学法考试'],
    );
    const otherRows = await rows(await client(s.base, 'other'), '/api/ledgers/law_exam/export.xlsx');
    assert.equal(otherRows.length, 1);

    // The unit column shows the 科室 name; the date is a real date cell.
    const { buf } = await download(county, '/api/ledgers/study_session/export.xlsx?year=2024');
    const ws = (await workbook(buf)).worksheets[0];
    const header = (ws.getRow(1).values as CellValue[]).slice(1);
    const dataRow = ws.getRow(2);
    assert.equal(dataRow.getCell(header.indexOf('组织科室') + 1).value, '办公室');
    const date = dataRow.getCell(header.indexOf('日期') + 1).value;
    assert.ok(date instanceof Date && date.toISOString().startsWith('2024-03-09'), String(date));
    assert.equal(ws.rowCount, 2);

    // A county can re-import its own export; the city cannot import the county's rows as its own.
    const own = await download(county, '/api/ledgers/law_exam/export.xlsx');
    const again = await upload(county, '/api/ledgers/law_exam/import?dryRun=1', own.buf);
    assert.equal(again.status, 200, JSON.stringify(again.body));
    assert.deepEqual(again.body, { created: 0, updated: 0, unchanged: 1, duplicates: 0, dryRun: true, count: 1 });
    const all = await download(city, '/api/ledgers/law_exam/export.xlsx');
    const foreign = await upload(city, '/api/ledgers/law_exam/import', all.buf);
    assert.equal(foreign.status, 400);
    assert.match(foreign.body.detail, /填报单位“某县民政局”不是本单位/);
  });
});

describe('Excel round trip: an edited export updates its records in place', () => {
  const suite = serverSuite();

  const ID = '记录编号（系统）';
  const VERSION = '版本（系统）';
  const IMPORT = '/api/ledgers/study_session/import';

  /** What an import may write: record audit rows, the sum of record versions, the number of live records. */
  async function written(): Promise<{ audit: number; versions: number; records: number }> {
    const a = await suite.t.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', 'like', 'record.%')
      .executeTakeFirst();
    const r = await suite.t.db
      .selectFrom('record')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('version').as('v')])
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return { audit: Number(a?.n), versions: Number(r?.v ?? 0), records: Number(r?.n) };
  }

  /** The export of the study ledger as the caller sees it, with the column number of each header. */
  async function exported(c: Client): Promise<{ wb: ExcelJS.Workbook; ws: ExcelJS.Worksheet; col: (label: string) => number }> {
    const { res, buf } = await download(c, '/api/ledgers/study_session/export.xlsx');
    assert.equal(res.status, 200);
    const wb = await workbook(buf);
    const ws = wb.worksheets[0];
    const header = (ws.getRow(1).values as CellValue[]).slice(1);
    const col = (label: string) => {
      const i = header.indexOf(label);
      assert.ok(i >= 0, `${label} not in ${JSON.stringify(header)}`);
      return i + 1;
    };
    return { wb, ws, col };
  }

  const rowOf = (ws: ExcelJS.Worksheet, idCol: number, id: string) => {
    for (let r = 2; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(idCol).value === id) return ws.getRow(r);
    assert.fail(`record ${id} not in the export`);
  };

  const create = async (c: Client, data: Record<string, unknown>): Promise<string> => {
    const r = await c.post('/api/ledgers/study_session/records', { data });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body.id;
  };

  it('updates the edited record (version+1, one audit row), leaves the others, and a second import writes nothing', async () => {
    const c = await client(suite.s.base, 'county');
    const first = await create(c, {
      date: '2025-03-01',
      kind: '在线学法',
      topic: '县局学法一',
      attendees: 5,
      unitId: suite.w.units.countyOffice,
    });
    const second = await create(c, { date: '2025-03-02', kind: '旁听庭审', topic: '县局学法二', laws: '宪法', hours: 1.5 });

    const { wb, ws, col } = await exported(c);
    assert.equal(ws.getColumn(col(ID)).hidden, true, 'the id column is hidden');
    assert.equal(ws.getColumn(col(VERSION)).hidden, true, 'the version column is hidden');
    assert.equal(col(VERSION), ws.getRow(1).cellCount, 'the system columns come last');
    const row = rowOf(ws, col(ID), first);
    assert.equal(row.getCell(col(VERSION)).value, 1);
    row.getCell(col('参加人数')).value = 9;
    const file = await toBuf(wb);

    const before = await written();
    const dry = await upload(c, `${IMPORT}?dryRun=1`, file);
    assert.equal(dry.status, 200, JSON.stringify(dry.body));
    assert.deepEqual(dry.body, { created: 0, updated: 1, unchanged: 1, duplicates: 0, dryRun: true, count: 2 });
    assert.deepEqual(await written(), before, 'a dry run writes nothing');

    const imp = await upload(c, IMPORT, file);
    assert.equal(imp.status, 200, JSON.stringify(imp.body));
    assert.deepEqual(imp.body, { created: 0, updated: 1, unchanged: 1, duplicates: 0, dryRun: false, count: 2 });
    const updated = (await c.get(`/api/ledgers/study_session/records/${first}`)).body;
    assert.equal(updated.version, 2);
    assert.deepEqual(updated.data, {
      date: '2025-03-01',
      kind: '在线学法',
      topic: '县局学法一',
      attendees: 9,
      unitId: suite.w.units.countyOffice,
    });
    const untouched = (await c.get(`/api/ledgers/study_session/records/${second}`)).body;
    assert.equal(untouched.version, 1);
    assert.deepEqual(untouched.data, { date: '2025-03-02', kind: '旁听庭审', topic: '县局学法二', laws: '宪法', hours: 1.5 });
    const audits = await suite.t.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id', 'detail'])
      .where('action', 'like', 'record.%')
      .orderBy('seq', 'desc')
      .limit(2)
      .execute();
    assert.deepEqual(
      audits.map((a) => [a.action, a.entity_id]),
      [
        ['record.import', null],
        ['record.update', first],
      ],
    );
    assert.deepEqual(JSON.parse(audits[1].detail).changed, { attendees: { from: 5, to: 9 } });
    assert.deepEqual(await written(), { audit: before.audit + 2, versions: before.versions + 1, records: before.records });

    // The same file again: every row now equals its record.
    const again = await upload(c, IMPORT, file);
    assert.equal(again.status, 200, JSON.stringify(again.body));
    assert.deepEqual(again.body, { created: 0, updated: 0, unchanged: 2, duplicates: 0, dryRun: false, count: 2 });
    assert.deepEqual(await written(), { audit: before.audit + 2, versions: before.versions + 1, records: before.records });
    assert.equal((await c.get(`/api/ledgers/study_session/records/${first}`)).body.updatedAt, updated.updatedAt);

    // Editing that stale file further is refused: the record changed since it was exported (version 1, now 2).
    row.getCell(col('参加人数')).value = 10;
    const stale = await upload(c, IMPORT, await toBuf(wb));
    assert.equal(stale.status, 409, JSON.stringify(stale.body));
    assert.deepEqual(stale.body.errors, [{ row: Number(row.number), field: 'version', message: stale.body.errors[0].message }]);
    assert.match(stale.body.detail, new RegExp(`^第${row.number}行：这条记录在导出后已被修改（导出时版本1，现为版本2）`));
    assert.equal((await c.get(`/api/ledgers/study_session/records/${first}`)).body.data.attendees, 9);
  });

  it('dry run counts new, updated, unchanged and suspected duplicate rows before anything is written', async () => {
    const c = await client(suite.s.base, 'other');
    const kept = await create(c, { date: '2025-05-01', kind: '在线学法', topic: '另一县学法甲' });
    const edited = await create(c, { date: '2025-05-02', kind: '在线学法', topic: '另一县学法乙' });
    const { wb, ws, col } = await exported(c);
    rowOf(ws, col(ID), edited).getCell(col('学习主题')).value = '另一县学法乙（修改）';
    const add = (date: string, topic: string) => {
      const r = ws.getRow(ws.rowCount + 1);
      r.getCell(col('日期')).value = date;
      r.getCell(col('形式')).value = '在线学法';
      r.getCell(col('学习主题')).value = topic;
    };
    add('2025-05-01', '另一县学法甲'); // same title and date as an existing record
    add('2025-06-01', '文件内重复');
    add('2025-06-01', '文件内重复'); // same as the row above
    add('2025-06-01', '只是同名'); // same date, other title: not a duplicate
    add('2025-06-02', '文件内重复'); // same title, other date: not a duplicate
    const file = await toBuf(wb);

    const before = await written();
    const dry = await upload(c, `${IMPORT}?dryRun=1`, file);
    assert.equal(dry.status, 200, JSON.stringify(dry.body));
    assert.deepEqual(dry.body, { created: 5, updated: 1, unchanged: 1, duplicates: 3, dryRun: true, count: 7 });
    assert.deepEqual(await written(), before);

    const imp = await upload(c, IMPORT, file);
    assert.equal(imp.status, 200, JSON.stringify(imp.body));
    assert.deepEqual(imp.body, { created: 5, updated: 1, unchanged: 1, duplicates: 3, dryRun: false, count: 7 });
    const after = await written();
    // The update has its own audit row (what changed); the five new records are named by one import entry.
    assert.deepEqual(after, { audit: before.audit + 2, versions: before.versions + 6, records: before.records + 5 });
    const entry = await suite.t.db
      .selectFrom('audit_log')
      .select(['detail'])
      .where('action', '=', 'record.import')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    const created = await suite.t.db
      .selectFrom('record')
      .select('id')
      .where('ledger', '=', 'study_session')
      .where('version', '=', 1)
      .where('title', 'in', ['另一县学法甲', '文件内重复', '只是同名'])
      .execute();
    const detail = JSON.parse(entry.detail);
    assert.deepEqual(
      [...detail.ids].sort(),
      created
        .map((r) => r.id)
        .filter((id) => id !== kept)
        .sort(),
    );
    assert.deepEqual(
      { count: detail.count, created: detail.created, updated: detail.updated, unchanged: detail.unchanged, file: detail.file },
      { count: 6, created: 5, updated: 1, unchanged: 1, file: 'import.xlsx' },
    );
    assert.equal((await c.get(`/api/ledgers/study_session/records/${kept}`)).body.version, 1);
    assert.equal((await c.get(`/api/ledgers/study_session/records/${edited}`)).body.version, 2);
  });

  it('refuses per row an id of another bureau’s record or of a deleted record, and writes nothing', async () => {
    const county = await client(suite.s.base, 'county');
    const other = await client(suite.s.base, 'other');
    const city = await client(suite.s.base, 'officer');
    const foreign = await create(other, { date: '2025-07-01', kind: '在线学法', topic: '别的县的记录' });
    const gone = await create(county, { date: '2025-07-02', kind: '在线学法', topic: '已删除的记录' });
    assert.equal((await county.del(`/api/ledgers/study_session/records/${gone}`)).status, 204);
    const mine = await create(county, { date: '2025-07-03', kind: '在线学法', topic: '本县的记录' });

    const { wb, ws, col } = await exported(county);
    rowOf(ws, col(ID), mine).getCell(col('参加人数')).value = 3;
    const withId = (id: string, topic: string) => {
      const r = ws.getRow(ws.rowCount + 1);
      r.getCell(col('日期')).value = '2025-07-04';
      r.getCell(col('形式')).value = '在线学法';
      r.getCell(col('学习主题')).value = topic;
      r.getCell(col(ID)).value = id;
      r.getCell(col(VERSION)).value = 1;
      return Number(r.number);
    };
    const foreignRow = withId(foreign, '冒用别县编号');
    const goneRow = withId(gone, '冒用已删除编号');
    const before = await written();
    const r = await upload(county, IMPORT, await toBuf(wb));
    assert.equal(r.status, 400, JSON.stringify(r.body));
    assert.deepEqual(
      r.body.errors.map((e: { row: number; field: string }) => [e.row, e.field]),
      [
        [foreignRow, 'id'],
        [goneRow, 'id'],
      ],
    );
    assert.match(r.body.detail, new RegExp(`第${foreignRow}行：记录编号不存在.*第${goneRow}行：记录编号不存在`));
    assert.deepEqual(await written(), before, 'all or nothing: the valid edit is not saved either');
    assert.equal((await other.get(`/api/ledgers/study_session/records/${foreign}`)).body.data.topic, '别的县的记录');

    // The city reads the county's records, but a county record id is not a record of the city.
    const cityFile = await sheet(['*日期', '*形式', '*学习主题', ID, VERSION], [['2025-07-05', '在线学法', '市局冒用', mine, 1]]);
    const byCity = await upload(city, IMPORT, cityFile);
    assert.equal(byCity.status, 400, JSON.stringify(byCity.body));
    assert.match(byCity.body.detail, /^第2行：记录编号不存在/);
    assert.deepEqual(await written(), before);
  });

  it('reports every bad cell of every row at once: 3 bad cells in 2 rows', async () => {
    const c = await client(suite.s.base, 'county');
    const before = await written();
    const r = await upload(
      c,
      IMPORT,
      await sheet(STUDY_HEADER, [
        ['2025-02-30', '喝茶', '两处有误', 5, null],
        ['2025-03-01', '在线学法', '一处有误', 5, '宣传科'],
        ['2025-03-02', '在线学法', '这一行正确', 5, '办公室'],
      ]),
    );
    assert.equal(r.status, 400, JSON.stringify(r.body));
    assert.equal(r.headers.get('content-type')?.startsWith('application/problem+json'), true);
    assert.deepEqual(
      r.body.errors.map((e: { row: number; field: string }) => [e.row, e.field]),
      [
        [2, 'date'],
        [2, 'kind'],
        [3, 'unitId'],
      ],
    );
    assert.match(r.body.errors[0].message, /^日期应为有效日期/);
    assert.match(r.body.errors[1].message, /^形式应为以下之一/);
    assert.match(r.body.errors[2].message, /^组织科室“宣传科”不是本单位的科室/);
    assert.match(r.body.detail, /^共有3处内容有误.*第2行：日期应为有效日期.*第2行：形式应为以下之一.*第3行：组织科室“宣传科”/);
    assert.deepEqual(await written(), before);
  });
});

describe('Excel import at scale: streamed, checked once, written in batches, capped and guarded', () => {
  const suite = serverSuite();
  const IMPORT = '/api/ledgers/study_session/import';

  /** A study sheet of `n` rows written with exceljs's streaming writer (date cells, 科室 names, long Chinese text). */
  async function bigSheet(n: number, topic: (i: number) => string): Promise<Buffer> {
    const { PassThrough } = await import('node:stream');
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: true, useStyles: true });
    const ws = wb.addWorksheet('学法活动台账');
    ws.addRow(STUDY_HEADER).commit();
    for (let i = 0; i < n; i++) {
      const row = ws.addRow([new Date(Date.UTC(2024, 0, 1 + (i % 300))), '在线学法', topic(i), i % 50, i % 2 ? '办公室' : null]);
      row.getCell(1).numFmt = 'yyyy-mm-dd';
      row.commit();
    }
    ws.commit();
    await wb.commit();
    return Buffer.concat(chunks);
  }

  // Long Chinese text in every row: many characters straddle the inflated chunks of the sheet.
  const topic = (i: number) => `第${i}号学法：${'学习贯彻中华人民共和国宪法和民法典精神'.repeat(1 + (i % 4))}`;

  it('imports more rows than the old 5,000 cap: every row stored intact, one audit entry per batch naming its ids, chain intact', async () => {
    const n = 5_200;
    const c = await client(suite.s.base, 'county');
    const r = await upload(c, IMPORT, await bigSheet(n, topic), '大批学法.xlsx');
    assert.equal(r.status, 200, JSON.stringify(r.body).slice(0, 500));
    assert.deepEqual(r.body, { created: n, updated: 0, unchanged: 0, duplicates: 0, dryRun: false, count: n });

    const stored = await suite.t.db
      .selectFrom('record')
      .select(['id', 'title', 'occurred_on', 'unit_id', 'data'])
      .where('org_id', '=', suite.w.county)
      .where('ledger', '=', 'study_session')
      .execute();
    assert.equal(stored.length, n);
    const titles = new Set(stored.map((x) => x.title));
    for (let i = 0; i < n; i++) assert.ok(titles.has(topic(i)), `row ${i + 2}: ${topic(i)}`);
    const one = stored.find((x) => x.title === topic(1));
    assert.equal(one?.occurred_on, '2024-01-02');
    assert.equal(one?.unit_id, suite.w.units.countyOffice);
    assert.deepEqual(JSON.parse(one?.data ?? '{}').attendees, 1);

    const entries = await suite.t.db
      .selectFrom('audit_log')
      .select(['username', 'org_id', 'entity', 'detail'])
      .where('action', '=', 'record.import')
      .orderBy('seq')
      .execute();
    const batches = Math.ceil(n / IMPORT_BATCH);
    assert.equal(entries.length, batches);
    const details = entries.map((e) => JSON.parse(e.detail));
    assert.deepEqual(
      details.map((d) => [d.file, d.batch, d.batches]),
      Array.from({ length: batches }, (_, i) => ['大批学法.xlsx', i + 1, batches]),
    );
    assert.deepEqual(details[0].rows, [2, IMPORT_BATCH + 1]);
    assert.equal(details.at(-1).created, n, 'the last entry carries the totals');
    assert.deepEqual(details.flatMap((d) => d.ids).sort(), stored.map((x) => x.id).sort());
    assert.ok(entries.every((e) => e.username === 'county' && e.org_id === suite.w.county && e.entity === 'study_session'));
    assert.deepEqual(await verifyAuditChain(suite.t.db), {
      ok: true,
      checked: (await verifyAuditChain(suite.t.db)).checked,
      brokenAt: null,
      reason: null,
    });
  });

  it('writes nothing when one row of thousands is bad, and lists at most the capped number of problems with the total', async () => {
    const c = await client(suite.s.base, 'other');
    const oneBad = await bigSheet(1_200, (i) => (i === 1_100 ? '' : `另一县第${i}号学法`));
    const r = await upload(c, IMPORT, oneBad);
    assert.equal(r.status, 400, JSON.stringify(r.body).slice(0, 300));
    assert.deepEqual(r.body.errors, [{ row: 1_102, field: 'topic', message: '学习主题不能为空' }]);
    assert.match(r.body.detail, /^第1102行：学习主题不能为空/);

    const rows = Array.from({ length: MAX_LISTED_ERRORS + 50 }, (_, i) => ['2025-13-01', '在线学法', `坏日期${i}`, 1, null]);
    const many = await upload(c, IMPORT, await sheet(STUDY_HEADER, rows));
    assert.equal(many.status, 400);
    assert.equal(many.body.errors.length, MAX_LISTED_ERRORS);
    assert.deepEqual(many.body.errors[0], { row: 2, field: 'date', message: many.body.errors[0].message });
    assert.match(
      many.body.detail,
      new RegExp(`^共有${MAX_LISTED_ERRORS + 50}处内容有误.*（共${MAX_LISTED_ERRORS + 50}处错误，下面只列出前${MAX_LISTED_ERRORS}处）$`),
    );
    assert.equal((await c.get('/api/ledgers/study_session/records')).body.total, 0);
  });

  it('refuses a file over the configured row cap with a Chinese 400 before anything is checked or written', async () => {
    const scope = systemScope(suite.w.otherCounty);
    const file = await sheet(STUDY_HEADER, [
      ['2025-01-01', '在线学法', '一', 1, null],
      ['2025-01-02', '在线学法', '二', 1, null],
      ['2025-01-03', '在线学法', '三', 1, null],
    ]);
    await assert.rejects(
      importLedgerXlsx(suite.t.db, scope, 'study_session', file, {
        maxRows: 2,
        maxPartBytes: 1 << 20,
        maxTotalBytes: 1 << 21,
        maxEntries: 100,
      }),
      (e: Error & { status?: number }) => {
        assert.equal(e.status, 400);
        assert.equal(e.message, '一次最多导入2行，请分批导入');
        return true;
      },
    );
    const ok = await importLedgerXlsx(suite.t.db, scope, 'study_session', file, {
      maxRows: 3,
      maxPartBytes: 1 << 20,
      maxTotalBytes: 1 << 21,
      maxEntries: 100,
      dryRun: true,
    });
    assert.equal(ok.created, 3);
  });

  it('reports progress while reading (every 2,000 rows), before checking, and after each written batch', async () => {
    const events: string[] = [];
    const res = await importLedgerXlsx(
      suite.t.db,
      systemScope(suite.w.otherCounty),
      'study_session',
      await bigSheet(4_100, (i) => `进度第${i}号`),
      {
        maxRows: 10_000,
        maxPartBytes: 1 << 26,
        maxTotalBytes: 1 << 27,
        maxEntries: 100,
        onProgress: (p) => {
          events.push(`${p.phase} ${p.done}/${p.total ?? '?'}${p.inTransaction ? ' tx' : ''}`);
        },
      },
    );
    assert.equal(res.created, 4_100);
    assert.deepEqual(events, [
      'reading 2000/?',
      'reading 4000/?',
      'reading 4100/4100',
      'checking 0/4100',
      ...Array.from({ length: 8 }, (_, i) => `writing ${(i + 1) * IMPORT_BATCH}/4100 tx`),
      'writing 4100/4100 tx',
    ]);
  });

  it('stops a zip bomb at the inflation limit, also when its headers understate the size', async () => {
    const c = await client(suite.s.base, 'other');
    const row = '<row r="2"><c r="A2" t="inlineStr"><is><t>x</t></is></c></row>';
    const header = '<row r="1"><c r="A1" t="inlineStr"><is><t>*日期</t></is></c></row>';
    // 64 MB of rows that deflate to well under the 20 MB upload limit; the header says 100 bytes.
    const sheetXml = (padding: number) =>
      `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${' '.repeat(padding)}${header}${row}</sheetData></worksheet>`;
    const bombXml = sheetXml(64 * 1024 * 1024);
    const liar = minimalXlsx(bombXml, () => 100);
    assert.ok(liar.length < 1024 * 1024, `the bomb is ${liar.length} bytes`);
    const scope = systemScope(suite.w.otherCounty);
    const limit = { maxRows: 10, maxPartBytes: 8 * 1024 * 1024, maxTotalBytes: 16 * 1024 * 1024, maxEntries: 100 };
    await assert.rejects(importLedgerXlsx(suite.t.db, scope, 'study_session', liar, limit), /文件解压后过大（其中一部分超过8MB）/);
    // An honest header is refused before inflating anything; the route applies the configured limit (200 MB) the same way.
    const honest = minimalXlsx(bombXml);
    await assert.rejects(importLedgerXlsx(suite.t.db, scope, 'study_session', honest, limit), /文件解压后过大/);
    const viaRoute = await upload(
      c,
      IMPORT,
      minimalXlsx(bombXml, () => 300 * 1024 * 1024),
    );
    assert.equal(viaRoute.status, 400);
    assert.match(viaRoute.body.detail, /文件解压后过大（其中一部分超过200MB）/);
    // The same workbook without the padding is a valid file: the guard is not what refuses it.
    const small = minimalXlsx(sheetXml(0));
    await assert.rejects(importLedgerXlsx(suite.t.db, scope, 'study_session', small, limit), /缺少必填列：形式、学习主题/);
  });

  it('checks references of every row against the records read once: a missing one is named per row, nothing written', async () => {
    const c = await client(suite.s.base, 'county');
    const target = (
      await c.post('/api/ledgers/study_session/records', { data: { date: '2025-09-01', kind: '在线学法', topic: '被引用的学法' } })
    ).body.id as string;
    const url = '/api/ledgers/excel_ref_test/import';
    const bad = await upload(
      c,
      url,
      await sheet(
        ['*名称', '关联学法活动'],
        [
          ['甲', target],
          ['乙', 'no-such-record'],
          ['丙', null],
        ],
      ),
    );
    assert.equal(bad.status, 400, JSON.stringify(bad.body));
    assert.deepEqual(bad.body.errors, [{ row: 3, field: 'session', message: '关联学法活动：所选记录不存在、已删除或不属于本单位' }]);
    const ok = await upload(
      c,
      url,
      await sheet(
        ['*名称', '关联学法活动'],
        [
          ['甲', target],
          ['丙', null],
        ],
      ),
    );
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    const links = (await c.get(`/api/records/${target}/links`)).body;
    assert.deepEqual(
      links.incoming.map((l: { title: string; field: string }) => [l.title, l.field]),
      [['甲', 'session']],
    );
  });

  it('runs an import as a job with async=1: 202 at once, progress and the outcome from the database, only for its user', async () => {
    const c = await client(suite.s.base, 'county');
    const started = await upload(c, `${IMPORT}?async=1`, await bigSheet(1_500, (i) => `任务导入第${i}号`), '任务.xlsx');
    assert.equal(started.status, 202, JSON.stringify(started.body));
    assert.equal(started.body.status, 'running');
    assert.equal(started.body.fileName, '任务.xlsx');
    let job = started.body;
    for (let i = 0; i < 600 && job.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = (await c.get(`/api/import-jobs/${started.body.id}`)).body;
      assert.ok(job.rowsDone <= (job.rowsTotal ?? Number.POSITIVE_INFINITY));
    }
    assert.equal(job.status, 'done', JSON.stringify(job));
    assert.deepEqual(job.result, { created: 1_500, updated: 0, unchanged: 0, duplicates: 0, dryRun: false, count: 1_500 });
    assert.equal(job.rowsDone, 1_500);
    assert.ok(job.finishedAt);
    const stored = await suite.t.db
      .selectFrom('import_job')
      .select(['status', 'rows_done', 'rows_total', 'user_id'])
      .where('id', '=', started.body.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(stored, { status: 'done', rows_done: 1_500, rows_total: 1_500, user_id: suite.w.users.county });

    // Another user does not see the job, not even the city officer who reads the county's records.
    for (const name of ['officer', 'other']) {
      assert.equal((await (await client(suite.s.base, name)).get(`/api/import-jobs/${started.body.id}`)).status, 404, name);
    }

    // A refused import is a failed job carrying the same problem as a synchronous answer.
    const refused = await upload(c, `${IMPORT}?async=1&dryRun=1`, await sheet(STUDY_HEADER, [['2025-02-30', '在线学法', '坏', 1, null]]));
    assert.equal(refused.status, 202);
    let failed = refused.body;
    for (let i = 0; i < 200 && failed.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      failed = (await c.get(`/api/import-jobs/${refused.body.id}`)).body;
    }
    assert.equal(failed.status, 'failed');
    assert.equal(failed.dryRun, true);
    assert.equal(failed.error.status, 400);
    assert.match(failed.error.detail, /^第2行：日期应为有效日期/);
    assert.deepEqual(failed.error.errors, [{ row: 2, field: 'date', message: failed.error.errors[0].message }]);
    assert.equal((await c.get('/api/import-jobs/no-such-job')).status, 404);

    // A job left running by a server that stopped (nothing committed) is reported as interrupted once it has not moved for long.
    const longAgo = new Date(Date.now() - 3_600_000).toISOString();
    await suite.t.db
      .insertInto('import_job')
      .values({
        id: 'job-of-a-stopped-server',
        org_id: suite.w.county,
        ledger: 'study_session',
        user_id: suite.w.users.county,
        file_name: '中断.xlsx',
        dry_run: 0,
        status: 'running',
        phase: 'writing',
        rows_done: 1000,
        rows_total: 5000,
        result: null,
        error: null,
        started_at: longAgo,
        updated_at: longAgo,
        finished_at: null,
      })
      .execute();
    const lost = (await c.get('/api/import-jobs/job-of-a-stopped-server')).body;
    assert.equal(lost.status, 'failed');
    assert.match(lost.error.detail, /导入已中断.*未导入任何记录/);

    // Jobs finished more than a week ago are forgotten when the next one starts; recent ones stay.
    const weeksAgo = new Date(Date.now() - 8 * 24 * 3_600_000).toISOString();
    await suite.t.db.updateTable('import_job').set({ finished_at: weeksAgo }).where('id', '=', refused.body.id).execute();
    const next = await upload(c, `${IMPORT}?async=1&dryRun=1`, await sheet(STUDY_HEADER, [['2025-02-01', '在线学法', '又一次', 1, null]]));
    assert.equal(next.status, 202);
    let nextJob = next.body;
    for (let i = 0; i < 200 && nextJob.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      nextJob = (await c.get(`/api/import-jobs/${next.body.id}`)).body;
    }
    assert.equal(nextJob.status, 'done');
    assert.equal((await c.get(`/api/import-jobs/${refused.body.id}`)).status, 404);
    assert.equal((await c.get(`/api/import-jobs/${started.body.id}`)).status, 200);
  });
});
