import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Result, Space, Spin, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { beijingDateCn, beijingDateTimeCn } from '../../../domain/calendar/local-time.js';
import { usePublicSettings } from '../../api/settings.js';
import './print.css';

/** 2026年11月2日 09:00 (Beijing), or a blank line to fill in by hand. */
export const cnTime = (iso: string | null | undefined) => (iso ? beijingDateTimeCn(new Date(iso)) : '');
export const cnDate = (iso: string | null | undefined) => (iso ? beijingDateCn(new Date(iso)) : '　　年　　月　　日');

/** The city's name for a sheet's title, from its settings. */
export function useCityName(): string {
  return usePublicSettings()?.cityName ?? '';
}

/** An A4 sheet on screen with 打印 and 返回 above it; on paper only the sheet (print.css). */
export function PrintFrame({ title, loading, error, children }: { title: string; loading: boolean; error?: string | null; children?: ReactNode }) {
  const navigate = useNavigate();
  return (
    <div className="yw-print-body">
      <div className="yw-print-toolbar">
        <Space>
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>返回</Button>
          <Typography.Text type="secondary">{title}（A4 纵向，打印后加盖公章）</Typography.Text>
        </Space>
        <Button type="primary" icon={<PrinterOutlined />} disabled={loading || !!error} onClick={() => window.print()} data-testid="print-now">打印</Button>
      </div>
      {error ? <Result status="warning" title={error} /> : loading ? <div style={{ textAlign: 'center', padding: 80 }}><Spin size="large" /></div> : (
        <div className="yw-sheet" data-testid="print-sheet">{children}</div>
      )}
    </div>
  );
}

/** The space a unit stamps and signs: who, a seal ring's room, the date. */
export function SealSpace({ unit, date }: { unit: string; date?: string | null }) {
  return (
    <div className="yw-seal" data-testid="seal-space">
      <div className="yw-seal-text">
        <div>{unit}（盖章）</div>
        <div>{cnDate(date)}</div>
      </div>
    </div>
  );
}
