import { AlertOutlined, ApartmentOutlined, ApiOutlined, AppstoreOutlined, AuditOutlined, BarChartOutlined, BellOutlined, BookOutlined, BranchesOutlined, CalendarOutlined, ClockCircleOutlined, CloudUploadOutlined, DashboardOutlined, EyeOutlined, FileSearchOutlined, FireOutlined, FlagOutlined, FundOutlined, IdcardOutlined, LogoutOutlined, ReadOutlined, SafetyCertificateOutlined, SafetyOutlined, SearchOutlined, SettingOutlined, SolutionOutlined, TeamOutlined, TrophyOutlined, UserOutlined } from '@ant-design/icons';
import { App, Avatar, Dropdown, Layout, Menu, Space, Spin, Typography } from 'antd';
import { Suspense } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { roleLabels } from '../shared/labels.js';
import { NotificationBell } from '../features/inbox/notification-bell.js';
import { CalendarLoader } from '../features/calendar/calendar-loader.js';
import { usePublicSettings } from '../api/settings.js';
import { useUser, useAuth } from './auth-context.js';
import { useCan } from '../shared/can.js';

const workbenchTitles = { intake: '受理台', handler: '部门待办', head: '部门待办', supervisor: '督办审核', leader: '领导总览', admin: '工作台', deputy: '首页' } as const;

