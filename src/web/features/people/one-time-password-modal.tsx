import { Alert, Button, Modal, Space, Typography } from 'antd';

/** The one-time password, shown once: the server keeps only its hash, so closing this loses it. */
export function OneTimePasswordModal({ value, onClose }: { value: { username: string; password: string } | null; onClose: () => void }) {
  return (
    <Modal open={!!value} title="一次性密码" onCancel={onClose} footer={<Button type="primary" onClick={onClose}>我已记下</Button>} data-testid="otp-modal">
      {value && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Alert type="warning" showIcon message="此密码仅显示这一次，关闭后无法再次查看。请通过安全渠道告知本人；本人首次登录后须立即修改密码。" />
          <div>用户名：<Typography.Text strong>{value.username}</Typography.Text></div>
          <div>一次性密码：<Typography.Text code copyable={{ text: value.password, tooltips: ['复制', '已复制'] }} data-testid="otp-value">{value.password}</Typography.Text></div>
        </Space>
      )}
    </Modal>
  );
}
