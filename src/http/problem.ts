/**
 * The problem+json body (RFC 9457) of every error answer. app.ts builds its answers against this
 * type and the OpenAPI document describes the same schema, so the two cannot drift apart.
 */
import { z } from 'zod';

export const PROBLEM_TYPE = 'application/problem+json';

export const problemSchema = z
  .object({
    type: z.string().meta({ description: 'about:blank#<id>' }),
    id: z.string().meta({ title: '错误类别', description: '稳定的错误编号，例如 bad_request、not_found、conflict' }),
    title: z.string().meta({ title: '错误名称' }),
    status: z.number().int().min(400).max(599).meta({ title: 'HTTP 状态码' }),
    detail: z.string().meta({ title: '说明' }),
    field: z.string().optional().meta({ title: '出错的字段' }),
    errors: z
      .array(
        z.object({
          row: z.number().int().optional().meta({ title: 'Excel 行号' }),
          field: z.string().optional().meta({ title: '字段' }),
          message: z.string().meta({ title: '说明' }),
        }),
      )
      .optional()
      .meta({ title: '全部错误（每个字段或单元格一条）' }),
    requestId: z.string().meta({ title: '请求编号' }),
  })
  .meta({ title: '错误（problem+json）' });

export type Problem = z.infer<typeof problemSchema>;
