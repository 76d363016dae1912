/**
 * The error catalog. Every error a client sees has a stable id, an HTTP status and a Chinese detail.
 * One handler (http/app.ts) turns these into problem+json; anything else is a logged 500.
 */
export class AppError extends Error {
  constructor(
    readonly id: string,
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly field?: string,
  ) {
    super(detail);
  }
}

export const badRequest = (field: string | undefined, detail: string): AppError =>
  new AppError('bad_request', 400, '请求内容有误', detail, field);
export const unauthorized = (detail = '请先登录'): AppError => new AppError('unauthorized', 401, '未登录', detail);
export const forbidden = (detail = '没有权限进行此操作'): AppError => new AppError('forbidden', 403, '无权限', detail);
export const notFound = (detail = '记录不存在'): AppError => new AppError('not_found', 404, '未找到', detail);
export const conflict = (detail: string): AppError => new AppError('conflict', 409, '冲突', detail);
export const locked = (detail: string): AppError => new AppError('locked', 423, '账户已锁定', detail);
