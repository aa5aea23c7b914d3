import { Card, Empty } from 'antd';

export default function Page() {
  return <Card title="办理时限"><Empty description="建设中" /></Card>;
}
