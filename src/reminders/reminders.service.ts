/**
 * The reminder engine: over every bureau, each open deadline's latest step that has come (policy.ts)
 * goes to its recipients once — in the app, and through the Deliverer on the bureau's external
 * channels. "Once" is the database's: the log row of (rule, record, due, step, recipient, channel)
 * is claimed before anything is sent, so a second run, or a second server running at the same
 * moment, finds the row and sends nothing. A new due date (an extension) is a new key, so its steps
 * are sent afresh. A claimed external reminder whose server dies before the channel answers stays
 * unanswered in the log and is not sent again (at most once rather than twice).
 */
import { randomUUID } from 'node:crypto';
import type { Deadline, DeadlineStatus, ReminderAudience, ReminderStep } from '../contract.ts';
import { listDeadlines } from '../calendar/deadlines.ts';
import { getDeadlineRule } from '../calendar/rules.ts';
import { loadWorkCalendar } from '../calendar/workdays.ts';
import { inTx } from '../db/tx.ts';
import type { Db } from '../db/types.ts';
import { insertNotification } from '../notify/notification.repo.ts';
import type { Deliverer, DeliveryResult, OutboundMessage } from '../notify/outbound.ts';
import { findAllOrgs } from '../org/org.repo.ts';
import { BUSINESS_ROLES } from '../org/roles.ts';
import { systemScope } from '../org/scope.ts';
import { type Clock, nowIso, systemClock, today as todayOf } from '../util/time.ts';
import { ownStepsOf } from './policy.service.ts';
import { defaultSteps, dueSteps, reminderSettingKey, stepKey } from './policy.ts';
import { AUDIENCE_CN, REMINDER_MSG as MSG } from './reminders.messages.ts';
import {
  activePeopleOf,
  claimReminder,
  loggedKeys,
  type Person,
  type ReminderKey,
  settleReminders,
  unitHeadsOf,
} from './reminders.repo.ts';

/** The log's channel of in-app notifications; external channels are logged as one `outbound` row per person, with each channel's answer. */
export const INAPP = 'inapp';
export const OUTBOUND = 'outbound';

/**
 * The states a reminder is sent in: a running clock. Any other state of an open deadline (a clock
 * stopped while waiting for 补正, a minimum period that cannot be overdue) says nobody has to act yet.
 */
const REMINDABLE: readonly DeadlineStatus[] = ['进行中', '临期', '逾期'];

export type ReminderRunOptions = {
  /** The day the run acts as of (default today in Asia/Shanghai, from the clock). */
  today?: string;
  clock?: Clock;
  /** The bureaus' external channels; without it only in-app notifications are written. */
  deliver?: Deliverer;
  /** Report what would be sent; write nothing. */
  dryRun?: boolean;
  /** The web app's origin, for absolute links in external messages (PUBLIC_URL). */
  publicUrl?: string | null;
};

export type RecipientView = { userId: string; displayName: string };

export type RunItem = {
  orgId: string;
  ruleKey: string;
  recordId: string;
  record: string;
  label: string;
  due: string;
  step: string;
  to: ReminderAudience;
  title: string;
  /** Who this run tells (in a dry run: who it would tell); people already told for the step are left out. */
  recipients: RecipientView[];
  /** The channels' answers (null: no Deliverer, a dry run, or nobody new to tell). */
  outbound: DeliveryResult[] | null;
};

export type ReminderRunReport = { today: string; dryRun: boolean; items: RunItem[] };

type Directory = { people: Map<string, Person[]>; heads: Map<string, string> };

async function directoryOf(db: Db, orgIds: string[]): Promise<Directory> {
  const people = new Map<string, Person[]>();
  for (const p of await activePeopleOf(db, orgIds, BUSINESS_ROLES)) people.set(p.orgId, [...(people.get(p.orgId) ?? []), p]);
  return { people, heads: await unitHeadsOf(db, orgIds) };
}

