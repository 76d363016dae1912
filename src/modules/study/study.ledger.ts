/** 学法用法: 中心组学法, 专题讲座, 培训, and the annual law exam. */
import { defineFigures, figure } from '../../figures/define.ts';
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
    laws: f.text('学习的法律法规', { help: '多部用顿号分隔，例如：宪法、民法典', citesLaws: true }),
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

const kindCount = (key: string, label: string, kind: (typeof STUDY_KINDS)[number]) =>
  figure.count(studySession, { key, label, unit: '次', where: (w) => w.eq('kind', kind) });
const examSum = (key: string, label: string, field: 'eligible' | 'participants' | 'passed' | 'excellent') =>
  figure.sum(lawExam, { key, label, unit: '人', field });
const rate = (key: string, label: string, num: string, den: string) =>
  figure.ratio({ key, label, unit: '%', module: 'study', num, den, percent: true });

defineFigures([
  kindCount('study.central_group', '党组理论学习中心组学法次数', '党组理论学习中心组学法'),
  kindCount('study.lectures', '领导干部法治讲座次数', '领导干部法治讲座'),
  figure.count(studySession, { key: 'study.sessions', label: '学法活动总次数', unit: '次' }),
  kindCount('study.trainings', '执法人员培训次数', '执法人员培训'),
  figure.sum(studySession, { key: 'study.attendance', label: '参加学法人次', unit: '人次', field: 'attendees' }),
  examSum('study.exam_eligible', '学法考试应参考人数', 'eligible'),
  examSum('study.exam_participants', '学法考试实参考人数', 'participants'),
  examSum('study.exam_passed', '学法考试合格人数', 'passed'),
  examSum('study.exam_excellent', '学法考试优秀人数', 'excellent'),
  rate('study.exam_participation_rate', '学法考试参考率', 'study.exam_participants', 'study.exam_eligible'),
  rate('study.exam_pass_rate', '学法考试合格率', 'study.exam_passed', 'study.exam_participants'),
  rate('study.exam_excellent_rate', '学法考试优秀率', 'study.exam_excellent', 'study.exam_participants'),
]);
