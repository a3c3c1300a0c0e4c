import type { FastifyInstance } from 'fastify';
import type { SimulatorState } from '../simulator-state.ts';
import { registerBedrockRoutes } from './bedrock-route.ts';
import { registerGatewayRoutes } from './gateway-route.ts';
import { registerResponsesRoute } from './responses-route.ts';

/** Serves the native surface under `/ai/gpt/v1`; other paths there fall to the app's bare 404. */
export function registerNativeSurface(app: FastifyInstance, state: SimulatorState): void {
  registerBedrockRoutes(app, state);
  registerResponsesRoute(app, state);
  registerGatewayRoutes(app, state);
}
