import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, InputNumber, Radio, Select, Space, Switch } from 'antd';
import { useNavigate } from 'react-router-dom';
import { errorText } from '../../api/client.js';
import { listDeputies, registerSuggestion, suggestionKeys } from '../../api/suggestions.js';
import { useApiMutation } from '../../api/query.js';

interface Values {
  kind: 'deputy' | 'cppcc'; term: number; sessionNo: number; number: number; title: string; category: string; body: string;
  deputyIds: number[]; otherNames?: string; isPublic: boolean;
}

const categories = ['城乡建设', '经济发展', '教育科技', '医疗卫生', '交通运输', '生态环境', '营商环境', '民生保障', '农业农村', '其他'];

/** 登记建议提案 (督查室): session, number, proposers (deputies with accounts, and others by name), title, text. */
export function RegisterPage() {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const deputies = useQuery({ queryKey: [...suggestionKeys, 'deputies'], queryFn: listDeputies });
  const save = useApiMutation((v: Values) => registerSuggestion({
    kind: v.kind, term: v.term, sessionNo: v.sessionNo, number: v.number, title: v.title, category: v.category, body: v.body, isPublic: v.isPublic,
    proposers: [
      ...(v.deputyIds ?? []).map((id) => ({ userId: id, name: (deputies.data?.items.find((d) => d.id === id)?.name ?? '').replace(/（.*?）$/, '') })),
      ...(v.otherNames ?? '').split(/[，,、\s]+/).filter(Boolean).map((name) => ({ name, userId: null })),
    ],
  }), [[...suggestionKeys]]);
  const onFinish = async (v: Values) => {
    if (!(v.deputyIds?.length) && !v.otherNames?.trim()) {
      message.error('请至少填写一位提出人');
      return;
    }
    try {
      const r = await save.mutateAsync(v);
      message.success(`已登记：${r.label}`);
      navigate(`/suggestions/${r.id}`);
    } catch (err) {
      message.error(errorText(err));
    }
  };
  return (
    <Card title="登记建议提案" style={{ maxWidth: 900 }}>
      <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ kind: 'deputy', term: 17, sessionNo: 5, isPublic: true, deputyIds: [] }}>
        <Form.Item name="kind" label="类别"><Radio.Group options={[{ value: 'deputy', label: '人大代表建议' }, { value: 'cppcc', label: '政协提案' }]} /></Form.Item>
        <Space size="large">
          <Form.Item name="term" label="届次" rules={[{ required: true }]}><InputNumber min={1} max={99} addonBefore="第" addonAfter="届" /></Form.Item>
          <Form.Item name="sessionNo" label="会次" rules={[{ required: true }]}><InputNumber min={1} max={99} addonBefore="第" addonAfter="次会议" /></Form.Item>
          <Form.Item name="number" label="编号" rules={[{ required: true, message: '请填写编号' }]}><InputNumber min={1} max={99999} addonBefore="第" addonAfter="号" data-testid="suggestion-number" /></Form.Item>
        </Space>
        <Form.Item name="title" label="标题" rules={[{ required: true, message: '请填写标题' }]}><Input maxLength={200} data-testid="suggestion-title" /></Form.Item>
        <Form.Item name="category" label="分类" rules={[{ required: true, message: '请选择分类' }]}>
          <Select options={categories.map((c) => ({ value: c, label: c }))} style={{ width: 200 }} data-testid="suggestion-category" />
        </Form.Item>
        <Form.Item name="deputyIds" label="提出人（代表委员账号，领衔在前）">
          <Select mode="multiple" loading={deputies.isLoading} options={(deputies.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))}
            optionFilterProp="label" data-testid="suggestion-proposers" placeholder="选择代表委员" />
        </Form.Item>
        <Form.Item name="otherNames" label="其他联名人（无账号，多人用顿号分隔）"><Input /></Form.Item>
        <Form.Item name="body" label="建议内容" rules={[{ required: true, message: '请填写建议内容' }]}><Input.TextArea rows={8} data-testid="suggestion-body" /></Form.Item>
        <Form.Item name="isPublic" label="答复公开" valuePropName="checked" extra="关闭后答复不在公开栏发布"><Switch /></Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="suggestion-save">登记</Button>
          <Button onClick={() => navigate('/suggestions')}>取消</Button>
        </Space>
      </Form>
    </Card>
  );
}
