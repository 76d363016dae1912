/**
 * Evidence files on ledger records: upload, list, download, delete. A file belongs to its record:
 * who may read the record may read its files, who may change the record may add and remove them
 * (the same checks as record.service). Each write runs in one transaction with its audit row.
 */
import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { appendAudit } from '../audit/audit.service.ts';
import { inTx } from '../db/tx.ts';
import type { Db } from '../db/types.ts';
import { attachmentAltered, badRequest, notFound } from '../errors.ts';
import { requirePerm, type Scope } from '../org/scope.ts';
import { isValidDate, nowIso } from '../util/time.ts';
import {
  type AttachmentMeta,
  deleteAttachmentRow,
  findAttachmentContent,
  findAttachmentMeta,
  findAttachmentsOfRecord,
  insertAttachment,
} from './attachment.repo.ts';
import { findRecordById } from './record.repo.ts';
import { getRecord, requireWrite } from './record.service.ts';
import { fileTooLarge, MAX_UPLOAD_BYTES } from './upload.ts';

export type { AttachmentMeta };

const MSG = {
  empty: '文件为空，请重新选择',
  noteTooLong: '附件说明不能超过500字',
  noteText: '附件说明应为文字',
  effectiveOn: '生效日期应为有效日期，格式为YYYY-MM-DD',
  defaultName: '附件',
  altered: '附件内容与上传时记录的校验值（SHA-256）不一致，可能已被篡改或损坏，已拒绝下载并记入审计日志；请联系管理员',
};

const metaInput = z.object({
  note: z.string({ error: MSG.noteText }).trim().max(500, MSG.noteTooLong).optional(),
  effectiveOn: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.string().refine(isValidDate, MSG.effectiveOn).optional()),
});

export type NewAttachment = { filename: string; mime: string; content: Buffer; note?: string; effectiveOn?: string | null };

/** Keeps the file name and drops any path a browser or client sent along with it. */
function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = [...base]
    .filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f && c !== '"')
    .join('')
    .trim()
    .slice(-200);
  return clean || MSG.defaultName;
}

const cleanMime = (m: string) => (/^[\w.+-]+\/[\w.+-]+$/.test(m) ? m.toLowerCase() : 'application/octet-stream');

async function visibleRecord(db: Db, scope: Scope, recordId: string) {
  const rec = await findRecordById(db, scope.readOrgIds, recordId);
  if (!rec) throw notFound();
  return rec;
}

export async function listAttachments(db: Db, scope: Scope, recordId: string): Promise<AttachmentMeta[]> {
  const rec = await getRecord(db, scope, recordId);
  return findAttachmentsOfRecord(db, [rec.orgId], rec.id);
}

/** Attaches an uploaded file to a record (the upload cap applies). */
export async function addAttachment(db: Db, scope: Scope, recordId: string, input: NewAttachment): Promise<AttachmentMeta> {
  requirePerm(scope, 'ledger.write');
  if (input.content.length > MAX_UPLOAD_BYTES) throw fileTooLarge();
  return storeAttachment(db, scope, recordId, input);
}

/**
 * Attaches a file the system made, such as a draw's candidate snapshot. The upload cap is for what
 * users send; a generated file is as large as the data it records (a 100k-object library), and
 * refusing it would refuse the operation that produced it.
 */
export async function addGeneratedAttachment(db: Db, scope: Scope, recordId: string, input: NewAttachment): Promise<AttachmentMeta> {
  return storeAttachment(db, scope, recordId, input);
}

