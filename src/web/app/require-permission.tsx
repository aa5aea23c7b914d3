import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import type { Permission } from '../../domain/access/permissions.js';
import { useCan } from '../shared/can.js';

/** 无权访问: what a person sees at a console address their roles do not open (not the screen with refused buttons). */
export function ForbiddenPage() {
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title="无权访问"
      subTitle="您的账号没有访问此页面的权限。如需开通，请联系系统管理员。"
      extra={<Button type="primary" onClick={() => navigate('/')} data-testid="forbidden-home">返回工作台</Button>}
      data-testid="forbidden"
    />
  );
}

/** A console route that needs a permission (any of `anyOf`). */
export function RequirePermission({ anyOf, children }: { anyOf: Permission | Permission[]; children: ReactNode }) {
  const can = useCan();
  const needed = Array.isArray(anyOf) ? anyOf : [anyOf];
  return needed.some(can) ? <>{children}</> : <ForbiddenPage />;
}
