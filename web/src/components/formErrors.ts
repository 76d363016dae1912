/** Puts a server 400 (problem+json with `field`) on the named form field; otherwise returns the detail. */
import type { FormInstance } from 'antd';
import { ApiError, errorDetail } from '../api.ts';

/** Returns the message still to show (null when it was placed on a field). */
export function applyFieldError(form: FormInstance, e: unknown, known: readonly string[]): string | null {
  if (e instanceof ApiError && e.field && known.includes(e.field)) {
    form.setFields([{ name: e.field, errors: [e.detail] }]);
    form.scrollToField(e.field);
    return null;
  }
  return errorDetail(e);
}
