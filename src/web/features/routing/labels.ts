export const pct = (x: number | null | undefined, digits = 1) => (x == null ? '—' : `${(x * 100).toFixed(digits)}%`);

export const triggerLabels: Record<string, string> = { manual: '手动', schedule: '定时', cli: '命令行', demo: '演示数据' };
export const statusLabels: Record<string, { text: string; color: string }> = {
  active: { text: '在用', color: 'green' },
  retired: { text: '已替换', color: 'default' },
  rejected: { text: '未启用', color: 'orange' },
};
export const changeLabels: Record<string, string> = { created: '新建', updated: '修改', deleted: '删除', reordered: '调整顺序' };
/** Flags that mean the rule will never fire (red) versus warnings (orange). */
export const blockingFlags = new Set(['NO_CONDITIONS', 'EMPTY_KEYWORDS', 'INACTIVE_DEPARTMENT', 'SHADOWED']);
