/**
 * Figures of 政务公开. The on-time count cannot yet use working days with the holiday calendar
 * (a figure's filter is synchronous and has no calendar), so it counts answered requests and says so
 * in its label; the deadline view (GET /deadlines) shows the real lateness per request.
 */
import { defineFigures } from '../../figures/define.ts';

const set = (v: unknown) => v !== undefined && v !== null && v !== '' && v !== false;

defineFigures([
  {
    key: 'disclosure.proactive',
    module: 'disclosure',
    label: '主动公开政府信息条数',
    unit: '条',
    kind: 'count',
    ledger: 'disclosure_item',
    where: (d) => set(d.publishedOn),
  },
  {
    key: 'disclosure.proactive_by_category',
    module: 'disclosure',
    label: '主动公开政府信息（按类别）',
    unit: '条',
    kind: 'group',
    ledger: 'disclosure_item',
    groupBy: 'category',
    where: (d) => set(d.publishedOn),
  },
  {
    key: 'disclosure.requests',
    module: 'disclosure',
    label: '本年新收政府信息公开申请件数',
    unit: '件',
    kind: 'count',
    ledger: 'disclosure_request',
  },
  {
    key: 'disclosure.requests_by_outcome',
    module: 'disclosure',
    label: '政府信息公开申请办理结果',
    unit: '件',
    kind: 'group',
    ledger: 'disclosure_request',
    groupBy: 'outcome',
    where: (d) => set(d.outcome),
  },
  {
    key: 'disclosure.requests_answered',
    module: 'disclosure',
    label: '政府信息公开申请已答复件数',
    unit: '件',
    kind: 'count',
    ledger: 'disclosure_request',
    where: (d) => set(d.repliedOn),
  },
  {
    key: 'disclosure.requests_on_time',
    module: 'disclosure',
    label: '政府信息公开申请按期答复件数',
    unit: '件',
    kind: 'deadline',
    ledger: 'disclosure_request',
    rule: 'disclosure.request_reply',
    statuses: ['按期办结'],
  },
  {
    key: 'disclosure.requests_on_time_rate',
    module: 'disclosure',
    label: '政府信息公开申请按期答复率',
    unit: '%',
    kind: 'ratio',
    num: 'disclosure.requests_on_time',
    den: 'disclosure.requests_answered',
    percent: true,
  },
]);