/**
 * Who a step reaches. The owner is the person the record names, else the accounts of its unit, else
 * the unit's head; a deadline with no unit (or a unit without accounts or head) goes to the bureau's
 * 法治专干, as does a unit-head step of a unit that names no head.
 */
export function recipientsOf(dl: Pick<Deadline, 'orgId' | 'owner'>, to: ReminderAudience, dir: Directory): Person[] {
  const org = dir.people.get(dl.orgId) ?? [];
  const officers = org.filter((p) => p.role === 'officer');
  const head = dl.owner.unitId ? org.find((p) => p.id === dir.heads.get(dl.owner.unitId ?? '')) : undefined;
  switch (to) {
    case 'owner': {
      const named = dl.owner.userId ? org.find((p) => p.id === dl.owner.userId) : undefined;
      if (named) return [named];
      const unit = dl.owner.unitId ? org.filter((p) => p.unitId === dl.owner.unitId) : [];
      if (unit.length) return unit;
      return head ? [head] : officers;
    }
    case 'unitHead':
      return head ? [head] : officers;
    case 'officer':
      return officers;
    case 'leader':
      return org.filter((p) => p.role === 'leader');
  }
}

function messageOf(dl: Deadline, step: ReminderStep, publicUrl: string | null | undefined) {
  const title = MSG.title(step.offset, dl.label, dl.due);
  const lines = MSG.lines({
    record: dl.title,
    label: dl.label,
    basis: dl.basis,
    due: dl.due,
    offset: step.offset,
    to: step.to,
    remaining: dl.remainingWorkdays,
  });
  const path = `/records/${encodeURIComponent(dl.recordId)}`;
  return { title, text: lines.join('\n'), path, link: publicUrl ? `${publicUrl.replace(/\/+$/, '')}${path}` : null };
}

/** One run over all bureaus as of `today`: see the file header. */
export async function runReminders(db: Db, opts: ReminderRunOptions = {}): Promise<ReminderRunReport> {
  const clock = opts.clock ?? systemClock;
  const today = opts.today ?? todayOf(clock);
  const dryRun = opts.dryRun === true;
  const orgIds = (await findAllOrgs(db)).map((o) => o.id);
  if (orgIds.length === 0) return { today, dryRun, items: [] };
  const deadlines = await listDeadlines(db, systemScope(orgIds[0], orgIds, clock), { status: 'open' }, { today });
  const cal = await loadWorkCalendar(db);
  const own = await ownStepsOf(db, orgIds);
  const dir = await directoryOf(db, orgIds);
  const planned: Array<{ dl: Deadline; step: ReminderStep; people: Person[] }> = [];
  for (const dl of deadlines) {
    const rule = getDeadlineRule(dl.ruleKey);
    if (!rule || !REMINDABLE.includes(dl.status)) continue;
    const steps = own.get(dl.orgId)?.get(reminderSettingKey(rule)) ?? defaultSteps(rule);
    for (const step of dueSteps(cal, dl.due, steps, today)) {
      const people = recipientsOf(dl, step.to, dir);
      if (people.length) planned.push({ dl, step, people });
    }
  }
  if (planned.length === 0) return { today, dryRun, items: [] };
  const dues = planned.map((p) => p.dl.due).sort();
  const logged = new Set((await loggedKeys(db, orgIds, dues[0], dues[dues.length - 1])).map(keyText));
  // A person is left out once every channel this run would use has the step logged for them.
  const channels = dryRun || !opts.deliver ? [INAPP] : [INAPP, OUTBOUND];
  const items: RunItem[] = [];
  for (const { dl, step, people } of planned) {
    const fresh = people.filter((p) => channels.some((c) => !logged.has(keyText(keyOf(dl, step, p, c)))));
    if (fresh.length === 0) continue;
    const item = dryRun ? itemOf(dl, step, fresh, null) : await sendStep(db, dl, step, fresh, { ...opts, at: nowIso(clock) });
    if (item) items.push(item);
  }
  return { today, dryRun, items };
}

const keyText = (k: ReminderKey): string => [k.ruleKey, k.recordId, k.due, k.step, k.recipientId, k.channel].join('|');

