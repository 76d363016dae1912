/** 工作成效 by business area: the total of 数量, with one breakdown row per 领域. */
import { defineFigures, figure } from '../../figures/define.ts';
import { result } from './results.ledger.ts';

defineFigures([
  figure.group(result, {
    key: 'results.items',
    label: '工作成效数量（按业务领域）',
    unit: '（按各项计量单位）',
    groupBy: 'domain',
    field: 'quantity',
  }),
]);

/** Each result's 数量 (a report prints it with the record's 计量单位: 注销登记11家). */
defineFigures([
  figure.group(result, {
    key: 'results.quantity_by_item',
    label: '工作成效数量（按成效内容）',
    unit: '（按各项计量单位）',
    groupBy: 'description',
    field: 'quantity',
    where: (w) => w.set('quantity'),
  }),
]);
