// Errors a person may read. Each says what was wrong and where, never a secret (see redact.ts).

export class VntError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A settings file or connect form value that is malformed or invalid. */
export class SettingError extends VntError {
  constructor(
    readonly file: string,
    readonly field: string,
    reason: string,
  ) {
    super(field ? `${file}: field "${field}" ${reason}` : `${file}: ${reason}`);
  }
}

export class UnknownGatewayError extends VntError {
  constructor(
    readonly gatewayName: string,
    known: readonly string[],
  ) {
    super(`unknown gateway "${gatewayName}" (known: ${known.length ? known.join(', ') : 'none added'})`);
  }
}

/** An order or cancel request refused before anything was sent to the venue. */
export class RequestError extends VntError {}

export class NotConnectedError extends VntError {
  constructor(gatewayName: string) {
    super(`gateway ${gatewayName} is not connected`);
  }
}

export class NotSupportedError extends VntError {
  constructor(gatewayName: string, what: string) {
    super(`gateway ${gatewayName} does not support ${what}`);
  }
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** A value as an error message quotes it: JSON, cut short so that one bad input cannot flood a log line. */
export function quoteValue(value: unknown, max = 40): string {
  const s = JSON.stringify(value) ?? String(value);
  return s.length > max ? `${s.slice(0, max)}...` : s;
}
