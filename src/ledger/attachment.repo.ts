/**
 * SQL for record attachments (evidence files). Every read takes the org ids the caller may see;
 * metadata reads never load the file content.
 */
import type { AttachmentMeta } from '../contract.ts';
import type { Insertable } from 'kysely';
import type { AttachmentTable, Db } from '../db/types.ts';

export type { AttachmentMeta };

const META = [
  'id',
  'org_id',
  'record_id',
  'filename',
  'mime',
  'size',
  'sha256',
  'note',
  'effective_on',
  'uploaded_by',
  'uploaded_at',
] as const;

type MetaRow = Pick<AttachmentTable, (typeof META)[number]>;

function toMeta(r: MetaRow): AttachmentMeta {
  return {
    id: r.id,
    orgId: r.org_id,
    recordId: r.record_id,
    filename: r.filename,
    mime: r.mime,
    size: Number(r.size),
    sha256: r.sha256,
    note: r.note,
    effectiveOn: r.effective_on,
    uploadedBy: r.uploaded_by,
    uploadedAt: r.uploaded_at,
  };
}

export async function insertAttachment(db: Db, row: Insertable<AttachmentTable>): Promise<void> {
  await db.insertInto('attachment').values(row).execute();
}

export async function findAttachmentsOfRecord(db: Db, orgIds: string[], recordId: string): Promise<AttachmentMeta[]> {
  const rows = await db
    .selectFrom('attachment')
    .select(META)
    .where('record_id', '=', recordId)
    .where('org_id', 'in', orgIds.length ? orgIds : ['-'])
    .orderBy('uploaded_at')
    .orderBy('id')
    .execute();
  return rows.map(toMeta);
}

export async function findAttachmentMeta(db: Db, orgIds: string[], id: string): Promise<AttachmentMeta | null> {
  const r = await db
    .selectFrom('attachment')
    .select(META)
    .where('id', '=', id)
    .where('org_id', 'in', orgIds.length ? orgIds : ['-'])
    .executeTakeFirst();
  return r ? toMeta(r) : null;
}

export async function findAttachmentContent(db: Db, orgIds: string[], id: string): Promise<Buffer | null> {
  const r = await db
    .selectFrom('attachment')
    .select('content')
    .where('id', '=', id)
    .where('org_id', 'in', orgIds.length ? orgIds : ['-'])
    .executeTakeFirst();
  return r ? Buffer.from(r.content) : null;
}

export async function deleteAttachmentRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('attachment').where('id', '=', id).execute();
}
