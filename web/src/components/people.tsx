/**
 * Person fields (`kind: 'user'`, e.g. 承办人): the form's picker of the bureau's business accounts by
 * display name, and the display of a named account. The accounts (GET /api/people) are read once
 * per page load and shared by every field and list cell.
 */
import { Select } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { get, type Person } from '../api.ts';
import { PERSON_MSG } from '../labels.ts';

let loaded: Promise<Person[]> | null = null;

function loadPeople(): Promise<Person[]> {
  loaded ??= get<Person[]>('/api/people').catch(() => {
    // A failed read is tried again by the next field that needs it.
    loaded = null;
    return [];
  });
  return loaded;
}

function usePeople(): Person[] | null {
  const [people, setPeople] = useState<Person[] | null>(null);
  useEffect(() => {
    let live = true;
    void loadPeople().then((p) => {
      if (live) setPeople(p);
    });
    return () => {
      live = false;
    };
  }, []);
  return people;
}

/** The label of an account: its display name, with the username when another account of the bureau has the same name. */
function labelOf(p: Person, all: readonly Person[]): string {
  const twin = all.some((x) => x.id !== p.id && x.orgId === p.orgId && x.displayName === p.displayName);
  return twin ? `${p.displayName}（${p.username}）` : p.displayName;
}

/** The form control: the business accounts of the record's bureau. Extra props come from Form.Item. */
export function PersonPicker({
  orgId,
  ...rest
}: {
  orgId: string | undefined;
  value?: string;
  onChange?: (v: string | undefined) => void;
}): ReactNode {
  const people = usePeople();
  const own = (people ?? []).filter((p) => p.orgId === orgId);
  return (
    <Select
      {...rest}
      allowClear
      showSearch
      optionFilterProp="label"
      loading={people === null}
      placeholder={PERSON_MSG.placeholder}
      notFoundContent={PERSON_MSG.none}
      options={own.map((p) => ({ value: p.id, label: labelOf(p, own) }))}
    />
  );
}

export function PersonValue({ value }: { value: string }): ReactNode {
  const people = usePeople();
  if (people === null) return '…';
  const p = people.find((x) => x.id === value);
  return p ? labelOf(p, people) : PERSON_MSG.gone;
}
