/** An error shown and announced at once (role="alert"), after what failed when `about` says; nothing when `message` is null. */
export function ErrorMessage({
  message,
  about,
  id,
}: {
  message: string | null;
  about?: string;
  id?: string;
}) {
  if (message === null) return null;
  return (
    <p id={id} class="error" role="alert">
      {about === undefined ? message : `${about}: ${message}`}
    </p>
  );
}
