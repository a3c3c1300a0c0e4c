import type { ComponentChildren } from 'preact';

/** One figure of the overview, with a label and an optional line of detail. */
export function StatTile(props: {
  testId: string;
  label: string;
  value: ComponentChildren;
  detail?: ComponentChildren;
}) {
  return (
    <div class="tile" data-testid={props.testId}>
      <p class="tile-label">{props.label}</p>
      <p class="tile-value">{props.value}</p>
      {props.detail !== undefined && <p class="tile-detail">{props.detail}</p>}
    </div>
  );
}
