// Secrets (passwords, API secrets, tokens) must never reach a log file, the screen or an error message. Every
// secret value a setting carries is registered here, and every text bound for a person passes through redact().

const MASK = '******';
/** Shorter values would mask ordinary words; such secrets are too weak to be worth protecting this way. */
const MIN_LENGTH = 4;

export class Redactor {
  private secrets: string[] = [];

  add(secret: string): void {
    if (typeof secret !== 'string' || secret.length < MIN_LENGTH || this.secrets.includes(secret)) return;
    // Longest first, so a secret that contains another is masked whole.
    this.secrets = [...this.secrets, secret].sort((a, b) => b.length - a.length);
  }

  get size(): number {
    return this.secrets.length;
  }

  redact(text: string): string {
    if (this.secrets.length === 0) return text;
    let out = text;
    for (const s of this.secrets) if (out.includes(s)) out = out.split(s).join(MASK);
    return out;
  }
}

/** The process-wide redactor used by the log engine, the console and error reporting. */
export const redactor = new Redactor();

export function redact(text: string): string {
  return redactor.redact(text);
}
