/** Figures of 建议提案、复议诉讼、信访 (seed 001: 人大建议13件、政协提案11件、行政诉讼5起、复议0、败诉0). */
import { defineFigures } from '../../figures/define.ts';
import { LOST_RESULTS } from './oversight.ledger.ts';

const set = (v: unknown) => v !== undefined && v !== null && v !== '' && v !== false;

defineFigures([
  {
    key: 'oversight.npc',
    module: 'oversight',
    label: '办理人大代表建议件数',
    unit: '件',
    kind: 'count',
    ledger: 'suggestion',
    where: (d) => d.kind === '人大代表建议',
  },
  {
    key: 'oversight.cppcc',
    module: 'oversight',
    label: '办理政协提案件数',
    unit: '件',
    kind: 'count',
    ledger: 'suggestion',
    where: (d) => d.kind === '政协提案',
  },
  { key: 'oversight.suggestions', module: 'oversight', label: '办理建议提案总件数', unit: '件', kind: 'count', ledger: 'suggestion' },
  {
    key: 'oversight.suggestions_answered',
    module: 'oversight',
    label: '建议提案已答复件数',
    unit: '件',
    kind: 'count',
    ledger: 'suggestion',
    where: (d) => set(d.repliedOn),
  },
  {
    key: 'oversight.suggestions_answer_rate',
    module: 'oversight',
    label: '建议提案办复率',
    unit: '%',
    kind: 'ratio',
    num: 'oversight.suggestions_answered',
    den: 'oversight.suggestions',
    percent: true,
  },
  {
    key: 'oversight.lawsuits',
    module: 'oversight',
    label: '行政诉讼案件数',
    unit: '起',
    kind: 'count',
    ledger: 'dispute_case',
    where: (d) => d.kind === '行政诉讼',
  },
  {
    key: 'oversight.reconsiderations',
    module: 'oversight',
    label: '行政复议案件数',
    unit: '件',
    kind: 'count',
    ledger: 'dispute_case',
    where: (d) => d.kind === '行政复议',
  },
  {
    key: 'oversight.cases_lost',
    module: 'oversight',
    label: '败诉或被纠错案件数',
    unit: '件',
    kind: 'count',
    ledger: 'dispute_case',
    where: (d) => typeof d.result === 'string' && LOST_RESULTS.includes(d.result),
  },
  {
    key: 'oversight.head_appearances',
    module: 'oversight',
    label: '负责人出庭应诉次数',
    unit: '次',
    kind: 'count',
    ledger: 'dispute_case',
    where: (d) => d.kind === '行政诉讼' && set(d.headAppeared),
  },
  { key: 'oversight.petitions', module: 'oversight', label: '受理信访事项件数', unit: '件', kind: 'count', ledger: 'petition' },
]);
