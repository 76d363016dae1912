/**
 * The error catalog. Every error a client sees has a stable id, an HTTP status and a Chinese detail.
 * One handler (http/app.ts) turns these into problem+json; anything else is a logged 500.
 * A request with several bad fields (a form, the rows of an imported file) is answered with all of
 * them at once in `errors`; `detail` then summarises them.
 */

/** One bad field: `row` is the sheet row number of an imported file, absent for a form. */
import type { FieldError } from './contract.ts';
// Installs the Chinese wording of zod issues for every schema of the server and the CLI.
import './util/zod-zh.ts';

export type { FieldError };

export class AppError extends Error {
  readonly errors: readonly FieldError[];
  constructor(
    readonly id: string,
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly field?: string,
    errors?: readonly FieldError[],
  ) {
    super(detail);
    this.errors = errors ?? (field ? [{ field, message: detail }] : []);
  }
}

/** Every Chinese word of the catalog that is not a title. */
const MSG = {
  row: (row: number) => `第${row}行：`,
  many: (n: number, shown: string, more: boolean) => `共有${n}处内容有误，请全部改正后重新提交：${shown}${more ? '等' : ''}`,
  manyShown: 3,
};

/** '第N行：message' for an error of an imported row, the message alone for a form. */
export const errorLine = (e: FieldError): string => (e.row === undefined ? e.message : `${MSG.row(e.row)}${e.message}`);

/** The `detail` of a list of errors: the only one's line, or how many there are and the first few. */
export function summarize(errors: readonly FieldError[]): string {
  const lines = errors.map(errorLine);
  if (lines.length === 1) return lines[0];
  return MSG.many(lines.length, lines.slice(0, MSG.manyShown).join('；'), lines.length > MSG.manyShown);
}

const firstField = (errors: readonly FieldError[] | undefined) => errors?.[0]?.field || undefined;

export const badRequest = (field: string | undefined, detail: string): AppError =>
  new AppError('bad_request', 400, '请求内容有误', detail, field);
/** A 400 listing every bad field (at least one). */
export const invalid = (errors: readonly FieldError[]): AppError =>
  new AppError('bad_request', 400, '请求内容有误', summarize(errors), firstField(errors), errors);
export const unauthorized = (detail = '请先登录'): AppError => new AppError('unauthorized', 401, '未登录', detail);
export const forbidden = (detail = '没有权限进行此操作'): AppError => new AppError('forbidden', 403, '无权限', detail);
export const notFound = (detail = '记录不存在'): AppError => new AppError('not_found', 404, '未找到', detail);
/** A 409; `errors` names the conflicting fields or rows (e.g. of a file edited from a stale export). */
export const conflict = (detail: string, errors?: readonly FieldError[]): AppError =>
  new AppError('conflict', 409, '冲突', detail, firstField(errors), errors);
/** A 428: a change of a versioned resource must say which version it changes (no last-write-wins). */
export const versionRequired = (detail = '请提供所修改内容的版本号（version），以免覆盖他人在此期间所做的修改'): AppError =>
  new AppError('precondition_required', 428, '缺少版本号', detail, 'version');
/** A 503 the client may retry after `retryAfter` seconds (answered as Retry-After): a per-server limit is reached. */
export class BusyError extends AppError {
  constructor(
    detail: string,
    readonly retryAfter: number,
  ) {
    super('busy', 503, '服务器繁忙', detail);
  }
}
/** A stored file no longer matches the hash taken when it was stored: the server's data, not the request, is at fault. */
export const attachmentAltered = (detail: string): AppError => new AppError('integrity_failed', 500, '文件校验失败', detail);
export const locked = (detail: string): AppError => new AppError('locked', 423, '账户已锁定', detail);
export const tooManyRequests = (detail: string): AppError => new AppError('too_many_requests', 429, '请求过于频繁', detail);

/** The same error, said of row `row` of an imported file (a refusal raised while saving that row). */
export const atRow = (e: AppError, row: number): AppError =>
  new AppError(
    e.id,
    e.status,
    e.title,
    `${MSG.row(row)}${e.detail}`,
    e.field,
    e.errors.length ? e.errors.map((x) => ({ ...x, row })) : [{ row, field: e.field ?? '', message: e.detail }],
  );
