/**
 * Figures of 政务公开. The on-time count cannot yet use working days with the holiday calendar
 * (a figure's filter is synchronous and has no calendar), so it counts answered requests and says so
 * in its label; the deadline view (GET /deadlines) shows the real lateness per request.
 */
import { defineFigures, figure } from '../../figures/define.ts';
import { disclosureItem, disclosureRequest, requestReplyRule } from './disclosure.ledger.ts';

defineFigures([
  figure.count(disclosureItem, {
    key: 'disclosure.proactive',
    label: '主动公开政府信息条数',
    unit: '条',
    where: (w) => w.set('publishedOn'),
  }),
  figure.group(disclosureItem, {
    key: 'disclosure.proactive_by_category',
    label: '主动公开政府信息（按类别）',
    unit: '条',
    groupBy: 'category',
    where: (w) => w.set('publishedOn'),
  }),
  figure.count(disclosureRequest, { key: 'disclosure.requests', label: '本年新收政府信息公开申请件数', unit: '件' }),
  figure.group(disclosureRequest, {
    key: 'disclosure.requests_by_outcome',
    label: '政府信息公开申请办理结果',
    unit: '件',
    groupBy: 'outcome',
    where: (w) => w.set('outcome'),
  }),
  figure.count(disclosureRequest, {
    key: 'disclosure.requests_answered',
    label: '政府信息公开申请已答复件数',
    unit: '件',
    where: (w) => w.set('repliedOn'),
  }),
  figure.deadline(disclosureRequest, {
    key: 'disclosure.requests_on_time',
    label: '政府信息公开申请按期答复件数',
    unit: '件',
    rule: requestReplyRule,
    statuses: ['按期办结'],
  }),
  figure.ratio({
    key: 'disclosure.requests_on_time_rate',
    module: 'disclosure',
    label: '政府信息公开申请按期答复率',
    unit: '%',
    num: 'disclosure.requests_on_time',
    den: 'disclosure.requests_answered',
    percent: true,
  }),
]);

/**
 * Requests by where their reply stands on the calendar: answered late or overdue unanswered, and
 * still within the time limit. "均在法定期限内依法答复" may be said only when both are 0.
 */
defineFigures([
  figure.deadline(disclosureRequest, {
    key: 'disclosure.requests_late',
    label: '政府信息公开申请逾期答复或逾期未答复件数',
    unit: '件',
    rule: requestReplyRule,
    statuses: ['逾期办结', '逾期'],
  }),
  figure.deadline(disclosureRequest, {
    key: 'disclosure.requests_pending',
    label: '政府信息公开申请尚在答复期限内件数',
    unit: '件',
    rule: requestReplyRule,
    statuses: ['进行中', '临期'],
  }),
]);
