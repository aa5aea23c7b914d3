import { Card, Empty } from 'antd';

export default function Page() {
  return <Card title="督办中心"><Empty description="建设中" /></Card>;
}
