/**
 * Excel template, import and export over the real HTTP API: the template round trip, all-or-nothing
 * import with row numbers, dry run, 科室 names, header tolerance, wrong files, and the export scope.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import type { CellValue } from 'exceljs';
import { defineLedger } from '../src/ledger/define.ts';
import { f } from '../src/ledger/field.ts';
import { registerLedgers } from '../src/ledger/registry.ts';
import { type Client, client, makeDb, makeWorld, type Res, type Server, startServer, type TestDb, type World } from './helpers.ts';

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
    assert.deepEqual(r.body, { count: 3, dryRun: false });

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
    assert.deepEqual(r.body, { count: 2, dryRun: true });
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
    assert.deepEqual(countyRows[0], ['考试名称', '考试日期', '考试平台', '应参考人数', '实参考人数', '合格人数', '优秀人数', '填报单位']);
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
    assert.equal(again.body.count, 1);
    const all = await download(city, '/api/ledgers/law_exam/export.xlsx');
    const foreign = await upload(city, '/api/ledgers/law_exam/import', all.buf);
    assert.equal(foreign.status, 400);
    assert.match(foreign.body.detail, /填报单位“某县民政局”不是本单位/);
  });
});
