/**
 * Puts a server 400 on the form: each entry of problem+json `errors` (or the single `field`) under
 * its form field, so a form with several bad fields shows every message where it belongs.
 */
import type { FormInstance } from 'antd';
import { ApiError, errorDetail, type FieldError } from '../api.ts';

/**
 * Returns the message still to show above the form (null when every error was placed on a field).
 * `prefix`: where the form's values sit in the request body (`data.` for a record): an error the
 * server's edge names by its body path (`data.topic`) goes on the form field `topic`.
 */
export function applyFieldError(form: FormInstance, e: unknown, known: readonly string[], prefix = ''): string | null {
  if (!(e instanceof ApiError)) return errorDetail(e);
  const given: readonly FieldError[] = e.errors.length ? e.errors : e.field ? [{ field: e.field, message: e.detail }] : [];
  const all = given.map((x) => (prefix && x.field.startsWith(prefix) ? { ...x, field: x.field.slice(prefix.length) } : x));
  const placed = all.filter((x) => known.includes(x.field));
  if (placed.length === 0) return e.detail;
  const byField = new Map<string, string[]>();
  for (const x of placed) byField.set(x.field, [...(byField.get(x.field) ?? []), x.message]);
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  form.scrollToField(placed[0].field);
  const rest = all.filter((x) => !known.includes(x.field));
  return rest.length ? rest.map((x) => x.message).join('；') : null;
}
