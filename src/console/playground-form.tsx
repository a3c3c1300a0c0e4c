import type { ConsoleModel } from '../server/console/console-api-types.ts';
import { ErrorMessage } from './error-message.tsx';
import type { PlaygroundProtocol } from './playground-protocol.ts';
import type { PlaygroundInput } from './playground-request.ts';

/** The playground's controls. */
export function PlaygroundForm(props: {
  value: PlaygroundInput;
  models: ConsoleModel[];
  toolsError: string | null;
  onChange: (value: PlaygroundInput) => void;
  onSend: () => void;
}) {
  const { value, toolsError } = props;
  const set = (change: Partial<PlaygroundInput>) => props.onChange({ ...value, ...change });
  const submit = (event: Event) => {
    event.preventDefault();
    props.onSend();
  };
  return (
    <form class="card playground-form" onSubmit={submit}>
      <div class="field-row">
        <div class="field">
          <label for="playground-protocol">Protocol</label>
          <select
            id="playground-protocol"
            value={value.protocol}
            onChange={(event) => set({ protocol: event.currentTarget.value as PlaygroundProtocol })}
          >
            <option value="openai">OpenAI</option>
            <option value="anthropic">Anthropic</option>
          </select>
        </div>
        <div class="field grow">
          <label for="playground-model">Model</label>
          <select
            id="playground-model"
            value={value.model}
            onChange={(event) => set({ model: event.currentTarget.value })}
          >
            {props.models.map((model) => (
              <option value={model.id} key={model.id}>
                {model.id}
              </option>
            ))}
          </select>
        </div>
        <div class="field checkbox">
          <input
            id="playground-stream"
            type="checkbox"
            checked={value.stream}
            onChange={(event) => set({ stream: event.currentTarget.checked })}
          />
          <label for="playground-stream">Stream</label>
        </div>
      </div>
      <div class="field">
        <label for="playground-system">System prompt</label>
        <textarea
          id="playground-system"
          rows={2}
          value={value.systemPrompt}
          onInput={(event) => set({ systemPrompt: event.currentTarget.value })}
        />
      </div>
      <div class="field">
        <label for="playground-message">Message</label>
        <textarea
          id="playground-message"
          rows={4}
          value={value.message}
          onInput={(event) => set({ message: event.currentTarget.value })}
        />
      </div>
      <div class="field">
        <label for="playground-tools">Tools (JSON)</label>
        <textarea
          id="playground-tools"
          class="mono"
          rows={4}
          placeholder='[{"type": "function", "function": {"name": "get_weather", "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}}}]'
          value={value.tools}
          aria-invalid={toolsError !== null}
          aria-describedby={toolsError ? 'playground-tools-error' : undefined}
          onInput={(event) => set({ tools: event.currentTarget.value })}
        />
        <ErrorMessage message={toolsError} id="playground-tools-error" />
      </div>
      {/* Send stays available while an answer streams: sending again stops that answer */}
      <button type="submit" disabled={value.model === ''}>
        Send
      </button>
    </form>
  );
}
