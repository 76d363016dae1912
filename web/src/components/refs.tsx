/**
 * Reference fields (`kind: 'ref'`): the record picker of the form (remote search over the target
 * ledgers) and the display of a referenced record by its title. Titles already seen (search results,
 * a record's links) are kept in a small cache so a list shows titles rather than ids.
 */
import { Select, Space, Spin, Typography } from 'antd';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, type FieldMeta, get, type LedgerMeta, type LedgerRecord, type RecordPage } from '../api.ts';
import { REF_MSG } from '../labels.ts';

export type RefBrief = { id: string; title: string; occurredOn: string | null; ledger: string };

const titles = new Map<string, RefBrief>();
const pending = new Map<string, Promise<RefBrief | null>>();

/** Remembers records whose titles are known (e.g. from GET /api/records/:id/links). */
export function rememberRefs(list: readonly RefBrief[]): void {
  for (const r of list) titles.set(r.id, { id: r.id, title: r.title, occurredOn: r.occurredOn, ledger: r.ledger });
}

/** The record `id` of one of `ledgers`, from the cache or the server (null: gone or not visible). */
function resolveRef(id: string, ledgers: readonly string[]): Promise<RefBrief | null> {
  const known = titles.get(id);
  if (known) return Promise.resolve(known);
  const inFlight = pending.get(id);
  if (inFlight) return inFlight;
  const p = (async () => {
    for (const l of ledgers) {
      try {
        const r = await get<LedgerRecord>(`/api/ledgers/${encodeURIComponent(l)}/records/${encodeURIComponent(id)}`);
        const brief = { id: r.id, title: r.title, occurredOn: r.occurredOn, ledger: r.ledger };
        titles.set(id, brief);
        return brief;
      } catch (e) {
        if (!(e instanceof ApiError) || (e.status !== 404 && e.status !== 403)) break;
      }
    }
    return null;
  })();
  pending.set(id, p);
  void p.finally(() => pending.delete(id));
  return p;
}

function useResolved(ids: readonly string[], ledgers: readonly string[]): Map<string, RefBrief | null> {
  const key = ids.join(',');
  const [map, setMap] = useState<Map<string, RefBrief | null>>(
    () => new Map(ids.filter((i) => titles.has(i)).map((i) => [i, titles.get(i) ?? null])),
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `ids`; the targets of a field do not change
  useEffect(() => {
    let live = true;
    void Promise.all(ids.map(async (i) => [i, await resolveRef(i, ledgers)] as const)).then((pairs) => {
      if (live) setMap(new Map(pairs));
    });
    return () => {
      live = false;
    };
  }, [key]);
  return map;
}

const idsOf = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' && v ? [v] : [];

/** A reference field's value shown as the titles of the records it names. */
export function RefValue({ field, value }: { field: FieldMeta; value: unknown }): ReactNode {
  const ids = idsOf(value);
  const resolved = useResolved(ids, field.ref?.ledgers ?? []);
  return (
    <>
      {ids.map((id, i) => {
        const r = resolved.get(id);
        return (
          <span key={id}>
            {i > 0 && '；'}
            {r === undefined ? <Spin size="small" /> : r === null ? REF_MSG.unknown : r.title}
          </span>
        );
      })}
    </>
  );
}

type PickerProps = {
  field: FieldMeta;
  ledgers: readonly LedgerMeta[];
  /** The bureau the record belongs to: only its records may be referenced. */
  orgId: string | undefined;
  id?: string;
  value?: string | string[] | null;
  onChange?: (v: string | string[] | undefined) => void;
};

const DEBOUNCE_MS = 300;

/** The record picker of a reference field: remote search by title in every target ledger, merged. */
export function RefPicker({ field, ledgers, orgId, id, value, onChange }: PickerProps): ReactNode {
  const targets = field.ref?.ledgers ?? [];
  const many = field.ref?.many ?? false;
  const [found, setFound] = useState<RefBrief[]>([]);
  const [searching, setSearching] = useState(false);
  const seq = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const selected = idsOf(value);
  const resolved = useResolved(selected, targets);
  const targetLabel = targets.map((k) => ledgers.find((l) => l.key === k)?.label ?? k).join('、');

  const search = (q: string) => {
    clearTimeout(timer.current);
    const n = ++seq.current;
    setSearching(true);
    timer.current = setTimeout(() => {
      void Promise.all(
        targets.map((l) =>
          get<RecordPage<LedgerRecord>>(`/api/ledgers/${encodeURIComponent(l)}/records`, { q: q.trim(), pageSize: 20, orgId })
            .then((p) => p.items)
            .catch(() => [] as LedgerRecord[]),
        ),
      ).then((lists) => {
        if (n !== seq.current) return;
        const items = lists.flat().map((r) => ({ id: r.id, title: r.title, occurredOn: r.occurredOn, ledger: r.ledger }));
        rememberRefs(items);
        setFound(items);
        setSearching(false);
      });
    }, DEBOUNCE_MS);
  };
  useEffect(() => () => clearTimeout(timer.current), []);

  const options = useMemo(() => {
    const out: Array<{ value: string; label: string; date: string | null; ledger: string }> = [];
    const seen = new Set<string>();
    const add = (r: RefBrief) => {
      if (seen.has(r.id)) return;
      seen.add(r.id);
      out.push({ value: r.id, label: r.title, date: r.occurredOn, ledger: r.ledger });
    };
    for (const sid of selected) {
      const r = resolved.get(sid);
      if (r) add(r);
      else if (r === null) add({ id: sid, title: REF_MSG.unknown, occurredOn: null, ledger: '' });
    }
    for (const r of found) add(r);
    return out;
  }, [found, resolved, selected]);

  const showLedger = targets.length > 1;
  return (
    <div data-ref-ledgers={targets.join(' ')} data-testid={`ref-${field.name}`}>
      <Select<string | string[]>
        id={id}
        mode={many ? 'multiple' : undefined}
        allowClear
        showSearch
        filterOption={false}
        value={many ? selected : (selected[0] ?? undefined)}
        onChange={(v) => onChange?.(v === undefined || (Array.isArray(v) && v.length === 0) ? undefined : v)}
        onSearch={search}
        onOpenChange={(open) => {
          if (open) search('');
        }}
        placeholder={many ? REF_MSG.placeholderMany(targetLabel) : REF_MSG.placeholder(targetLabel)}
        notFoundContent={searching ? REF_MSG.searching : REF_MSG.noMatch}
        options={options}
        optionRender={(o) => (
          <Space size={4} wrap={false} style={{ maxWidth: '100%' }}>
            <Typography.Text ellipsis style={{ maxWidth: 260 }}>
              {o.data.label}
            </Typography.Text>
            {(o.data.date || (showLedger && o.data.ledger)) && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {[showLedger ? (ledgers.find((l) => l.key === o.data.ledger)?.label ?? '') : '', o.data.date ?? '']
                  .filter(Boolean)
                  .join(' · ')}
              </Typography.Text>
            )}
          </Space>
        )}
        style={{ width: '100%' }}
      />
    </div>
  );
}
