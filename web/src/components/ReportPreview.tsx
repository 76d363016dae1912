/**
 * The report's HTML preview in a frame, whose numbers open their source records in a drawer here.
 *
 * How a click in the frame reaches the app: the frame is sandboxed with `allow-same-origin` and
 * without `allow-scripts`. Nothing in the preview can run (it carries no script at all, so a strict
 * CSP may be sent later), yet the frame stays same-origin with the app, so the app can reach its
 * document. On every load the app listens for clicks there: a link inside an element with
 * `data-figure` (a number in the text, or a count in the appendix; `data-part` names one group)
 * opens the drawer. Every link click is kept from navigating the frame: a srcdoc frame resolves
 * `#…` against the app's URL, and following it would load the app's page into the frame, blank.
 * (postMessage would need a script inside the preview; this needs none.)
 */
import { type ReactNode, type RefObject, useCallback, useRef, useState } from 'react';
import { FigureSourcesDrawer, type FigureTarget } from './FigureSourcesDrawer.tsx';

/** The number a click in the preview points at, if any; null when the click was not on a link. */
function clickedFigure(e: MouseEvent): FigureTarget | 'other-link' | null {
  // The frame's nodes belong to its own window, so `instanceof Element` of the app would fail.
  const el = e.target as Element | null;
  const link = typeof el?.closest === 'function' ? el.closest('a') : null;
  if (!link) return null;
  const host = link.closest('[data-figure]');
  const figure = host?.getAttribute('data-figure');
  if (!host || !figure) return 'other-link';
  const part = host.getAttribute('data-part');
  return part ? { figure, part } : { figure };
}

type Props = {
  reportId: string;
  html: string;
  /** The frame, for a page that scrolls the preview to a paragraph (a check item's 查看段落). */
  frameRef?: RefObject<HTMLIFrameElement | null>;
};

export function ReportPreview({ reportId, html, frameRef }: Props): ReactNode {
  const ownFrame = useRef<HTMLIFrameElement>(null);
  const frame = frameRef ?? ownFrame;
  const [target, setTarget] = useState<FigureTarget | null>(null);

  const attach = useCallback(() => {
    const doc = frame.current?.contentDocument;
    if (!doc) return;
    doc.addEventListener('click', (e) => {
      const hit = clickedFigure(e);
      if (hit === null) return;
      e.preventDefault();
      if (hit !== 'other-link') setTarget(hit);
    });
  }, [frame]);

  return (
    <>
      <iframe
        ref={frame}
        title="报告预览"
        sandbox="allow-same-origin"
        srcDoc={html}
        onLoad={attach}
        data-testid="report-preview"
        style={{ width: '100%', height: 720, border: '1px solid #e8e8e8', background: '#fff', display: 'block' }}
      />
      <FigureSourcesDrawer reportId={reportId} target={target} onClose={() => setTarget(null)} />
    </>
  );
}
