import type { ServerResponse } from 'node:http';

/** Calls `onEnd` once, when the response has finished (`completed`) or its connection closed
 * first (the client gone), streams included; the listeners are removed then. */
export function onResponseEnd(response: ServerResponse, onEnd: (completed: boolean) => void): void {
  let ended = false;
  const end = (completed: boolean) => {
    if (ended) return;
    ended = true;
    response.off('finish', onFinish);
    response.off('close', onClose);
    onEnd(completed);
  };
  const onFinish = () => end(true);
  const onClose = () => end(false);
  response.on('finish', onFinish);
  response.on('close', onClose);
}
