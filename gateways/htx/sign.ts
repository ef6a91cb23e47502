// HTX request signing ("Authentication", huobiapi.github.io/docs/spot/v1/en/#authentication): REST Signature
// Version 2 — the auth params join the query, every param is URL-encoded with upper-case hex and sorted by
// ASCII key, and the text signed is `METHOD\nlowercase-host\npath\nsorted-query`; the base64 HMAC-SHA256 is
// appended as Signature. The spot v2 WebSocket signs the same way with lower-camel names and version 2.1.
import { createHmac } from 'node:crypto';

/** HTX's Timestamp: UTC YYYY-MM-DDThh:mm:ss, no milliseconds, no zone. */
export function htxTimestamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

/** RFC 3986 encoding (encodeURIComponent leaves !'()* alone; HTX's Java signer encodes them). */
export function htxEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Params sorted by ASCII key, encoded, joined with & (what is signed and what is sent). */
export function sortedQuery(params: Readonly<Record<string, string>>): string {
  return Object.keys(params)
    .sort()
    .map((k) => `${htxEncode(k)}=${htxEncode(params[k]!)}`)
    .join('&');
}

export function payloadToSign(method: string, host: string, path: string, query: string): string {
  return `${method.toUpperCase()}\n${host.toLowerCase()}\n${path}\n${query}`;
}

export function hmacBase64(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text, 'utf8').digest('base64');
}

/** The query of a signed REST request: the request's own params plus the four auth params and Signature. */
export function signedQuery(
  method: string,
  host: string,
  path: string,
  params: Readonly<Record<string, string>>,
  accessKey: string,
  secret: string,
  now: number,
): string {
  const all = {
    ...params,
    AccessKeyId: accessKey,
    SignatureMethod: 'HmacSHA256',
    SignatureVersion: '2',
    Timestamp: htxTimestamp(now),
  };
  const query = sortedQuery(all);
  const signature = hmacBase64(secret, payloadToSign(method, host, path, query));
  return `${query}&Signature=${htxEncode(signature)}`;
}

/** The params of the spot v2 WebSocket's auth request (signatureVersion 2.1). */
export function v2AuthParams(
  host: string,
  path: string,
  accessKey: string,
  secret: string,
  now: number,
): Record<string, string> {
  const base = {
    accessKey,
    signatureMethod: 'HmacSHA256',
    signatureVersion: '2.1',
    timestamp: htxTimestamp(now),
  };
  const signature = hmacBase64(secret, payloadToSign('GET', host, path, sortedQuery(base)));
  return { authType: 'api', ...base, signature };
}
