import { Card, Empty } from 'antd';

export default function Page() {
  return <Card title="消息"><Empty description="建设中" /></Card>;
}