export function AppLayout() {
  const user = useUser();
  const { logout } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const { message } = App.useApp();
  const city = usePublicSettings();
  const can = useCan();
  const selected = ['/suggestions/mine', '/suggestions', '/major-reports', '/admin/users', '/admin/password-policy', '/account', '/cases', '/search', '/knowledge', '/supervision/mine', '/supervision', '/items/mine', '/items/dashboard', '/items', '/hotspots', '/inbox', '/dashboard', '/assessment', '/indicators/leading', '/indicators', '/stories', '/publication', '/import', '/routing', '/admin/calendar', '/admin/policies', '/admin/catalogue', '/admin/webhooks', '/admin/open311', '/admin/settings', '/admin/audit', '/admin/org'].find((p) => location.pathname.startsWith(p)) ?? '/';

  const onLogout = async () => {
    await logout().catch(() => undefined);
    message.success('已退出登录');
    navigate('/login', { replace: true });
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={216} breakpoint="lg" collapsedWidth={64}>
        <div style={{ height: 56, display: 'flex', alignItems: 'center', gap: 10, padding: '0 18px', color: '#fff' }}>
          <AuditOutlined style={{ fontSize: 22, color: '#60a5fa' }} />
          <div style={{ lineHeight: 1.2, overflow: 'hidden', whiteSpace: 'nowrap' }}>
            <div style={{ fontSize: 16, fontWeight: 600, letterSpacing: 2 }}>一网督办</div>
            <div style={{ fontSize: 11, opacity: 0.65 }}>{city ? `${city.cityName}优化营商环境` : ''}</div>
          </div>
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[selected]}
          onClick={(e) => navigate(e.key)}
          items={[
            { key: '/', icon: <DashboardOutlined />, label: workbenchTitles[user.role] },
            // Each entry shows only when the person may open it (the same permission its route declares).
            ...([
              ['case:read', { key: '/cases', icon: <FileSearchOutlined />, label: '全部诉求' }],
              ['case:read', { key: '/search', icon: <SearchOutlined />, label: '查询' }],
              ['knowledge:read', { key: '/knowledge', icon: <BookOutlined />, label: '知识库' }],
              ['supervision:centre', { key: '/supervision', icon: <AlertOutlined />, label: '督办中心' }],
              ['supervision:answer', { key: '/supervision/mine', icon: <AlertOutlined />, label: '本单位督办' }],
              ['supervision:centre', { key: '/items', icon: <FlagOutlined />, label: '督办事项' }],
              ['item:report', { key: '/items/mine', icon: <FlagOutlined />, label: '本单位督办事项' }],
              ['item:read', { key: '/items/dashboard', icon: <FlagOutlined />, label: '督办事项看板' }],
              ['hotspot:read', { key: '/hotspots', icon: <FireOutlined />, label: '热点发现' }],
              ['suggestion:rate', { key: '/suggestions/mine', icon: <SolutionOutlined />, label: '我的建议' }],
              ['suggestion:handle', { key: '/suggestions', icon: <SolutionOutlined />, label: '建议提案' }],
              ['suggestion:read-all', { key: '/suggestions', icon: <SolutionOutlined />, label: '建议提案' }],
              ['major-report:file', { key: '/major-reports', icon: <FlagOutlined />, label: '重大事项报告' }],
              ['major-report:read-all', { key: '/major-reports', icon: <FlagOutlined />, label: '重大事项报告' }],
              ['major-report:types', { key: '/major-reports', icon: <FlagOutlined />, label: '重大事项报告' }],
              ['dashboard:read', { key: '/dashboard', icon: <BarChartOutlined />, label: '数据看板' }],
              ['assessment:read', { key: '/assessment', icon: <TrophyOutlined />, label: '考核评价' }],
              ['indicator:dashboard', { key: '/indicators/leading', icon: <FundOutlined />, label: '领导小组看板' }],
              ['indicator:read', { key: '/indicators', icon: <FundOutlined />, label: '评价指标' }],
              ['indicator:read', { key: '/stories', icon: <ReadOutlined />, label: '营商故事' }],
              ['publication:review', { key: '/publication', icon: <EyeOutlined />, label: '公开审核' }],
              ['import:run', { key: '/import', icon: <CloudUploadOutlined />, label: '批量导入' }],
              ['notification:read', { key: '/inbox', icon: <BellOutlined />, label: '消息' }],
              ['org:manage', { key: '/admin/org', icon: <ApartmentOutlined />, label: '组织机构' }],
              ['users:manage', { key: '/admin/users', icon: <TeamOutlined />, label: '账号管理' }],
              ['users:manage', { key: '/admin/password-policy', icon: <SafetyOutlined />, label: '密码策略' }],
              ['routing:manage', { key: '/routing', icon: <BranchesOutlined />, label: '派单规则' }],
              ['catalogue:manage', { key: '/admin/catalogue', icon: <AppstoreOutlined />, label: '问题类别' }],
              ['open311:keys', { key: '/admin/open311', icon: <ApiOutlined />, label: 'Open311 接口' }],
              ['calendar:manage', { key: '/admin/calendar', icon: <CalendarOutlined />, label: '工作日历' }],
              ['policies:manage', { key: '/admin/policies', icon: <ClockCircleOutlined />, label: '办理时限' }],
              ['webhook:manage', { key: '/admin/webhooks', icon: <ApiOutlined />, label: 'Webhook 推送' }],
              ['settings:manage', { key: '/admin/settings', icon: <SettingOutlined />, label: '城市设置' }],
              ['admin-audit:read', { key: '/admin/audit', icon: <SafetyCertificateOutlined />, label: '安全审计' }],
            ] as const).filter(([permission]) => can(permission)).map(([, item]) => item)
              // A person with two permissions that open the same screen sees it once.
              .filter((item, i, all) => all.findIndex((x) => x.key === item.key) === i),
          ]}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', borderBottom: '1px solid #e5e7eb' }}>
          <Typography.Text strong style={{ fontSize: 16 }}>优化营商环境问题并网督办平台</Typography.Text>
          <Space size={16}>
            <NotificationBell />
            <Dropdown menu={{ items: [
              { key: 'account', icon: <IdcardOutlined />, label: '我的账号', onClick: () => navigate('/account') },
              { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', onClick: onLogout },
            ] }} placement="bottomRight">
              <Space style={{ cursor: 'pointer' }} data-testid="current-user">
                <Avatar size="small" icon={<UserOutlined />} style={{ background: '#1d4ed8' }} />
                <span>{user.displayName}</span>
                <Typography.Text type="secondary">{user.departmentName} · {user.roles.map((r) => roleLabels[r]).join('、')}</Typography.Text>
              </Space>
            </Dropdown>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 24, background: '#f3f5f9' }}>
          <CalendarLoader />
          <Suspense fallback={<div style={{ padding: 80, textAlign: 'center' }}><Spin /></div>}>
            <Outlet />
          </Suspense>
        </Layout.Content>
        <Layout.Footer style={{ textAlign: 'center', color: '#8c8c8c', padding: '12px 24px' }}>
          {city ? `${city.cityName}优化营商环境办公室 · 一网督办` : '一网督办'}
        </Layout.Footer>
      </Layout>
    </Layout>
  );
}
