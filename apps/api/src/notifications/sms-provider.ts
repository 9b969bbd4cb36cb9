/** Where SMS go: the stack's provider (sms-aws.ts) or, locally and in tests, an outbox. */
export interface SmsProvider {
  send(message: { phone: string; text: string }): Promise<void>;
}

/** Keeps what would have been sent (and prints it, for the dev server): nothing leaves the machine. */
export class OutboxSms implements SmsProvider {
  readonly messages: { phone: string; text: string }[] = [];
  constructor(private readonly print?: (line: string) => void) {}
  async send(message: { phone: string; text: string }): Promise<void> {
    this.messages.push(message);
    this.print?.(`[短信外发箱] ${message.phone.slice(0, 3)}****${message.phone.slice(-4)} ${message.text}`);
  }
}
