import { Card, Empty } from 'antd';

export default function Page() {
  return <Card title="工作日历"><Empty description="建设中" /></Card>;
}
