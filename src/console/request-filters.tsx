import { SearchField } from './search-field.tsx';
import { SelectField } from './select-field.tsx';

/** What the Requests page filters on; empty strings mean "any". */
export interface RequestFilterValues {
  model: string;
  key: string;
  protocol: '' | 'openai' | 'anthropic';
  status: '' | 'errors';
}

const protocolOptions = [
  ['', 'All'],
  ['openai', 'OpenAI'],
  ['anthropic', 'Anthropic'],
] as const;
const statusOptions = [
  ['', 'All'],
  ['errors', 'Errors'],
] as const;

/** The filter bar of the Requests page. */
export function RequestFilters({
  value,
  onChange,
}: {
  value: RequestFilterValues;
  onChange: (value: RequestFilterValues) => void;
}) {
  const set = (change: Partial<RequestFilterValues>) => onChange({ ...value, ...change });
  return (
    <form class="filters" aria-label="Filter requests" onSubmit={(event) => event.preventDefault()}>
      <SearchField id="filter-model" label="Model" value={value.model} onChange={(model) => set({ model })} />
      <SearchField id="filter-key" label="Key" value={value.key} onChange={(key) => set({ key })} />
      <SelectField
        id="filter-protocol"
        label="Protocol"
        value={value.protocol}
        options={protocolOptions}
        onChange={(protocol) => set({ protocol })}
      />
      <SelectField
        id="filter-status"
        label="Status"
        value={value.status}
        options={statusOptions}
        onChange={(status) => set({ status })}
      />
    </form>
  );
}

/** The query string GET /ui/api/requests takes for `filters`. */
export function toRequestQuery(filters: RequestFilterValues, limit: number): string {
  const query = new URLSearchParams({ limit: String(limit) });
  for (const name of ['model', 'key', 'protocol', 'status'] as const) {
    const text = filters[name].trim();
    if (text !== '') query.set(name, text);
  }
  return query.toString();
}
