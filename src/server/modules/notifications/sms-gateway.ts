import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/** Sends a text message. Real gateways (Aliyun, Tencent Cloud, the city's SMS platform) implement this. */
export interface SmsGateway {
  readonly name: string;
  send(message: { to: string; text: string; deliveryId?: number; at: Date }): Promise<void>;
}

/** Records messages in sms_log instead of sending them: the default until a real gateway is configured. */
export class LoggingSmsGateway implements SmsGateway {
  readonly name = 'log';
  constructor(private readonly db: Kysely<DB>, private readonly log?: { debug(obj: object, msg: string): void }) {}
  async send(message: { to: string; text: string; deliveryId?: number; at: Date }): Promise<void> {
    await this.db.insertInto('sms_log').values({ phone: message.to, text: message.text, delivery_id: message.deliveryId ?? null, at: message.at }).execute();
    // Every message is in sms_log; the log line is for debugging a gateway, not for every demo start.
    this.log?.debug({ to: message.to, deliveryId: message.deliveryId }, 'sms recorded (logging gateway)');
  }
}
