/** Figures of 行政执法 and 双随机、一公开 (seed 001: 跨部门发起1、接收2、单部门2，检查机构25家，移交线索1例). */
import { defineFigures, figure } from '../../figures/define.ts';
import { person } from '../org/org.ledger.ts';
import { enforcementCase, inspectionTask, leadTransfer } from './enforcement.ledger.ts';

const ratio = (key: string, label: string, num: string, den: string) =>
  figure.ratio({ key, label, unit: '%', module: 'enforcement', num, den, percent: true });
const tasks = (key: string, label: string, where?: Parameters<typeof figure.count<typeof inspectionTask>>[1]['where']) =>
  figure.count(inspectionTask, { key, label, unit: '个', where });

defineFigures([
  figure.count(enforcementCase, { key: 'enforcement.cases', label: '行政执法案件数', unit: '件' }),
  figure.count(enforcementCase, { key: 'enforcement.major_cases', label: '重大执法决定案件数', unit: '件', where: (w) => w.set('major') }),
  figure.count(enforcementCase, {
    key: 'enforcement.legal_reviews',
    label: '重大执法决定法制审核件数',
    unit: '件',
    where: (w) => w.and(w.set('major'), w.set('legalReviewOn')),
  }),
  tasks('enforcement.random_tasks', '双随机抽查任务数'),
  tasks('enforcement.random_single', '单部门双随机抽查任务数', (w) => w.eq('kind', '单部门')),
  tasks('enforcement.random_joint_initiated', '发起跨部门联合抽查任务数', (w) => w.eq('kind', '跨部门发起')),
  tasks('enforcement.random_joint_received', '接收跨部门联合抽查任务数', (w) => w.eq('kind', '跨部门接收')),
  tasks('enforcement.random_joint', '跨部门联合抽查任务数', (w) => w.in('kind', ['跨部门发起', '跨部门接收'])),
  ratio('enforcement.joint_ratio', '跨部门联合抽查占比', 'enforcement.random_joint', 'enforcement.random_tasks'),
  figure.sum(inspectionTask, {
    key: 'enforcement.inspected_objects',
    label: '双随机抽查检查对象数',
    unit: '家',
    field: 'objectsInspected',
  }),
  tasks('enforcement.random_completed', '已完成的双随机抽查任务数', (w) => w.set('completedOn')),
  tasks('enforcement.random_published', '已公示结果的双随机抽查任务数', (w) => w.and(w.set('completedOn'), w.set('publishedOn'))),
  ratio('enforcement.results_published_rate', '双随机抽查结果公示率', 'enforcement.random_published', 'enforcement.random_completed'),
  tasks('enforcement.random_credit_linked', '与信用规则关联的抽查任务数', (w) => w.set('creditLinked')),
  ratio('enforcement.credit_linked_rate', '抽查任务与信用规则关联率', 'enforcement.random_credit_linked', 'enforcement.random_tasks'),
  tasks('enforcement.random_mobile', '通过掌上执法开展的抽查任务数', (w) => w.set('viaMobile')),
  ratio('enforcement.mobile_rate', '掌上执法率', 'enforcement.random_mobile', 'enforcement.random_tasks'),
  figure.count(leadTransfer, { key: 'enforcement.leads_transferred', label: '向综合执法部门移交案件线索数', unit: '例' }),
  figure.count(person, {
    key: 'enforcement.officers',
    module: 'enforcement',
    label: '持有效行政执法证的执法人员数',
    unit: '人',
    span: 'to-date',
    // The same test as the draw's inspector eligibility, judged at the period's end (or today).
    where: (w) =>
      w.and(w.or(w.eq('status', '在职'), w.range('leftOn', { gt: w.asOf })), w.set('certNo'), w.range('certValidTo', { gte: w.asOf })),
  }),
]);
