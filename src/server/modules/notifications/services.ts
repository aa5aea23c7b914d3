import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../../db/engine.js';
import { NotificationHub } from './hub.js';
import { defaultMailFrom, Mailer } from './mailer.js';
import { LoggingSmsGateway, type SmsGateway } from './sms-gateway.js';

/** Per-process notification machinery shared by the routes (live stream) and the worker (delivery). */
export interface NotificationServices {
  hub: NotificationHub;
  mailer: Mailer;
  sms: SmsGateway;
}

export function notificationServices(database: Database, log: FastifyBaseLogger, env: NodeJS.ProcessEnv = process.env): NotificationServices {
  return {
    hub: new NotificationHub(),
    mailer: new Mailer({ smtpUrl: env.YIWANG_SMTP_URL || undefined, from: env.YIWANG_MAIL_FROM || defaultMailFrom }),
    sms: new LoggingSmsGateway(database.db, log),
  };
}
