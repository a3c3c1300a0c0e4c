import type { ComponentChildren } from 'preact';

/** A horizontally scrollable box for a wide table: focusable and named, so keyboard users can scroll it too. */
export function ScrollRegion({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus to be scrolled by keyboard (WCAG 2.1.1)
    <section class="table-scroll" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
