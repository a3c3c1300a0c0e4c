import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The environment variable Codex reads the gateway's API key from (`env_key`). */
export const codexApiKeyVariable = 'GATEWAY_API_KEY';

// Headless and offline: the gateway as the only provider, no approvals, edits confined to the
// workspace, and the traffic Codex sends elsewhere by default turned off: the plugin sync
// (github.com, api.github.com, chatgpt.com at start) and analytics (ab.chatgpt.com). `exec` skips
// the update check today; it is off too so a release that adds one stays offline. Retries are off
// so a gateway error fails the run at once instead of after back-off.
function renderConfig(gatewayUrl: string): string {
  return `model_provider = "gateway"
approval_policy = "never"
sandbox_mode = "workspace-write"
check_for_update_on_startup = false

[model_providers.gateway]
name = "sf-models-gateway"
base_url = "${gatewayUrl}/v1"
env_key = "${codexApiKeyVariable}"
wire_api = "responses"
request_max_retries = 0
stream_max_retries = 0

[features]
plugins = false

[analytics]
enabled = false
`;
}

/** Creates a temporary CODEX_HOME whose config.toml points Codex at the gateway. */
export async function createCodexHome(gatewayUrl: string): Promise<string> {
  const home = await mkdtemp(path.join(tmpdir(), 'sfgw-codex-home-'));
  await writeFile(path.join(home, 'config.toml'), renderConfig(gatewayUrl));
  return home;
}
