/** Attachment routes: evidence files on any ledger record (upload, list, download, delete). */
import { idParams, type Router } from '../http/router.ts';
import { addAttachment, deleteAttachment, getAttachmentFile, listAttachments } from './attachment.service.ts';
import { contentDisposition, readUpload } from './upload.ts';

export function attachmentRoutes(r: Router): void {
  r.add({
    method: 'GET',
    url: '/api/records/:id/attachments',
    summary: '记录的附件列表（不含文件内容）',
    tag: '附件',
    auth: 'ledger.read',
    params: idParams,
    handler: async ({ db, scope, params }) => listAttachments(db, scope, params.id),
  });
  r.add({
    method: 'POST',
    url: '/api/records/:id/attachments',
    summary: '上传附件（multipart：file，可选 note、effectiveOn）',
    tag: '附件',
    auth: 'ledger.write',
    params: idParams,
    multipart: true,
    status: 201,
    handler: async ({ db, scope, params, req }) => {
      const up = await readUpload(req);
      const meta = await addAttachment(db, scope, params.id, {
        filename: up.filename,
        mime: up.mimetype,
        content: up.content,
        note: up.fields.note,
        effectiveOn: up.fields.effectiveOn,
      });
      return meta;
    },
  });
  r.add({
    method: 'GET',
    url: '/api/attachments/:id',
    summary: '下载附件',
    tag: '附件',
    auth: 'ledger.read',
    params: idParams,
    handler: async ({ db, scope, params, reply }) => {
      const { meta, content } = await getAttachmentFile(db, scope, params.id);
      reply
        .header('content-type', meta.mime)
        .header(
          'content-disposition',
          contentDisposition(meta.filename, `attachment-${meta.id}${/\.[A-Za-z0-9]{1,8}$/.exec(meta.filename)?.[0] ?? ''}`),
        )
        .header('x-content-type-options', 'nosniff')
        .header('x-content-sha256', meta.sha256);
      return content;
    },
  });
  r.add({
    method: 'DELETE',
    url: '/api/attachments/:id',
    summary: '删除附件',
    tag: '附件',
    auth: 'ledger.write',
    params: idParams,
    status: 204,
    handler: async ({ db, scope, params }) => {
      await deleteAttachment(db, scope, params.id);
      return undefined;
    },
  });
}
