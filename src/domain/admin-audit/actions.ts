// The administrative changes the audit trail (安全审计) records, with the words the audit screen shows. Every admin
// command records one of these in the same transaction as its change (modules/admin-audit, recordAdminChange).
// A new command adds its action here; the label map is typed, so a missing label does not compile.

export const adminActions = [
  // The city's settings
  'city.init', 'city.settings',
  // Organisation (一网覆盖)
  'unit.create', 'unit.update', 'unit.rename', 'unit.move', 'unit.merge', 'unit.split', 'unit.deactivate', 'unit.reactivate', 'unit.import',
  // People
  'user.create', 'user.update', 'user.roles', 'user.deactivate', 'user.reactivate', 'user.password_reset', 'user.sessions_end',
  'user.import', 'user.unlock', 'password_policy.update',
  // Catalogue
  'category.create', 'category.update', 'category.move', 'category.deactivate', 'category.reactivate', 'category.import',
  // Rules the platform runs on
  'calendar.update', 'policy.update', 'routing.rule', 'routing.settings', 'routing.model', 'webhook.update', 'open311.key',
  'open311.attributes', 'assessment.scheme', 'system.backup',
  // 营商环境评价指标
  'indicator.create', 'indicator.update', 'indicator.copy_year', 'indicator.import',
  // 重大事项报告 types
  'major_report_type.create', 'major_report_type.update',
  // 热点发现
  'hotspot.params',
] as const;
export type AdminAction = (typeof adminActions)[number];

export const adminActionLabels: Record<AdminAction, string> = {
  'city.init': '初始化平台',
  'city.settings': '修改城市设置',
  'unit.create': '新增单位',
  'unit.update': '修改单位信息',
  'unit.rename': '单位更名',
  'unit.move': '调整上级单位',
  'unit.merge': '单位合并',
  'unit.split': '单位拆分',
  'unit.deactivate': '停用单位',
  'unit.reactivate': '启用单位',
  'unit.import': '导入单位',
  'user.create': '新增账号',
  'user.update': '修改账号信息',
  'user.roles': '调整账号角色',
  'user.deactivate': '停用账号',
  'user.reactivate': '启用账号',
  'user.password_reset': '重置密码',
  'user.sessions_end': '强制下线',
  'user.import': '导入账号',
  'user.unlock': '解除登录锁定',
  'password_policy.update': '修改密码策略',
  'category.create': '新增问题类别',
  'category.update': '修改问题类别',
  'category.move': '调整类别层级',
  'category.deactivate': '停用问题类别',
  'category.reactivate': '启用问题类别',
  'category.import': '导入问题类别',
  'calendar.update': '修改工作日历',
  'policy.update': '修改办理时限',
  'routing.rule': '修改分派规则',
  'routing.settings': '修改自动分派设置',
  'routing.model': '训练分派模型',
  'webhook.update': '修改消息推送',
  'open311.key': '管理接口密钥',
  'open311.attributes': '修改 Open311 服务属性',
  'assessment.scheme': '修改考核方案',
  'system.backup': '下载数据备份',
  'indicator.create': '新增评价指标',
  'indicator.update': '修改评价指标',
  'indicator.copy_year': '复制年度指标体系',
  'indicator.import': '导入评价指标',
  'major_report_type.create': '新增重大事项报告类型',
  'major_report_type.update': '修改重大事项报告类型',
  'hotspot.params': '修改热点检测参数',
};

/** What a change is made to, for the audit screen's filter. */
export const adminTargetTypes = ['city', 'unit', 'user', 'category', 'calendar', 'policy', 'routing', 'webhook', 'open311', 'assessment', 'system', 'indicator', 'major_report_type', 'hotspot'] as const;
export type AdminTargetType = (typeof adminTargetTypes)[number];

export const adminTargetLabels: Record<AdminTargetType, string> = {
  city: '城市设置', unit: '单位', user: '账号', category: '问题类别', calendar: '工作日历', policy: '办理时限',
  routing: '分派', webhook: '消息推送', open311: 'Open311', assessment: '考核', system: '系统', indicator: '评价指标', major_report_type: '重大事项报告类型', hotspot: '热点发现',
};
