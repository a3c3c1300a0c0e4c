import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

/** A page's heading with a line beside it. It takes focus when the page opens (after sign-in or
 * a click in the navigation), so keyboard and screen-reader users start at the new page's top. */
export function PageTitle({ title, children }: { title: string; children?: ComponentChildren }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  // The tab's title names the page too: it is what a screen reader announces and what history lists.
  useEffect(() => {
    document.title = `${title} · sf-models-gateway console`;
  }, [title]);
  return (
    <div class="page-title">
      <h1 tabIndex={-1} ref={heading}>
        {title}
      </h1>
      {children}
    </div>
  );
}