async function storeAttachment(db: Db, scope: Scope, recordId: string, input: NewAttachment): Promise<AttachmentMeta> {
  requirePerm(scope, 'ledger.write');
  const parsed = metaInput.safeParse({ note: input.note, effectiveOn: input.effectiveOn });
  if (!parsed.success) {
    const iss = parsed.error.issues[0];
    throw badRequest(iss?.path[0] === undefined ? undefined : String(iss.path[0]), iss?.message ?? MSG.effectiveOn);
  }
  if (input.content.length === 0) throw badRequest('file', MSG.empty);
  const sha256 = createHash('sha256').update(input.content).digest('hex');
  return inTx(db, async (trx) => {
    const rec = await visibleRecord(trx, scope, recordId);
    requireWrite(scope, rec.orgId, rec.unitId);
    const meta: AttachmentMeta = {
      id: randomUUID(),
      orgId: rec.orgId,
      recordId: rec.id,
      filename: cleanFilename(input.filename),
      mime: cleanMime(input.mime),
      size: input.content.length,
      sha256,
      note: parsed.data.note ?? '',
      effectiveOn: parsed.data.effectiveOn ?? null,
      uploadedBy: scope.userId,
      uploadedAt: nowIso(scope.clock),
    };
    await insertAttachment(trx, {
      id: meta.id,
      org_id: meta.orgId,
      record_id: meta.recordId,
      filename: meta.filename,
      mime: meta.mime,
      size: meta.size,
      sha256,
      content: input.content,
      note: meta.note,
      effective_on: meta.effectiveOn,
      uploaded_by: meta.uploadedBy,
      uploaded_at: meta.uploadedAt,
    });
    await appendAudit(trx, {
      userId: scope.userId,
      username: scope.username,
      orgId: rec.orgId,
      ip: scope.ip,
      action: 'attachment.create',
      entity: 'attachment',
      entityId: meta.id,
      detail: {
        recordId: rec.id,
        ledger: rec.ledger,
        filename: meta.filename,
        size: meta.size,
        sha256,
        note: meta.note,
        effectiveOn: meta.effectiveOn,
      },
    });
    return meta;
  });
}

/** The file and its metadata; a file of a deleted or invisible record is not found. */
export async function getAttachmentFile(db: Db, scope: Scope, id: string): Promise<{ meta: AttachmentMeta; content: Buffer }> {
  requirePerm(scope, 'ledger.read');
  const meta = await findAttachmentMeta(db, scope.readOrgIds, id);
  if (!meta) throw notFound('附件不存在');
  await visibleRecord(db, scope, meta.recordId);
  const content = await findAttachmentContent(db, [meta.orgId], id);
  if (!content) throw notFound('附件不存在');
  // The stored bytes are checked against the hash taken at upload on every download: bytes changed
  // in the database (or a damaged page) are refused, logged and audited, never served as evidence.
  const actual = createHash('sha256').update(content).digest('hex');
  if (actual !== meta.sha256) {
    console.error(`[attachment ${id}] SHA-256 mismatch: stored ${meta.sha256}, content ${actual}`);
    await inTx(db, (trx) =>
      appendAudit(trx, {
        userId: scope.userId,
        username: scope.username,
        orgId: meta.orgId,
        ip: scope.ip,
        action: 'attachment.integrity_failed',
        entity: 'attachment',
        entityId: id,
        detail: { recordId: meta.recordId, filename: meta.filename, expected: meta.sha256, actual },
      }),
    );
    throw attachmentAltered(MSG.altered);
  }
  return { meta, content };
}

export async function deleteAttachment(db: Db, scope: Scope, id: string): Promise<void> {
  requirePerm(scope, 'ledger.write');
  await inTx(db, async (trx) => {
    const meta = await findAttachmentMeta(trx, scope.readOrgIds, id);
    if (!meta) throw notFound('附件不存在');
    const rec = await visibleRecord(trx, scope, meta.recordId);
    requireWrite(scope, rec.orgId, rec.unitId);
    await deleteAttachmentRow(trx, id);
    await appendAudit(trx, {
      userId: scope.userId,
      username: scope.username,
      orgId: rec.orgId,
      ip: scope.ip,
      action: 'attachment.delete',
      entity: 'attachment',
      entityId: id,
      detail: { recordId: rec.id, ledger: rec.ledger, filename: meta.filename, size: meta.size, sha256: meta.sha256 },
    });
  });
}
