export const levelNames = { normal: '普通督办', yellow: '黄牌督办', red: '红牌督办' } as const;
