import { Tabs } from 'antd';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { ModelPage } from './model-page.js';
import { RulesPage } from './rules-page.js';
import { TryBox } from './try-box.js';

const tabs = [
  { key: 'rules', label: '派单规则', element: <RulesPage /> },
  { key: 'try', label: '试一试', element: <TryBox /> },
  { key: 'model', label: '派单模型', element: <ModelPage /> },
];

function RoutingTabs() {
  const location = useLocation();
  const navigate = useNavigate();
  const active = tabs.find((t) => location.pathname.endsWith(`/${t.key}`))?.key ?? 'rules';
  return (
    <Tabs
      activeKey={active}
      onChange={(k) => navigate(`/routing/${k}`)}
      items={tabs.map((t) => ({ key: t.key, label: t.label, children: t.element }))}
      destroyOnHidden
    />
  );
}

/** Pages of the routing area, mounted at /routing/*: rules, the "try it" box, the trained router. */
export default function RoutingRoutes() {
  return (
    <Routes>
      <Route index element={<Navigate to="rules" replace />} />
      <Route path=":tab" element={<RoutingTabs />} />
      <Route path="*" element={<Navigate to="/routing/rules" replace />} />
    </Routes>
  );
}
