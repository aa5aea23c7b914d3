import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Space, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import type { SettingsUpdate } from '../../../contracts/settings.js';
import { isCityName, isDivisionCode } from '../../../domain/settings/city.js';
import { errorText } from '../../api/client.js';
import { fetchSettings, publicSettingsKey, saveSettings } from '../../api/settings.js';
import { fmtTime } from '../../shared/format.js';
import { useErrorToast } from '../../shared/use-error-toast.js';

type FormValues = Omit<SettingsUpdate, 'logo'>;

/** 城市设置: the city's name, division code, hotline, SMS signature, site title and logo (admin; recorded in 安全审计). */
export default function SettingsPage() {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { data, error } = useQuery({ queryKey: ['settings'], queryFn: fetchSettings });
  useErrorToast(error);
  const [form] = Form.useForm<FormValues>();
  const [logo, setLogo] = useState<SettingsUpdate['logo']>(undefined);
  const [logoVersion, setLogoVersion] = useState(0);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (data) form.setFieldsValue({ cityName: data.cityName, divisionCode: data.divisionCode, hotlineName: data.hotlineName, smsSignature: data.smsSignature, siteTitle: data.siteTitle });
  }, [data, form]);

  const onFinish = async (v: FormValues) => {
    setBusy(true);
    try {
      await saveSettings({ ...v, ...(logo === undefined ? {} : { logo }) });
      setLogo(undefined);
      setLogoVersion((n) => n + 1);
      await Promise.all([qc.invalidateQueries({ queryKey: ['settings'] }), qc.invalidateQueries({ queryKey: publicSettingsKey })]);
      message.success('城市设置已保存');
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const pickLogo = (file: File) => {
    if (!['image/png', 'image/jpeg'].includes(file.type) || file.size > 200 * 1024) {
      message.error('标志图片应为 PNG 或 JPEG，且不超过 200 KB');
      return false;
    }
    const reader = new FileReader();
    reader.onload = () => setLogo({ contentType: file.type, base64: String(reader.result).replace(/^data:[^,]*,/, '') });
    reader.readAsDataURL(file);
    return false;
  };

  const logoPreview = logo ? `data:${logo.contentType};base64,${logo.base64}` : logo === null || !data?.hasLogo ? null : `/api/public/logo?v=${logoVersion}-${data.updatedAt ?? ''}`;

  return (
    <Card title="城市设置" style={{ maxWidth: 760 }}>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title="短信签名、Word 与 Excel 文件标题、公开网站和登录页都使用这里的设置；每次修改都记入安全审计。" />
      <Form<FormValues> form={form} layout="vertical" onFinish={onFinish} requiredMark={false} disabled={!data}>
        <Form.Item label="城市名称" name="cityName" rules={[{ required: true, message: '请填写城市名称' }, { validator: (_, v) => (!v || isCityName(String(v).trim()) ? Promise.resolve() : Promise.reject(new Error('城市名称应为 2 至 20 个汉字'))) }]}>
          <Input />
        </Form.Item>
        <Form.Item label="行政区划代码" name="divisionCode" rules={[{ required: true, message: '请填写行政区划代码' }, { validator: (_, v) => (!v || isDivisionCode(String(v).trim()) ? Promise.resolve() : Promise.reject(new Error('行政区划代码应为 6 位数字，例如 430400'))) }]}>
          <Input maxLength={6} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item label="热线名称" name="hotlineName" rules={[{ required: true, whitespace: true, message: '请填写热线名称' }, { max: 20 }]}>
          <Input style={{ width: 240 }} />
        </Form.Item>
        <Form.Item label="短信签名" name="smsSignature" extra="短信以【签名】开头，不含【】" rules={[{ required: true, whitespace: true, message: '请填写短信签名' }, { max: 20, message: '不超过 20 字' }]}>
          <Input style={{ width: 320 }} />
        </Form.Item>
        <Form.Item label="网站标题" name="siteTitle" rules={[{ required: true, whitespace: true, message: '请填写网站标题' }, { max: 60, message: '不超过 60 字' }]}>
          <Input />
        </Form.Item>
        <Form.Item label="标志图片（PNG 或 JPEG，不超过 200 KB）">
          <Space align="center" size={16}>
            {logoPreview ? <img src={logoPreview} alt="标志" style={{ height: 48, maxWidth: 160, border: '1px solid #e5e7eb', borderRadius: 4 }} /> : <Typography.Text type="secondary">未设置</Typography.Text>}
            <Upload accept="image/png,image/jpeg" showUploadList={false} beforeUpload={pickLogo}><Button>选择图片</Button></Upload>
            {(logoPreview || data?.hasLogo) && <Button danger onClick={() => setLogo(null)}>移除</Button>}
          </Space>
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>保存</Button>
          {data?.updatedAt && <Typography.Text type="secondary">上次修改：{fmtTime(data.updatedAt)}</Typography.Text>}
        </Space>
      </Form>
    </Card>
  );
}
