// Masking of personal data for everything public (board, Open311 GET, public similar cases).
// Owner: the publication area. Other areas import these three functions only.

export interface KnownPersonalData {
  /** Names known from the case (submitter, contacts): masked wherever they appear. */
  names?: string[];
  /** The enterprise name, masked when `maskEnterprise` is set (the submitter asked). */
  enterpriseName?: string | null;
  maskEnterprise?: boolean;
}

/** 张三 → 张*, 欧阳娜娜 → 欧**娜 style: keeps the first character only. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return '*';
  return chars[0] + '*'.repeat(chars.length - 1);
}

/** 13812345678 → 138****5678; other numbers keep at most their last 4 digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length === 11) return `${digits.slice(0, 3)}****${digits.slice(7)}`;
  return digits.length > 4 ? '*'.repeat(digits.length - 4) + digits.slice(-4) : '****';
}

/** Masks personal data found in free text (first version: known names, mobile numbers, ID card numbers). */
export function maskPersonalData(text: string, known: KnownPersonalData = {}): string {
  let out = text.replace(/(?<!\d)(\d{6})(\d{8})(\d{3}[\dXx])(?!\d)/g, (_m, a: string, _b: string, c: string) => `${a}********${c}`);
  out = out.replace(/(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)/g, (_m, a: string, _b: string, c: string) => `${a}****${c}`);
  for (const name of known.names ?? []) if (name.trim().length > 1) out = out.replaceAll(name.trim(), maskName(name));
  if (known.maskEnterprise && known.enterpriseName) out = out.replaceAll(known.enterpriseName, '某企业');
  return out;
}
