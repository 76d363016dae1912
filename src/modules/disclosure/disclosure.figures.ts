/**
 * Figures of 政务公开. The on-time count cannot yet use working days with the holiday calendar
 * (a figure's filter is synchronous and has no calendar), so it counts answered requests and says so
 * in its label; the deadline view (GET /deadlines) shows the real lateness per request.
 */
import { defineFigures, figure } from '../../figures/define.ts';
import { disclosureItem, disclosureRequest, proactivePublishRule, requestReplyRule } from './disclosure.ledger.ts';

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
 * What the 年度报告 says about timeliness and fees: the requests whose reply deadline was missed (answered
 * late, or still open past it), those still within it, the proactive items not published within 20
 * working days, the channels used, and the information-processing fees charged.
 */
defineFigures([
  figure.deadline(disclosureRequest, {
    key: 'disclosure.requests_late',
    label: '政府信息公开申请逾期答复件数',
    unit: '件',
    rule: requestReplyRule,
    statuses: ['逾期办结'],
  }),
  figure.deadline(disclosureRequest, {
    key: 'disclosure.requests_overdue',
    label: '政府信息公开申请超过答复期限仍未答复件数',
    unit: '件',
    rule: requestReplyRule,
    statuses: ['逾期'],
  }),
  figure.deadline(disclosureRequest, {
    key: 'disclosure.requests_pending',
    // A request waiting for its 补正 has no running period to miss: it is pending, not late.
    label: '政府信息公开申请尚在答复期限内（含等待补正）的未答复件数',
    unit: '件',
    rule: requestReplyRule,
    statuses: ['进行中', '临期', '等待补正'],
  }),
  figure.deadline(disclosureRequest, {
    key: 'disclosure.requests_not_on_time',
    label: '政府信息公开申请未按期答复件数（逾期答复、逾期未答复或尚未答复）',
    unit: '件',
    rule: requestReplyRule,
    statuses: ['进行中', '临期', '等待补正', '逾期', '逾期办结'],
  }),
  figure.deadline(disclosureItem, {
    key: 'disclosure.proactive_late',
    label: '未在20个工作日内主动公开的政府信息条数',
    unit: '条',
    rule: proactivePublishRule,
    statuses: ['逾期', '逾期办结'],
  }),
  figure.group(disclosureItem, {
    key: 'disclosure.proactive_by_channel',
    label: '主动公开政府信息（按公开渠道）',
    unit: '条',
    groupBy: 'channel',
    where: (w) => w.set('publishedOn'),
  }),
  figure.count(disclosureRequest, {
    key: 'disclosure.fee_requests',
    label: '收取信息处理费的政府信息公开申请件数',
    unit: '件',
    where: (w) => w.range('fee', { gt: 0 }),
  }),
  figure.sum(disclosureRequest, {
    key: 'disclosure.fees',
    label: '收取信息处理费金额',
    unit: '元',
    field: 'fee',
  }),
]);
