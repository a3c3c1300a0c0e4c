import { ErrorMessage } from './error-message.tsx';

/** A labelled text area; an `error` is shown under it and tied to it for assistive technology. */
export function TextAreaField(props: {
  id: string;
  label: string;
  rows: number;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  monospace?: boolean;
  error?: string | null;
}) {
  const error = props.error ?? null;
  const errorId = `${props.id}-error`;
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <textarea
        id={props.id}
        class={props.monospace ? 'mono' : undefined}
        rows={props.rows}
        placeholder={props.placeholder}
        value={props.value}
        aria-invalid={error !== null}
        aria-describedby={error === null ? undefined : errorId}
        onInput={(event) => props.onChange(event.currentTarget.value)}
      />
      <ErrorMessage message={error} id={errorId} />
    </div>
  );
}
