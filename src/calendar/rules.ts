/**
 * Deadline rules as data: each statutory time limit is a rule (start event, amount, calendar or
 * working days, source article). Modules declare their rules next to their ledgers with
 * `deadlineRule(ledger, …)`, which checks the field names against the ledger's declaration; the
 * calendar engine (calendar/deadlines.ts) computes due dates from them.
 */
import type { DeadlineUnit, ReminderStep } from '../contract.ts';
import type { FieldsOf, Ledger } from '../ledger/define.ts';
import type { KeysOfKind } from '../ledger/field.ts';
import { type Cond, type WhereKit, whereKit } from '../figures/filter.ts';

export type DeadlineRule = {
  key: string;
  /** e.g. 依申请公开答复期限 */
  label: string;
  module: string;
  ledger: Ledger;
  /** Date field that starts the clock (the day itself is not counted). */
  start: string;
  /** Date field that, when set, replaces `start` (the clock restarts, e.g. 补正 received). */
  restartField?: string;
  amount: number;
  unit: DeadlineUnit;
  /** Boolean field: when true, `extendAmount` more units are added (an approved extension). */
  extendField?: string;
  extendAmount?: number;
  /** Integer field: units during which the clock stood still (third-party consultation). */
  pauseField?: string;
  /** Date field whose presence closes the deadline (done on that date). */
  doneField: string;
  /** Only records passing this filter carry the deadline. */
  when?: Cond;
  /** 法律依据, e.g. 《政府信息公开条例》第三十三条 */
  basis: string;
  /** Configurable per bureau (setting key `deadline.<key>.amount`) when the law leaves it to local rules. */
  configurable?: boolean;
  /**
   * Who is reminded when (working days from the due day). Absent: the default policy of
   * reminders/policy.ts, by the period's length. A bureau may replace them with its own.
   */
  reminders?: readonly ReminderStep[];
};

type DateField<L> = KeysOfKind<FieldsOf<L>, 'date'>;

export type DeadlineRuleDecl<L extends Ledger> = Omit<
  DeadlineRule,
  'ledger' | 'module' | 'start' | 'restartField' | 'extendField' | 'pauseField' | 'doneField' | 'when'
> & {
  module?: string;
  start: DateField<L>;
  restartField?: DateField<L>;
  extendField?: KeysOfKind<FieldsOf<L>, 'bool'>;
  pauseField?: KeysOfKind<FieldsOf<L>, 'int'>;
  doneField: DateField<L>;
  when?: (w: WhereKit<FieldsOf<L>>) => Cond;
};

/** A deadline rule on one ledger; its fields are checked against the ledger's declaration. */
export function deadlineRule<L extends Ledger>(ledger: L, d: DeadlineRuleDecl<L>): DeadlineRule {
  return {
    ...d,
    module: d.module ?? ledger.module,
    ledger,
    when: d.when ? d.when(whereKit<FieldsOf<L>>(ledger.fields as FieldsOf<L>)) : undefined,
  };
}

const rules = new Map<string, DeadlineRule>();

export function defineDeadlineRules(list: readonly DeadlineRule[]): void {
  for (const r of list) {
    if (rules.has(r.key)) throw new Error(`duplicate deadline rule ${r.key}`);
    rules.set(r.key, r);
  }
}

export function allDeadlineRules(): DeadlineRule[] {
  return [...rules.values()];
}

export function getDeadlineRule(key: string): DeadlineRule | undefined {
  return rules.get(key);
}
