import { readdir, readFile } from 'node:fs/promises';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Secret, Service } from 'kubernetes-models/v1';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { settings } from '../../src/config/schema.ts';

const folder = new URL('../../deploy/kubernetes/', import.meta.url);

// The Kubernetes OpenAPI schemas, compiled: each model's validate() throws on a wrong type, a
// missing required field or a value outside its enum.
const models = {
  'apps/v1 Deployment': Deployment,
  'autoscaling/v2 HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1 PodDisruptionBudget': PodDisruptionBudget,
  'v1 ConfigMap': ConfigMap,
  'v1 Secret': Secret,
  'v1 Service': Service,
} as const;

type Manifest = { apiVersion: string; kind: string; metadata: { name: string }; [field: string]: unknown };

async function readManifests(): Promise<{ file: string; manifest: Manifest }[]> {
  const files = (await readdir(folder)).filter(
    (file) => file.endsWith('.yaml') && file !== 'kustomization.yaml',
  );
  const manifests = [];
  for (const file of files) {
    for (const document of parseAllDocuments(await readFile(new URL(file, folder), 'utf8'))) {
      expect(document.errors, file).toEqual([]);
      manifests.push({ file, manifest: document.toJS() as Manifest });
    }
  }
  return manifests;
}

// biome-ignore lint/suspicious/noExplicitAny: manifests are free-form YAML, checked field by field
function find(manifests: { manifest: Manifest }[], kind: string, name = 'sf-models-gateway'): any {
  const found = manifests.find(({ manifest }) => manifest.kind === kind && manifest.metadata.name === name);
  if (!found) throw new Error(`no ${kind} named ${name}`);
  return found.manifest;
}

describe('Kubernetes manifests', () => {
  it('every object validates against the Kubernetes schema of its kind', async () => {
    const manifests = await readManifests();
    expect(manifests.length).toBeGreaterThanOrEqual(8);
    for (const { file, manifest } of manifests) {
      const Model = models[`${manifest.apiVersion} ${manifest.kind}` as keyof typeof models];
      expect(Model, `${file}: ${manifest.apiVersion} ${manifest.kind} is not an expected kind`).toBeDefined();
      expect(() => new Model(manifest as never).validate(), `${file} ${manifest.kind}`).not.toThrow();
    }
  });

  it('the kustomization lists exactly the manifest files', async () => {
    const kustomization = parseAllDocuments(
      await readFile(new URL('kustomization.yaml', folder), 'utf8'),
    )[0]?.toJS();
    const files = (await readdir(folder)).filter(
      (file) => file.endsWith('.yaml') && file !== 'kustomization.yaml',
    );
    expect([...kustomization.resources].sort()).toEqual(files.sort());
  });

  it('wires the Deployment to its probes, config, Service, autoscaler and disruption budget', async () => {
    const manifests = await readManifests();
    const deployment = find(manifests, 'Deployment');
    const podLabels = deployment.spec.template.metadata.labels;
    expect(deployment.spec.selector.matchLabels).toEqual(podLabels);
    const [container] = deployment.spec.template.spec.containers;
    expect(container.livenessProbe.httpGet.path).toBe('/livez');
    expect(container.readinessProbe.httpGet.path).toBe('/readyz');
    const portNames = container.ports.map((port: { name: string }) => port.name);
    expect(portNames).toContain(container.livenessProbe.httpGet.port);
    expect(deployment.spec.template.spec.securityContext.runAsNonRoot).toBe(true);
    expect(container.securityContext.readOnlyRootFilesystem).toBe(true);

    const configMap = find(manifests, 'ConfigMap');
    const secret = find(manifests, 'Secret');
    expect(container.envFrom).toEqual([
      { configMapRef: { name: configMap.metadata.name } },
      { secretRef: { name: secret.metadata.name } },
    ]);
    expect(String(configMap.data.PORT)).toBe(String(container.ports[0].containerPort));
    // a drain must end before the kubelet's grace period does
    expect(deployment.spec.template.spec.terminationGracePeriodSeconds * 1000).toBeGreaterThan(
      Number(configMap.data.SHUTDOWN_TIMEOUT_MS) + 5_000,
    );
    // the token file must be on the writable volume, since the root filesystem is read-only
    const mount = container.volumeMounts.find((volume: { name: string }) => volume.name === 'tmp');
    expect(configMap.data.TOKEN_CACHE_FILE.startsWith(`${mount.mountPath}/`)).toBe(true);

    const service = find(manifests, 'Service');
    expect(service.spec.selector).toEqual(podLabels);
    expect(portNames).toContain(service.spec.ports[0].targetPort);
    const autoscaler = find(manifests, 'HorizontalPodAutoscaler');
    expect(autoscaler.spec.scaleTargetRef).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: deployment.metadata.name,
    });
    expect(autoscaler.spec.minReplicas).toBeGreaterThanOrEqual(2);
    const budget = find(manifests, 'PodDisruptionBudget');
    expect(budget.spec.selector.matchLabels).toEqual(podLabels);
    expect(budget.spec.minAvailable).toBeLessThan(autoscaler.spec.minReplicas);
  });

  it('sets only settings the gateway knows, and points REDIS_URL at the Redis Service', async () => {
    const manifests = await readManifests();
    const configMap = find(manifests, 'ConfigMap');
    const secret = find(manifests, 'Secret');
    for (const name of [...Object.keys(configMap.data), ...Object.keys(secret.stringData)]) {
      expect(Object.keys(settings), `unknown setting ${name}`).toContain(name);
    }
    const redisService = find(manifests, 'Service', 'sf-models-gateway-redis');
    const redisUrl = new URL(configMap.data.REDIS_URL);
    expect(redisUrl.hostname).toBe(redisService.metadata.name);
    expect(Number(redisUrl.port)).toBe(redisService.spec.ports[0].port);
  });
});
