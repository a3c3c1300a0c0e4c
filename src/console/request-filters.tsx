/** What the Requests page filters on; empty strings mean "any". */
export interface RequestFilterValues {
  model: string;
  key: string;
  protocol: '' | 'openai' | 'anthropic';
  status: '' | 'errors';
}

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
      <div class="field">
        <label for="filter-model">Model</label>
        <input
          id="filter-model"
          type="search"
          value={value.model}
          onInput={(event) => set({ model: event.currentTarget.value })}
        />
      </div>
      <div class="field">
        <label for="filter-key">Key</label>
        <input
          id="filter-key"
          type="search"
          value={value.key}
          onInput={(event) => set({ key: event.currentTarget.value })}
        />
      </div>
      <div class="field">
        <label for="filter-protocol">Protocol</label>
        <select
          id="filter-protocol"
          value={value.protocol}
          onChange={(event) =>
            set({ protocol: event.currentTarget.value as RequestFilterValues['protocol'] })
          }
        >
          <option value="">All</option>
          <option value="openai">OpenAI</option>
          <option value="anthropic">Anthropic</option>
        </select>
      </div>
      <div class="field">
        <label for="filter-status">Status</label>
        <select
          id="filter-status"
          value={value.status}
          onChange={(event) => set({ status: event.currentTarget.value as RequestFilterValues['status'] })}
        >
          <option value="">All</option>
          <option value="errors">Errors</option>
        </select>
      </div>
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
