/**
 * A field that names laws (declared `citesLaws`): the text as written, with each name the library
 * holds linked to that law's page; names it does not hold stay plain, so nothing links to a law
 * that is not there.
 */
import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { type LawCitation, useGet, withQuery } from '../api.ts';
import { lawPath } from '../pages/LawsPage.tsx';

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function LawCitations({ text }: { text: string }): ReactNode {
  const navigate = useNavigate();
  const res = useGet<LawCitation[]>(withQuery('/api/laws/resolve', { text }));
  const found = (res.data ?? []).filter((c): c is LawCitation & { lawId: string } => c.lawId !== null);
  if (found.length === 0) return text;
  const byName = new Map(found.map((c) => [c.name, c]));
  // Longest first, so 中华人民共和国民法典 is linked whole rather than a shorter name inside it.
  const names = [...byName.keys()].sort((a, b) => b.length - a.length);
  const parts = text.split(new RegExp(`(${names.map(escapeRegExp).join('|')})`));
  return (
    <span data-testid="law-citations">
      {parts.map((p, i) => {
        const c = byName.get(p);
        return c ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed text, in order
          <Typography.Link key={i} onClick={() => navigate(lawPath(c.lawId))} title={c.title ?? undefined}>
            {p}
          </Typography.Link>
        ) : (
          p
        );
      })}
    </span>
  );
}
