/**
 * Reads one uploaded file (multipart field `file`) and the text fields sent with it, in any order.
 * Shared by the Excel import and the attachment upload routes; it only parses, it never stores. The
 * text rule of the edge (util/text.ts) applies to every part's name, file name and value here, since
 * a multipart body is read by the route, after the edge's hooks.
 */
import type { FastifyRequest } from 'fastify';
import { AppError, badRequest } from '../errors.ts';
import { badTextMessage, textRuleBroken } from '../util/text.ts';

/** The largest file any route accepts (also the multipart limit registered in http/app.ts). */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

const MSG = {
  notMultipart: '请以 multipart/form-data 方式上传文件（文件字段名为 file）',
  noFile: '请选择要上传的文件',
  tooLarge: (mb: number) => `文件过大：单个文件不能超过${mb}MB`,
  broken: '上传内容不完整或格式不正确，请重新上传',
  oneFile: '一次只能上传一个文件',
  fileName: '文件名',
  field: (name: string) => `表单字段“${name}”`,
};

/** The text rule (util/text.ts) on a multipart part's name, file name or value. */
function checkText(field: string, value: string, where: string): void {
  const rule = textRuleBroken(value);
  if (rule) throw badRequest(field, badTextMessage(where, rule));
}

export const fileTooLarge = (limit = MAX_UPLOAD_BYTES): AppError =>
  new AppError('payload_too_large', 413, '文件过大', MSG.tooLarge(Math.round(limit / 1024 / 1024)), 'file');

export type Upload = { filename: string; mimetype: string; content: Buffer; fields: Record<string, string> };

export async function readUpload(req: FastifyRequest, limit = MAX_UPLOAD_BYTES): Promise<Upload> {
  if (!req.isMultipart()) throw badRequest('file', MSG.notMultipart);
  const fields: Record<string, string> = {};
  let file: Omit<Upload, 'fields'> | null = null;
  try {
    for await (const part of req.parts({ limits: { fileSize: limit, files: 1 } })) {
      const shownName = part.fieldname.replace(/[^\x20-\x7e\u4e00-\u9fa5]/g, '?');
      checkText(shownName, part.fieldname, MSG.field(shownName));
      if (part.type === 'file') {
        checkText('file', part.filename, MSG.fileName);
        const content = await part.toBuffer();
        if (part.fieldname === 'file' && !file) file = { filename: part.filename, mimetype: part.mimetype, content };
      } else if (typeof part.value === 'string') {
        checkText(part.fieldname, part.value, MSG.field(part.fieldname));
        fields[part.fieldname] = part.value;
      }
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    const e = err as { code?: string; statusCode?: number };
    if (e.code === 'FST_REQ_FILE_TOO_LARGE') throw fileTooLarge(limit);
    if (e.code === 'FST_FILES_LIMIT') throw badRequest('file', MSG.oneFile);
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) throw badRequest('file', MSG.broken);
    throw err;
  }
  if (!file || file.content.length === 0) throw badRequest('file', MSG.noFile);
  return { ...file, fields };
}

/** Content-Disposition for a download: an ASCII fallback plus the Chinese name (RFC 6266/5987). */
export function contentDisposition(filename: string, asciiFallback: string): string {
  const ascii = asciiFallback.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
