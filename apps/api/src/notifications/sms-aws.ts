/**
 * The SMS provider in the stack: AWS End User Messaging SMS (the `pinpoint-sms-voice-v2` API,
 * SendTextMessage). The stack switches it on with a flag (infra: PinganStack `sms`), which gives the
 * functions the permission for the one origination identity and these environment variables; without it
 * no SMS is sent (and locally the dev server's outbox prints them).
 */
import {
  PinpointSMSVoiceV2Client,
  SendTextMessageCommand,
  type SendTextMessageCommandInput,
} from "@aws-sdk/client-pinpoint-sms-voice-v2";
import type { SmsProvider } from "./sms-provider";

/** Which provider the environment asks for (`SMS_PROVIDER`). */
export const SMS_PROVIDERS = ["end-user-messaging", "none"] as const;
export type SmsProviderName = (typeof SMS_PROVIDERS)[number];

export interface EndUserMessagingConfig {
  /** The phone number, sender ID or pool (its ID or ARN) the messages are sent from. */
  readonly originationIdentity: string;
  /** A configuration set (event destinations, opt-out handling), if the account uses one. */
  readonly configurationSetName?: string | undefined;
  readonly region?: string | undefined;
}

/**
 * A mainland China mobile number as E.164: the users' numbers are kept as 11 digits (13800138000); one
 * already in E.164 (+86…) is kept. Anything else is refused rather than sent somewhere unintended.
 */
export function toE164(phone: string): string {
  const p = phone.replace(/[\s-]/g, "");
  if (/^\+[1-9]\d{6,14}$/.test(p)) return p;
  if (/^1\d{10}$/.test(p)) return `+86${p}`;
  throw new RangeError("手机号格式不正确，无法发送短信");
}

/** The SendTextMessage request for one message: transactional, from the configured identity. */
export function sendTextMessageInput(
  config: EndUserMessagingConfig,
  message: { phone: string; text: string },
): SendTextMessageCommandInput {
  return {
    DestinationPhoneNumber: toE164(message.phone),
    MessageBody: message.text,
    MessageType: "TRANSACTIONAL",
    OriginationIdentity: config.originationIdentity,
    ...(config.configurationSetName ? { ConfigurationSetName: config.configurationSetName } : {}),
  };
}

/** Sends through End User Messaging SMS; `client` is injectable (tests give one that never leaves the process). */
export class EndUserMessagingSms implements SmsProvider {
  private readonly client: PinpointSMSVoiceV2Client;
  constructor(
    private readonly config: EndUserMessagingConfig,
    client?: PinpointSMSVoiceV2Client,
  ) {
    this.client = client ?? new PinpointSMSVoiceV2Client(config.region ? { region: config.region } : {});
  }

  async send(message: { phone: string; text: string }): Promise<void> {
    await this.client.send(new SendTextMessageCommand(sendTextMessageInput(this.config, message)));
  }
}

/** The provider the configuration names: End User Messaging in the stack when switched on, else none. */
export function smsProviderFor(config: {
  smsProvider?: SmsProviderName | undefined;
  smsOriginationIdentity?: string | undefined;
  smsConfigurationSet?: string | undefined;
  region?: string | undefined;
}): SmsProvider | undefined {
  if (config.smsProvider !== "end-user-messaging") return undefined;
  if (!config.smsOriginationIdentity) {
    throw new Error(
      "SMS_PROVIDER=end-user-messaging needs SMS_ORIGINATION_IDENTITY (a phone number, sender ID or pool)",
    );
  }
  return new EndUserMessagingSms({
    originationIdentity: config.smsOriginationIdentity,
    configurationSetName: config.smsConfigurationSet,
    region: config.region,
  });
}