function itemOf(dl: Deadline, step: ReminderStep, people: Person[], outbound: DeliveryResult[] | null): RunItem {
  return {
    orgId: dl.orgId,
    ruleKey: dl.ruleKey,
    recordId: dl.recordId,
    record: dl.title,
    label: dl.label,
    due: dl.due,
    step: stepKey(step),
    to: step.to,
    title: MSG.title(step.offset, dl.label, dl.due),
    recipients: people.map((p) => ({ userId: p.id, displayName: p.displayName })),
    outbound,
  };
}

const keyOf = (dl: Deadline, step: ReminderStep, p: Person, channel: string): ReminderKey => ({
  ruleKey: dl.ruleKey,
  recordId: dl.recordId,
  due: dl.due,
  step: stepKey(step),
  recipientId: p.id,
  channel,
});

async function sendStep(
  db: Db,
  dl: Deadline,
  step: ReminderStep,
  people: Person[],
  opts: ReminderRunOptions & { at: string },
): Promise<RunItem | null> {
  const msg = messageOf(dl, step, opts.publicUrl);
  // Claim and write the in-app notifications in one transaction: a notification exists exactly when its log row does.
  const claimed = await inTx(db, async (trx) => {
    const told: Person[] = [];
    const outbound: Array<{ id: string; person: Person }> = [];
    for (const p of people) {
      const inapp = await claimReminder(trx, {
        ...keyOf(dl, step, p, INAPP),
        id: randomUUID(),
        orgId: dl.orgId,
        sentAt: opts.at,
        ok: 1,
        detail: null,
      });
      if (inapp) {
        told.push(p);
        await insertNotification(trx, {
          id: randomUUID(),
          org_id: dl.orgId,
          user_id: p.id,
          kind: 'reminder',
          title: msg.title,
          body: msg.text,
          link: msg.path,
          record_id: dl.recordId,
          created_at: opts.at,
          read_at: null,
        });
      }
      if (!opts.deliver) continue;
      const id = randomUUID();
      if (await claimReminder(trx, { ...keyOf(dl, step, p, OUTBOUND), id, orgId: dl.orgId, sentAt: opts.at, ok: null, detail: null })) {
        outbound.push({ id, person: p });
      }
    }
    return { told, outbound };
  });
  let results: DeliveryResult[] | null = null;
  if (opts.deliver && claimed.outbound.length) {
    const out: OutboundMessage = {
      orgId: dl.orgId,
      title: msg.title,
      text: msg.text,
      link: msg.link,
      recipients: claimed.outbound.map(({ person }) => ({ userId: person.id, displayName: person.displayName })),
    };
    const ids = claimed.outbound.map((c) => c.id);
    try {
      results = await opts.deliver(out);
      await settleReminders(
        db,
        ids,
        results.every((r) => r.ok),
        results.length ? JSON.stringify(results) : MSG.noChannel,
      );
    } catch (e) {
      // A Deliverer should not throw; if one does, the claim stays and says why (it is not sent again).
      results = [];
      await settleReminders(db, ids, false, MSG.deliverFailed(e instanceof Error ? e.message : String(e)));
    }
  }
  const reached = [...new Map([...claimed.told, ...claimed.outbound.map((c) => c.person)].map((p) => [p.id, p])).values()];
  return reached.length ? itemOf(dl, step, reached, results) : null;
}

const hourFmt = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', hourCycle: 'h23' });

/** Whether `now` is within the sending hours (Asia/Shanghai) of a working day. */
export async function inOfficeHours(db: Db, now: Date, hours: { from: number; to: number }): Promise<boolean> {
  const hour = Number(hourFmt.format(now));
  if (hour < hours.from || hour >= hours.to) return false;
  return (await loadWorkCalendar(db)).isWorkday(todayOf({ now: () => now }));
}

/** Who a step's audience is, in Chinese (for the CLI and the settings page). */
export const audienceLabel = (to: ReminderAudience): string => AUDIENCE_CN[to];
