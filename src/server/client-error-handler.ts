// Node answers some requests itself, before any route or hook runs: bytes that are not HTTP
// (400), headers over its size limit (431), and a client too slow to send its headers or its
// whole request (408). These answers are written here, straight to the socket, in the client's
// own protocol, so that its SDK reads a normal error instead of failing to parse one.
import {
  type IncomingMessage,
  maxHeaderSize,
  type Server,
  type ServerResponse,
  STATUS_CODES,
} from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyBaseLogger } from 'fastify';
import { GatewayError } from '../core/errors.ts';
import { type ClientProtocol, detectProtocol, encodeClientError } from '../protocols/client-protocol.ts';
import { securityHeaders } from './security-headers.ts';

/** What Node puts on the error it hands a server's clientError listener. */
interface ClientErrorDetails {
  code?: string;
  /** llhttp's explanation of a parse error, e.g. "Invalid method encountered". */
  reason?: string;
  /** The bytes the parser failed on. */
  rawPacket?: unknown;
}

// Enough of a request's first bytes to find its path and an anthropic-version header.
const sniffedBytes = 8192;
const requestTarget = /^[A-Z]+ (\S+)/;
const anthropicVersionHeader = /\r\nanthropic-version:/i;

/**
 * Fastify's clientErrorHandler, answering in the client's protocol and logging at debug. It
 * must watch the server's requests to know which of them a timeout cuts short.
 */
export class ClientErrorResponder {
  readonly #logger: FastifyBaseLogger;
  readonly #latestResponses = new WeakMap<Socket, ServerResponse>();

  constructor(logger: FastifyBaseLogger) {
    this.#logger = logger;
  }

  /** Remembers each connection's latest response; call once the server exists. */
  watch(server: Server): void {
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      this.#latestResponses.set(request.socket, response);
    });
  }

  readonly handle = (error: Error, socket: Socket): void => {
    const details = error as ClientErrorDetails;
    if (details.code === 'ECONNRESET' || socket.destroyed) return;
    this.#logger.debug({ code: details.code }, 'refused a request Node could not take');
    // A request whose headers Node had parsed but whose body is still due (a slow body). Once its
    // response has begun (a 401 sent before the body, say), any more bytes would corrupt it.
    const latest = this.#latestResponses.get(socket);
    const unfinished = latest && !latest.req.complete ? latest : undefined;
    if (socket.writable && !unfinished?.headersSent) {
      const protocol = unfinished ? protocolOfRequest(unfinished.req) : protocolOfBytes(details.rawPacket);
      socket.write(encodeRawResponse(protocol, mapClientError(details)));
    }
    socket.destroy(error);
  };
}

function mapClientError(error: ClientErrorDetails): GatewayError {
  switch (error.code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new GatewayError(
        'invalid_request',
        'The request did not arrive in time: the gateway waits HEADERS_TIMEOUT_MS for the headers and REQUEST_TIMEOUT_MS for the whole request.',
        { status: 408, code: 'request_timeout', retryable: true },
      );
    case 'HPE_HEADER_OVERFLOW':
      return new GatewayError(
        'invalid_request',
        `The request headers are larger than the ${maxHeaderSize} bytes the gateway accepts; send fewer or shorter headers.`,
        { status: 431, code: 'request_header_fields_too_large' },
      );
    default:
      return new GatewayError(
        'invalid_request',
        `The request is not valid HTTP/1.1${error.reason ? ` (${error.reason})` : ''}.`,
        { code: 'invalid_http_request' },
      );
  }
}

function protocolOfRequest(request: IncomingMessage): ClientProtocol {
  return detectProtocol(request.url, request.headers['anthropic-version'] !== undefined);
}

function protocolOfBytes(packet: unknown): ClientProtocol {
  const text = Buffer.isBuffer(packet) ? packet.toString('latin1', 0, sniffedBytes) : '';
  return detectProtocol(requestTarget.exec(text)?.[1], anthropicVersionHeader.test(text));
}

function encodeRawResponse(protocol: ClientProtocol, error: GatewayError): string {
  const encoded = encodeClientError(protocol, error);
  const body = JSON.stringify(encoded.body);
  const headers = {
    ...securityHeaders,
    ...encoded.headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    connection: 'close',
  };
  const headerLines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
  return `HTTP/1.1 ${encoded.status} ${STATUS_CODES[encoded.status]}\r\n${headerLines.join('')}\r\n${body}`;
}
