import { PinpointSMSVoiceV2Client } from "@aws-sdk/client-pinpoint-sms-voice-v2";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../config";
import { SMS_TEXT } from "./sms";
import { EndUserMessagingSms, sendTextMessageInput, smsProviderFor, toE164 } from "./sms-aws";

type Sent = { headers: Record<string, string>; body: string; hostname: string };

/**
 * A real client whose middleware stack stops each request after it is built (serialized, before signing
 * and sending): the request is kept and a canned answer returned, so nothing leaves the process.
 */
function capturingClient() {
  const sent: Sent[] = [];
  const client = new PinpointSMSVoiceV2Client({
    region: "ap-southeast-1",
    credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "not-a-secret" },
  });
  client.middlewareStack.add(
    () => async (args) => {
      const request = args.request as Sent;
      sent.push({ headers: request.headers, body: request.body, hostname: request.hostname });
      return { output: { $metadata: {}, MessageId: "m-1" }, response: {} } as never;
    },
    { step: "build", name: "captureRequest" },
  );
  return { client, sent };
}

describe("the End User Messaging SMS provider", () => {
  it("builds a transactional SendTextMessage from the configured identity to an E.164 number", async () => {
    const { client, sent } = capturingClient();
    const sms = new EndUserMessagingSms(
      {
        originationIdentity: "arn:aws:sms-voice:ap-southeast-1:123456789012:sender-id/PINGAN/CN",
        configurationSetName: "pingan",
      },
      client,
    );
    await sms.send({ phone: "13800138000", text: SMS_TEXT.notice_issued });
    expect(sent).toHaveLength(1);
    const [request] = sent;
    expect(request?.headers["x-amz-target"]).toBe("PinpointSMSVoiceV2.SendTextMessage");
    expect(request?.hostname).toBe("sms-voice.ap-southeast-1.amazonaws.com");
    expect(JSON.parse(request?.body ?? "{}")).toEqual({
      DestinationPhoneNumber: "+8613800138000",
      MessageBody: SMS_TEXT.notice_issued,
      MessageType: "TRANSACTIONAL",
      OriginationIdentity: "arn:aws:sms-voice:ap-southeast-1:123456789012:sender-id/PINGAN/CN",
      ConfigurationSetName: "pingan",
    });
  });

  it("leaves out a configuration set it was not given, and refuses a number it cannot place", async () => {
    expect(
      sendTextMessageInput({ originationIdentity: "pool-1" }, { phone: "+85291234567", text: "x" }),
    ).toEqual({
      DestinationPhoneNumber: "+85291234567",
      MessageBody: "x",
      MessageType: "TRANSACTIONAL",
      OriginationIdentity: "pool-1",
    });
    expect(toE164("138 0013 8000")).toBe("+8613800138000");
    expect(() => toE164("010-12345")).toThrow("手机号格式不正确");
    const { client, sent } = capturingClient();
    await expect(
      new EndUserMessagingSms({ originationIdentity: "pool-1" }, client).send({ phone: "12345", text: "x" }),
    ).rejects.toThrow("手机号格式不正确");
    expect(sent).toEqual([]);
  });

  it("is chosen by the configuration: on only with SMS_PROVIDER=end-user-messaging and an identity", async () => {
    const base = { TOKEN_SECRET: "x".repeat(40) };
    expect(smsProviderFor(await loadConfig(base))).toBeUndefined();
    expect(smsProviderFor(await loadConfig({ ...base, SMS_PROVIDER: "none" }))).toBeUndefined();
    const on = await loadConfig({
      ...base,
      SMS_PROVIDER: "end-user-messaging",
      SMS_ORIGINATION_IDENTITY: "pool-1",
      AWS_REGION: "ap-southeast-1",
    });
    expect(on).toMatchObject({ smsProvider: "end-user-messaging", smsOriginationIdentity: "pool-1" });
    expect(smsProviderFor(on)).toBeInstanceOf(EndUserMessagingSms);
    expect(() => smsProviderFor({ ...on, smsOriginationIdentity: undefined })).toThrow(
      "SMS_ORIGINATION_IDENTITY",
    );
    await expect(loadConfig({ ...base, SMS_PROVIDER: "carrier-pigeon" })).rejects.toThrow("SMS_PROVIDER");
  });
});
