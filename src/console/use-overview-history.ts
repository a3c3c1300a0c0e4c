import { useEffect, useState } from 'preact/hooks';
import type uPlot from 'uplot';
import type { ConsoleOverview } from '../server/console/console-api-types.ts';

// Five minutes of one-second polls.
const keptPoints = 300;

/** The chart series gathered from successive overview polls. */
export interface OverviewHistory {
  requests: uPlot.AlignedData;
  latency: uPlot.AlignedData;
}

type Column = (number | null)[];

/** The polled points, owned by the app so they outlive a visit to another page. */
export interface OverviewPoints {
  columns: Column[];
  previous: ConsoleOverview | null;
}

/** No points yet. */
export function createOverviewPoints(): OverviewPoints {
  return { columns: [[], [], [], [], [], []], previous: null };
}

/** Appends each new overview to the last ~5 minutes of points the charts draw. */
export function useOverviewHistory(
  overview: ConsoleOverview | null,
  points: OverviewPoints,
): OverviewHistory {
  const [history, setHistory] = useState<OverviewHistory>(() => toHistory(points.columns));
  useEffect(() => {
    if (overview === null || overview === points.previous) return;
    const last = points.previous;
    points.previous = overview;
    const elapsedSeconds = last ? (overview.time - last.time) / 1000 : 0;
    const errorsPerSecond =
      last && elapsedSeconds > 0
        ? Math.max(0, overview.requests.errors - last.requests.errors) / elapsedSeconds
        : 0;
    const point = [
      overview.time / 1000,
      overview.requests.perSecond,
      errorsPerSecond,
      overview.latencyMs.p50,
      overview.latencyMs.p99,
      overview.overheadMs.p50,
    ];
    points.columns = points.columns.map((column, index) =>
      [...column, point[index] ?? null].slice(-keptPoints),
    );
    setHistory(toHistory(points.columns));
  }, [overview, points]);
  return history;
}

function toHistory(columns: Column[]): OverviewHistory {
  const [time = [], perSecond = [], errors = [], p50 = [], p99 = [], overhead = []] = columns;
  return {
    requests: [time as number[], perSecond, errors],
    latency: [time as number[], p50, p99, overhead],
  };
}
