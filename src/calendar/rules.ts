/**
 * Deadline rules as data: each statutory time limit is a rule (start event, amount, calendar or
 * working days, source article). Modules declare their rules next to their ledgers with
 * `deadlineRule(ledger, …)`, which checks the field names against the ledger's declaration; the
 * calendar engine (calendar/deadlines.ts) computes due dates from them.
 */
import type { DeadlineKind, DeadlineUnit, ReminderStep } from '../contract.ts';
import type { FieldsOf, Ledger } from '../ledger/define.ts';
import type { KeysOfKind } from '../ledger/field.ts';
import { type Cond, type WhereKit, whereKit } from '../figures/filter.ts';

export type DeadlineRule = {
  key: string;
  /** e.g. 依申请公开答复期限 */
  label: string;
  module: string;
  ledger: Ledger;
  /** How the period relates to its events (default limit); see DeadlineKind. */
  kind: DeadlineKind;
  /** Date field that starts the clock (the day itself is not counted); for `before`, the event counted back from; for `expiry`, the expiry date. */
  start: string;
  /** Date field that, when set, replaces `start` (the clock restarts, e.g. 补正 received). */
  restartField?: string;
  /**
   * Date field whose presence stops the clock until `restartField` is set (a 补正通知 sent, the
   * corrected request not back): the deadline is 等待补正, never 逾期.
   */
  awaitField?: string;
  amount: number;
  unit: DeadlineUnit;
  /** Boolean field: when true, `extendAmount` more units are added (an approved extension). */
  extendField?: string;
  /** Integer field: the units granted by an approved extension, at most `extendAmount`. */
  extendDaysField?: string;
  /** Text and date fields naming who approved the extension and when (shown in the explanation). */
  extendByField?: string;
  extendOnField?: string;
  extendAmount?: number;
  /** Integer field: units during which the clock stood still, from records that predate dated pauses. */
  pauseField?: string;
  /**
   * Date fields of a dated pause (e.g. third-party consultation): the working days after `from` up
   * to and including `to` are not counted, at most `pauseMax` of them; when both are set the
   * integer `pauseField` is ignored.
   */
  pauseFrom?: string;
  pauseTo?: string;
  pauseMax?: number;
  /** Date field whose presence closes the deadline (done on that date); none for an expiry. */
  doneField?: string;
  /**
   * The deadline closes when the next record of the same bureau passing `when` starts (a duty that
   * recurs, e.g. the two-yearly cleanup): done on that record's start date.
   */
  doneByNext?: boolean;
  /** minimum: text field whose value states why the period was shortened, where the law allows it. */
  shortenReasonField?: string;
  /** expiry: days before the expiry date at which to warn; the first opens 临期. */
  warnDays?: readonly number[];
  /** expiry: whether the deadline stays open (已到期) once the date has passed, because someone must act. */
  openAfterExpiry?: boolean;
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
  | 'ledger'
  | 'module'
  | 'kind'
  | 'start'
  | 'restartField'
  | 'awaitField'
  | 'extendField'
  | 'extendDaysField'
  | 'extendByField'
  | 'extendOnField'
  | 'pauseField'
  | 'pauseFrom'
  | 'pauseTo'
  | 'doneField'
  | 'shortenReasonField'
  | 'when'
> & {
  module?: string;
  kind?: DeadlineKind;
  start: DateField<L>;
  restartField?: DateField<L>;
  awaitField?: DateField<L>;
  extendField?: KeysOfKind<FieldsOf<L>, 'bool'>;
  extendDaysField?: KeysOfKind<FieldsOf<L>, 'int'>;
  extendByField?: KeysOfKind<FieldsOf<L>, 'text'>;
  extendOnField?: DateField<L>;
  pauseField?: KeysOfKind<FieldsOf<L>, 'int'>;
  pauseFrom?: DateField<L>;
  pauseTo?: DateField<L>;
  doneField?: DateField<L>;
  shortenReasonField?: KeysOfKind<FieldsOf<L>, 'text' | 'longtext'>;
  when?: (w: WhereKit<FieldsOf<L>>) => Cond;
};

/** A deadline rule on one ledger; its fields are checked against the ledger's declaration. */
export function deadlineRule<L extends Ledger>(ledger: L, d: DeadlineRuleDecl<L>): DeadlineRule {
  const kind = d.kind ?? 'limit';
  // Every kind but an expiry closes on an event; a rule that cannot close would stay open for ever.
  if (kind !== 'expiry' && !d.doneField && !d.doneByNext) throw new Error(`deadline rule ${d.key}: needs doneField or doneByNext`);
  if ((d.pauseFrom === undefined) !== (d.pauseTo === undefined))
    throw new Error(`deadline rule ${d.key}: pauseFrom and pauseTo go together`);
  if (d.extendDaysField && !d.extendAmount) throw new Error(`deadline rule ${d.key}: extendDaysField needs extendAmount (the maximum)`);
  if (d.pauseFrom && d.unit === 'month') throw new Error(`deadline rule ${d.key}: a dated pause is counted in days or working days`);
  if ((kind === 'before' || kind === 'minimum') && d.amount <= 0) throw new Error(`deadline rule ${d.key}: needs a positive amount`);
  if (d.awaitField && !d.restartField) throw new Error(`deadline rule ${d.key}: awaitField needs restartField`);
  return {
    ...d,
    kind,
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
