/** Plan figures (tasks done, problems rectified) and the due dates of tasks and rectifications. */
import { deadlineRule, defineDeadlineRules } from '../../calendar/rules.ts';
import { defineFigures, figure } from '../../figures/define.ts';
import { planTask, problem } from './plan.ledger.ts';

defineFigures([
  figure.count(planTask, { key: 'plan.tasks', label: '年度工作任务数', unit: '项', where: (w) => w.not(w.eq('status', '已取消')) }),
  figure.count(planTask, { key: 'plan.tasks_done', label: '已完成工作任务数', unit: '项', where: (w) => w.eq('status', '已完成') }),
  figure.ratio({
    key: 'plan.tasks_done_rate',
    module: 'plan',
    label: '工作任务完成率',
    unit: '%',
    num: 'plan.tasks_done',
    den: 'plan.tasks',
    percent: true,
  }),
  figure.count(problem, { key: 'plan.problems', label: '需整改问题数', unit: '个' }),
  figure.count(problem, { key: 'plan.problems_rectified', label: '已整改问题数', unit: '个', where: (w) => w.eq('status', '已整改') }),
  figure.ratio({
    key: 'plan.rectify_rate',
    module: 'plan',
    label: '问题整改完成率',
    unit: '%',
    num: 'plan.problems_rectified',
    den: 'plan.problems',
    percent: true,
  }),
]);

defineDeadlineRules([
  deadlineRule(planTask, {
    key: 'plan.task_deadline',
    label: '工作任务完成时限',
    start: 'deadline',
    amount: 0,
    unit: 'day',
    doneField: 'completedOn',
    when: (w) => w.not(w.eq('status', '已取消')),
    basis: '本单位年度工作要点（工作任务台账）确定的完成时限',
  }),
  deadlineRule(problem, {
    key: 'plan.rectify_deadline',
    label: '问题整改时限',
    start: 'dueDate',
    amount: 0,
    unit: 'day',
    doneField: 'rectifiedOn',
    basis: '整改方案确定的整改时限；上年度问题整改情况须写入法治政府建设年度报告（厅字〔2019〕28号）',
  }),
]);
