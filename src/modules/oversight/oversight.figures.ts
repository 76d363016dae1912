/** Figures of 建议提案、复议诉讼、信访 (seed 001: 人大建议13件、政协提案11件、行政诉讼5起、复议0、败诉0). */
import { defineFigures, figure } from '../../figures/define.ts';
import { disputeCase, LOST_RESULTS, petition, suggestion } from './oversight.ledger.ts';

defineFigures([
  figure.count(suggestion, {
    key: 'oversight.npc',
    label: '办理人大代表建议件数',
    unit: '件',
    where: (w) => w.eq('kind', '人大代表建议'),
  }),
  figure.count(suggestion, {
    key: 'oversight.cppcc',
    label: '办理政协提案件数',
    unit: '件',
    where: (w) => w.eq('kind', '政协提案'),
  }),
  figure.count(suggestion, { key: 'oversight.suggestions', label: '办理建议提案总件数', unit: '件' }),
  figure.count(suggestion, {
    key: 'oversight.suggestions_answered',
    label: '建议提案已答复件数',
    unit: '件',
    where: (w) => w.set('repliedOn'),
  }),
  figure.ratio({
    key: 'oversight.suggestions_answer_rate',
    module: 'oversight',
    label: '建议提案办复率',
    unit: '%',
    num: 'oversight.suggestions_answered',
    den: 'oversight.suggestions',
    percent: true,
  }),
  figure.count(disputeCase, {
    key: 'oversight.lawsuits',
    label: '行政诉讼案件数',
    unit: '起',
    where: (w) => w.eq('kind', '行政诉讼'),
  }),
  figure.count(disputeCase, {
    key: 'oversight.reconsiderations',
    label: '行政复议案件数',
    unit: '件',
    where: (w) => w.eq('kind', '行政复议'),
  }),
  figure.count(disputeCase, {
    key: 'oversight.cases_lost',
    label: '败诉或被纠错案件数',
    unit: '件',
    where: (w) => w.in('result', LOST_RESULTS),
  }),
  figure.count(disputeCase, {
    key: 'oversight.head_appearances',
    label: '负责人出庭应诉次数',
    unit: '次',
    where: (w) => w.and(w.eq('kind', '行政诉讼'), w.set('headAppeared')),
  }),
  figure.count(petition, { key: 'oversight.petitions', label: '受理信访事项件数', unit: '件' }),
]);

/** Outcomes of the cases (调解撤诉、驳回、撤销… and 尚未审结), and what is still open. */
defineFigures([
  figure.group(disputeCase, {
    key: 'oversight.lawsuits_by_result',
    label: '行政诉讼案件数（按结果）',
    unit: '起',
    groupBy: 'result',
    where: (w) => w.eq('kind', '行政诉讼'),
  }),
  figure.group(disputeCase, {
    key: 'oversight.reconsiderations_by_result',
    label: '行政复议案件数（按结果）',
    unit: '件',
    groupBy: 'result',
    where: (w) => w.eq('kind', '行政复议'),
  }),
  figure.count(disputeCase, { key: 'oversight.dispute_cases', label: '行政复议和行政诉讼案件总数', unit: '件' }),
  figure.count(suggestion, {
    key: 'oversight.suggestions_pending',
    label: '建议提案尚未答复件数',
    unit: '件',
    where: (w) => w.not(w.set('repliedOn')),
  }),
]);
