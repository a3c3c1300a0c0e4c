import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiClient } from './api-client.ts';
import { buildCurlCommand } from './curl-command.ts';
import { ErrorMessage } from './error-message.tsx';
import { PageTitle } from './page-title.tsx';
import { PlaygroundForm } from './playground-form.tsx';
import { PlaygroundOutput } from './playground-output.tsx';
import { buildPlaygroundRequest, type PlaygroundInput } from './playground-request.ts';
import { ToolsError } from './playground-tools.ts';
import { type PlaygroundResult, pendingResult, sendPlaygroundRequest } from './send-playground-request.ts';
import { useModelCatalog } from './use-model-catalog.ts';

interface Sent {
  rawRequest: string;
  curl: string;
  result: PlaygroundResult;
}

/** Chat with any catalog model over either protocol, showing everything that went over the wire. */
export function PlaygroundPage({ client }: { client: ApiClient }) {
  const models = useModelCatalog(client);
  const chatModels = (models.data?.models ?? []).filter((model) => model.kind === 'chat');
  const [input, setInput] = useState<PlaygroundInput>({
    protocol: 'openai',
    model: '',
    stream: true,
    systemPrompt: '',
    message: 'Say hello in one short sentence.',
    tools: '',
  });
  const [toolsError, setToolsError] = useState<string | null>(null);
  const [sent, setSent] = useState<Sent | null>(null);
  const firstModel = chatModels[0]?.id;
  useEffect(() => {
    if (input.model === '' && firstModel) setInput((current) => ({ ...current, model: firstModel }));
  }, [firstModel]);
  // The exchange under way: a new Send or leaving the page stops it, so no stream outlives its page.
  const exchange = useRef<AbortController | null>(null);
  useEffect(() => () => exchange.current?.abort(), []);
  const send = () => {
    exchange.current?.abort();
    let request: ReturnType<typeof buildPlaygroundRequest>;
    try {
      request = buildPlaygroundRequest(input);
    } catch (error) {
      if (!(error instanceof ToolsError)) throw error;
      setToolsError(error.message);
      setSent(null);
      return;
    }
    setToolsError(null);
    const shown = {
      rawRequest: JSON.stringify(request.body, null, 2),
      curl: buildCurlCommand(request, input.protocol, location.origin),
    };
    setSent({ ...shown, result: pendingResult() });
    const controller = new AbortController();
    exchange.current = controller;
    void sendPlaygroundRequest(request, input.protocol, client.key, controller.signal, (result) => {
      // 401: the key was revoked mid-session (a 403 here is the upstream's, about a model)
      if (result.status === 401) client.reportRefusedKey();
      else setSent({ ...shown, result });
    });
  };
  return (
    <>
      <PageTitle title="Playground">
        <p class="muted">Sends to this gateway's /v1 endpoints with the signed-in key.</p>
      </PageTitle>
      <ErrorMessage message={models.error} about="The models could not be loaded" />
      <div class="playground">
        <PlaygroundForm
          value={input}
          models={chatModels}
          toolsError={toolsError}
          onChange={setInput}
          onSend={send}
        />
        {sent && <PlaygroundOutput result={sent.result} rawRequest={sent.rawRequest} curl={sent.curl} />}
      </div>
    </>
  );
}
