// The words an order is printed with, on the Word document and the console's print view alike.

/** The office that issues supervision orders (督办单). */
export const issuingOffice = '市优化营商环境办公室';

export const levelNames = { normal: '普通督办', yellow: '黄牌督办', red: '红牌督办' } as const;
