import { Space, Tabs } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { ImportHistory, importRunsKey } from './history.js';
import { NewImport } from './import-page.js';
import { MappingList } from './mappings.js';

function ImportHome() {
  const qc = useQueryClient();
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <NewImport onRunChanged={() => void qc.invalidateQueries({ queryKey: importRunsKey })} />
      <ImportHistory />
    </Space>
  );
}

/** Pages of the import area, mounted at /import/*: 批量导入 (upload, dry run, run, history) and 字段映射. */
export default function ImportRoutes() {
  const navigate = useNavigate();
  const location = useLocation();
  const tab = location.pathname.endsWith('/mappings') ? 'mappings' : 'home';
  return (
    <>
      <Tabs activeKey={tab} onChange={(k) => navigate(k === 'mappings' ? '/import/mappings' : '/import')}
        items={[{ key: 'home', label: '批量导入' }, { key: 'mappings', label: '字段映射' }]} />
      <Routes>
        <Route path="mappings" element={<MappingList />} />
        <Route path="*" element={<ImportHome />} />
      </Routes>
    </>
  );
}
