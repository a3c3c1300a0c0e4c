import type { ConsoleModel } from '../server/console/console-api-types.ts';
import type { PlaygroundProtocol } from './playground-protocol.ts';
import type { PlaygroundInput } from './playground-request.ts';
import { SelectField } from './select-field.tsx';
import { TextAreaField } from './text-area-field.tsx';

const protocolOptions = [
  ['openai', 'OpenAI'],
  ['anthropic', 'Anthropic'],
] as const satisfies readonly (readonly [PlaygroundProtocol, string])[];

const toolsExample =
  '[{"type": "function", "function": {"name": "get_weather", "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}}}]';

/** The playground's controls. */
export function PlaygroundForm(props: {
  value: PlaygroundInput;
  models: ConsoleModel[];
  toolsError: string | null;
  onChange: (value: PlaygroundInput) => void;
  onSend: () => void;
}) {
  const { value } = props;
  const set = (change: Partial<PlaygroundInput>) => props.onChange({ ...value, ...change });
  const submit = (event: Event) => {
    event.preventDefault();
    props.onSend();
  };
  return (
    <form class="card playground-form" onSubmit={submit}>
      <div class="field-row">
        <SelectField
          id="playground-protocol"
          label="Protocol"
          value={value.protocol}
          options={protocolOptions}
          onChange={(protocol) => set({ protocol })}
        />
        <SelectField
          id="playground-model"
          label="Model"
          grow
          value={value.model}
          options={props.models.map((model) => [model.id, model.id] as const)}
          onChange={(model) => set({ model })}
        />
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
      <TextAreaField
        id="playground-system"
        label="System prompt"
        rows={2}
        value={value.systemPrompt}
        onChange={(systemPrompt) => set({ systemPrompt })}
      />
      <TextAreaField
        id="playground-message"
        label="Message"
        rows={4}
        value={value.message}
        onChange={(message) => set({ message })}
      />
      <TextAreaField
        id="playground-tools"
        label="Tools (JSON)"
        rows={4}
        monospace
        placeholder={toolsExample}
        value={value.tools}
        error={props.toolsError}
        onChange={(tools) => set({ tools })}
      />
      {/* Send stays available while an answer streams: sending again stops that answer */}
      <button type="submit" disabled={value.model === ''}>
        Send
      </button>
    </form>
  );
}
