/** 工作成效 by business area: the total of 数量, with one breakdown row per 领域. */
import { defineFigures } from '../../figures/define.ts';

defineFigures([
  {
    key: 'results.items',
    module: 'results',
    label: '工作成效数量（按业务领域）',
    unit: '（按各项计量单位）',
    kind: 'group',
    ledger: 'result',
    groupBy: 'domain',
    field: 'quantity',
  },
]);
