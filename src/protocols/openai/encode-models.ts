import type { ModelInfo } from '../../core/model.ts';

/** `GET /v1/models` body. */
export function encodeModelList(models: ModelInfo[], created: number): Record<string, unknown> {
  return { object: 'list', data: models.map((model) => encodeModel(model, created)) };
}

/** One model object; `name` is an extra that Open WebUI shows as the display name. */
export function encodeModel(model: ModelInfo, created: number): Record<string, unknown> {
  return { id: model.id, object: 'model', created, owned_by: model.ownedBy, name: model.label };
}
