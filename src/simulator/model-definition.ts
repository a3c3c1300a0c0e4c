/** Which endpoints a model answers: chat models serve generations and chat-generations, embedding models serve embeddings. */
export type ModelKind = 'chat' | 'embedding';

/** Where Salesforce hosts the model; decides the default usage naming. */
export type ModelFamily = 'openai' | 'bedrock' | 'vertex';

/** One model the simulator serves. */
export interface ModelDefinition {
  /** API name used in the URL path, e.g. `sfdc_ai__DefaultGPT4OmniMini`. */
  name: string;
  kind: ModelKind;
  family: ModelFamily;
  /** Provider model id reported in `parameters.model`. */
  providerModel: string;
  /** Vector length, for embedding models. */
  dimensions?: number;
}
