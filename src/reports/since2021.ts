/**
 * "八五普法以来" figures: the same declaration as a module's figure, counted from 2021-01-01 to the
 * end of the report year (span 'since-2021'). Declared on first use as `<key>.since_2021`, so the
 * number is still an ordinary figure with its source records.
 */
import { defineFigures, type FigureDecl, getFigureDecl } from '../figures/define.ts';

export const SINCE_SUFFIX = '.since_2021';

export function since2021(key: string): string {
  return `${key}${SINCE_SUFFIX}`;
}

/** Declares `<key>.since_2021` for every referenced key that needs it and whose base exists. */
export function ensureSince2021(keys: readonly string[]): void {
  for (const k of keys) {
    if (!k.endsWith(SINCE_SUFFIX) || getFigureDecl(k)) continue;
    const base = getFigureDecl(k.slice(0, -SINCE_SUFFIX.length));
    if (!base) continue;
    const label = `${base.label}（“八五”普法以来）`;
    let decl: FigureDecl;
    if (base.kind === 'ratio') {
      ensureSince2021([since2021(base.num), since2021(base.den)]);
      decl = { ...base, key: k, label, num: since2021(base.num), den: since2021(base.den) };
    } else {
      decl = { ...base, key: k, label, span: 'since-2021' };
    }
    defineFigures([decl]);
  }
}
