import nodemailer, { type Transporter } from 'nodemailer';

/** SMTP settings from YIWANG_SMTP_URL (smtp://user:pass@host:port, smtps:// for TLS) and YIWANG_MAIL_FROM. */
export interface MailConfig {
  smtpUrl?: string;
  from: string;
  /** Pooled SMTP connections (default 5). */
  maxConnections?: number;
}

export const defaultMailFrom = '一网督办 <noreply@yiwang.local>';

/** One pooled SMTP transport per URL; the URL may change at run time (tests point it at their own server). */
export class Mailer {
  #transport: Transporter | null = null;
  #url: string | undefined;
  constructor(public config: MailConfig) {}

  get enabled(): boolean {
    return !!this.config.smtpUrl;
  }

  async send(mail: { to: string; subject: string; text: string }): Promise<void> {
    const url = this.config.smtpUrl;
    if (!url) throw new Error('SMTP is not configured (YIWANG_SMTP_URL)');
    if (!this.#transport || this.#url !== url) {
      this.#transport?.close();
      this.#transport = nodemailer.createTransport(url, { pool: true, maxConnections: this.config.maxConnections ?? 5, maxMessages: Infinity } as never);
      this.#url = url;
    }
    await this.#transport.sendMail({ from: this.config.from, to: mail.to, subject: mail.subject, text: mail.text });
  }

  close(): void {
    this.#transport?.close();
    this.#transport = null;
  }
}
