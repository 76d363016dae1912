/** 学法用法: 中心组学法, 专题讲座, 培训, and the annual law exam. */
import { defineFigures } from '../../figures/define.ts';
import { defineLedger, rule } from '../../ledger/define.ts';
import { f } from '../../ledger/field.ts';
import { registerLedgers } from '../../ledger/registry.ts';

export const STUDY_KINDS = [
  '党组理论学习中心组学法',
  '领导干部法治讲座',
  '局务会会前学法',
  '干部职工集中学法',
  '执法人员培训',
  '旁听庭审',
  '在线学法',
] as const;

export const studySession = defineLedger({
  key: 'study_session',
  module: 'study',
  label: '学法活动台账',
  titleField: 'topic',
  dateField: 'date',
  unitField: 'unitId',
  fields: {
    date: f.date('日期', { required: true, list: true }),
    kind: f.enum('形式', STUDY_KINDS, { required: true, list: true }),
    topic: f.text('学习主题', { required: true, list: true }),
    laws: f.text('学习的法律法规', { help: '多部用顿号分隔，例如：宪法、民法典' }),
    lecturer: f.text('主讲人'),
    attendees: f.int('参加人数', { list: true }),
    hours: f.number('学时', { max: 24 }),
    unitId: f.unit('组织科室'),
    note: f.longtext('备注'),
  },
});

export const lawExam = defineLedger({
  key: 'law_exam',
  module: 'study',
  label: '学法考试台账',
  titleField: 'name',
  dateField: 'date',
  fields: {
    name: f.text('考试名称', { required: true, list: true }),
    date: f.date('考试日期', { required: true, list: true }),
    platform: f.text('考试平台', { help: '例如：法宣在线' }),
    eligible: f.int('应参考人数', { required: true, list: true }),
    participants: f.int('实参考人数', { required: true, list: true }),
    passed: f.int('合格人数', { required: true, list: true }),
    excellent: f.int('优秀人数', { list: true }),
  },
  rules: [
    rule.notMore('participants', 'eligible', '实参考人数不能多于应参考人数'),
    rule.notMore('passed', 'participants', '合格人数不能多于实参考人数'),
    rule.notMore('excellent', 'passed', '优秀人数不能多于合格人数'),
  ],
});

registerLedgers([studySession, lawExam]);

defineFigures([
  {
    key: 'study.central_group',
    module: 'study',
    label: '党组理论学习中心组学法次数',
    unit: '次',
    kind: 'count',
    ledger: 'study_session',
    where: (d) => d.kind === '党组理论学习中心组学法',
  },
  {
    key: 'study.lectures',
    module: 'study',
    label: '领导干部法治讲座次数',
    unit: '次',
    kind: 'count',
    ledger: 'study_session',
    where: (d) => d.kind === '领导干部法治讲座',
  },
  { key: 'study.sessions', module: 'study', label: '学法活动总次数', unit: '次', kind: 'count', ledger: 'study_session' },
  {
    key: 'study.trainings',
    module: 'study',
    label: '执法人员培训次数',
    unit: '次',
    kind: 'count',
    ledger: 'study_session',
    where: (d) => d.kind === '执法人员培训',
  },
  {
    key: 'study.attendance',
    module: 'study',
    label: '参加学法人次',
    unit: '人次',
    kind: 'sum',
    ledger: 'study_session',
    field: 'attendees',
  },
  {
    key: 'study.exam_eligible',
    module: 'study',
    label: '学法考试应参考人数',
    unit: '人',
    kind: 'sum',
    ledger: 'law_exam',
    field: 'eligible',
  },
  {
    key: 'study.exam_participants',
    module: 'study',
    label: '学法考试实参考人数',
    unit: '人',
    kind: 'sum',
    ledger: 'law_exam',
    field: 'participants',
  },
  { key: 'study.exam_passed', module: 'study', label: '学法考试合格人数', unit: '人', kind: 'sum', ledger: 'law_exam', field: 'passed' },
  {
    key: 'study.exam_excellent',
    module: 'study',
    label: '学法考试优秀人数',
    unit: '人',
    kind: 'sum',
    ledger: 'law_exam',
    field: 'excellent',
  },
  {
    key: 'study.exam_participation_rate',
    module: 'study',
    label: '学法考试参考率',
    unit: '%',
    kind: 'ratio',
    num: 'study.exam_participants',
    den: 'study.exam_eligible',
    percent: true,
  },
  {
    key: 'study.exam_pass_rate',
    module: 'study',
    label: '学法考试合格率',
    unit: '%',
    kind: 'ratio',
    num: 'study.exam_passed',
    den: 'study.exam_participants',
    percent: true,
  },
  {
    key: 'study.exam_excellent_rate',
    module: 'study',
    label: '学法考试优秀率',
    unit: '%',
    kind: 'ratio',
    num: 'study.exam_excellent',
    den: 'study.exam_participants',
    percent: true,
  },
]);
