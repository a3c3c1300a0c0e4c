/** A titled block of text exactly as it went over the wire. */
export function RawBlock({ title, testId, text }: { title: string; testId: string; text: string }) {
  return (
    <section class="card" aria-label={title}>
      <h2>{title}</h2>
      <pre class="code" data-testid={testId}>
        {text}
      </pre>
    </section>
  );
}
