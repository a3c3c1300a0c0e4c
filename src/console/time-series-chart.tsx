import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';

/** One line of a chart. */
export interface ChartSeries {
  label: string;
  stroke: string;
  dash?: number[];
}

const chartHeight = 220;
const timeIncrements = [1, 2, 5, 10, 15, 30, 60, 120, 300];
const formatClock = (seconds: number) =>
  new Date(seconds * 1000).toLocaleTimeString('en-GB', { hour12: false });

/** A uPlot line chart over time; `data` is [seconds, ...one array per series]. */
export function TimeSeriesChart(props: {
  testId: string;
  title: string;
  unit: string;
  series: ChartSeries[];
  data: uPlot.AlignedData;
}) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const options: uPlot.Options = {
      width: Math.max(element.clientWidth, 300),
      height: chartHeight,
      scales: {
        x: { time: true },
        y: { range: (_chart, _minimum, maximum) => [0, Math.max(maximum, 1) * 1.1] },
      },
      axes: [
        {
          stroke: '#475569',
          grid: { stroke: '#e2e8f0' },
          // Whole seconds as wall-clock time: points are a second apart, sub-second ticks say nothing.
          incrs: timeIncrements,
          space: 70,
          values: (_chart, ticks) => ticks.map(formatClock),
        },
        { stroke: '#475569', grid: { stroke: '#e2e8f0' }, label: props.unit, size: 60 },
      ],
      series: [
        {},
        ...props.series.map((line) => ({
          label: line.label,
          stroke: line.stroke,
          width: 2,
          dash: line.dash,
        })),
      ],
    };
    chart.current = new uPlot(options, props.data, element);
    const resize = new ResizeObserver(() =>
      chart.current?.setSize({ width: Math.max(element.clientWidth, 300), height: chartHeight }),
    );
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.current?.destroy();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setData(props.data);
  }, [props.data]);
  return (
    <figure class="card chart">
      <figcaption>{props.title}</figcaption>
      <div ref={container} data-testid={props.testId} />
    </figure>
  );
}
