// What a client is told when Node's HTTP parser refuses its request before any route sees
// it. `curl '…/api/search?q=普京'` sends the UTF-8 bytes of 普京 unencoded, which HTTP does
// not allow: Node answered an empty 400. Now the answer says why, with the same URL
// percent-encoded (a client can send that as it is) and a stable code, as the API's errors do.
import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';

/** A request target with every byte outside printable ASCII percent-encoded (as a browser sends it). */
export function percentEncodeTarget(target: Buffer): string {
  let out = '';
  for (const b of target) out += b > 0x20 && b < 0x7f ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  return out;
}

/** The request target of a refused request's first line, when that line holds bytes outside ASCII. */
export function unencodedTarget(raw: Buffer | undefined): Buffer | undefined {
  if (!raw) return undefined;
  const end = raw.indexOf('\r\n');
  const line = raw.subarray(0, end < 0 ? Math.min(raw.length, 8192) : end);
  const first = line.indexOf(0x20);
  const last = line.lastIndexOf(0x20);
  const target = last > first ? line.subarray(first + 1, last) : line.subarray(first + 1);
  return first > 0 && target.some((b) => b >= 0x80) ? target : undefined;
}

/** The raw response to a request the parser refused. */
export function clientErrorResponse(e: NodeJS.ErrnoException & { rawPacket?: Buffer }): string {
  const target = e.code === 'HPE_INVALID_URL' ? unencodedTarget(e.rawPacket) : undefined;
  if (target) {
    const encoded = percentEncodeTarget(target);
    const body = JSON.stringify({
      error: `the URL holds characters that are not percent-encoded (HTTP allows only ASCII in a URL): send ${encoded} (curl -G --data-urlencode 'q=…' does it)`,
      code: 'url-not-encoded', params: { url: encoded },
    });
    return `HTTP/1.1 400 Bad Request\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
  }
  // what Node answers itself
  const status = e.code === 'HPE_HEADER_OVERFLOW' ? 431 : e.code === 'HPE_CHUNK_EXTENSIONS_OVERFLOW' ? 413 : e.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  return `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\n\r\n`;
}

/** Answer refused requests with their reason (Node's own answer is an empty 400). */
export function explainClientErrors(server: Pick<Server, 'on'>): void {
  server.on('clientError', (e: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Duplex) => {
    if (e.code !== 'ECONNRESET' && socket.writable) socket.end(clientErrorResponse(e), () => socket.destroy());
    else socket.destroy();
  });
}
