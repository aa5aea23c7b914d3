import { Tabs, Typography } from 'antd';
import { Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { AttributesPage } from './attributes-page.js';
import { Open311KeysPage } from './keys-page.js';

const tabs = [
  { key: 'keys', label: '接口密钥', element: <Open311KeysPage /> },
  { key: 'attributes', label: '服务属性', element: <AttributesPage /> },
];

function Open311Tabs() {
  const location = useLocation();
  const navigate = useNavigate();
  const active = tabs.find((t) => location.pathname.endsWith(`/${t.key}`))?.key ?? 'keys';
  return (
    <>
      <Typography.Title level={3} style={{ marginTop: 0 }}>Open311 接口</Typography.Title>
      <Tabs
        activeKey={active}
        onChange={(k) => navigate(`/admin/open311/${k}`)}
        items={tabs.map((t) => ({ key: t.key, label: t.label, children: t.element }))}
        destroyOnHidden
      />
    </>
  );
}

/** Pages of the open311 area, mounted at /admin/open311/*: API keys (the default) and service attributes. */
export default function Open311Routes() {
  return (
    <Routes>
      <Route path="*" element={<Open311Tabs />} />
    </Routes>
  );
}
