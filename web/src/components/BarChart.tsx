/** A small bar chart; ECharts is loaded only when a chart is first shown. */
import { type ReactNode, useEffect, useRef } from 'react';

type Props = { labels: string[]; values: number[]; unit: string; height?: number };

export function BarChart({ labels, values, unit, height = 240 }: Props): ReactNode {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let dispose: (() => void) | undefined;
    let onResize: (() => void) | undefined;
    void (async () => {
      const { init } = await import('./echarts-setup.ts');
      if (disposed || !el.current) return;
      const chart = init(el.current);
      chart.setOption({
        grid: { left: 40, right: 16, top: 16, bottom: 60 },
        tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => `${String(v)}${unit}` },
        xAxis: { type: 'category', data: labels, axisLabel: { interval: 0, rotate: labels.length > 4 ? 30 : 0 } },
        yAxis: { type: 'value' },
        series: [{ type: 'bar', data: values, itemStyle: { color: '#c1121f' }, barMaxWidth: 36 }],
      });
      onResize = () => chart.resize();
      window.addEventListener('resize', onResize);
      dispose = () => chart.dispose();
    })();
    return () => {
      disposed = true;
      if (onResize) window.removeEventListener('resize', onResize);
      dispose?.();
    };
  }, [labels, values, unit]);
  return <div ref={el} style={{ width: '100%', height }} />;
}
