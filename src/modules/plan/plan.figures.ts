/** Plan figures (tasks done, problems rectified) and the due dates of tasks and rectifications. */
import { defineDeadlineRules } from '../../calendar/rules.ts';
import { defineFigures } from '../../figures/define.ts';

defineFigures([
  {
    key: 'plan.tasks',
    module: 'plan',
    label: '年度工作任务数',
    unit: '项',
    kind: 'count',
    ledger: 'plan_task',
    where: (d) => d.status !== '已取消',
  },
  {
    key: 'plan.tasks_done',
    module: 'plan',
    label: '已完成工作任务数',
    unit: '项',
    kind: 'count',
    ledger: 'plan_task',
    where: (d) => d.status === '已完成',
  },
  {
    key: 'plan.tasks_done_rate',
    module: 'plan',
    label: '工作任务完成率',
    unit: '%',
    kind: 'ratio',
    num: 'plan.tasks_done',
    den: 'plan.tasks',
    percent: true,
  },
  { key: 'plan.problems', module: 'plan', label: '需整改问题数', unit: '个', kind: 'count', ledger: 'problem' },
  {
    key: 'plan.problems_rectified',
    module: 'plan',
    label: '已整改问题数',
    unit: '个',
    kind: 'count',
    ledger: 'problem',
    where: (d) => d.status === '已整改',
  },
  {
    key: 'plan.rectify_rate',
    module: 'plan',
    label: '问题整改完成率',
    unit: '%',
    kind: 'ratio',
    num: 'plan.problems_rectified',
    den: 'plan.problems',
    percent: true,
  },
]);

defineDeadlineRules([
  {
    key: 'plan.task_deadline',
    label: '工作任务完成时限',
    module: 'plan',
    ledger: 'plan_task',
    start: 'deadline',
    amount: 0,
    unit: 'day',
    doneField: 'completedOn',
    when: (d) => d.status !== '已取消',
    basis: '本单位年度工作要点（工作任务台账）确定的完成时限',
  },
  {
    key: 'plan.rectify_deadline',
    label: '问题整改时限',
    module: 'plan',
    ledger: 'problem',
    start: 'dueDate',
    amount: 0,
    unit: 'day',
    doneField: 'rectifiedOn',
    basis: '整改方案确定的整改时限；上年度问题整改情况须写入法治政府建设年度报告（厅字〔2019〕28号）',
  },
]);
