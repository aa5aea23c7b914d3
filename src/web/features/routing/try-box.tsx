import { Alert, App, Button, Card, Cascader, Col, Form, Input, Row, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import type { RoutingResult } from '../../../contracts/routing.js';
import { errorText } from '../../api/client.js';
import { useOrg } from '../../app/org-context.js';
import { tryRouting } from './api.js';
import { pct } from './labels.js';
import { SuggestionList } from './suggestion-list.js';

interface Values { title?: string; text?: string; category?: number[]; districtId?: number; address?: string; enterpriseName?: string }

/** 试一试: which rule fires for a text, or what the model says (top three, confidences, words). */
export function TryBox() {
  const { message } = App.useApp();
  const org = useOrg();
  const [form] = Form.useForm<Values>();
  const [result, setResult] = useState<RoutingResult | null>(null);
  const [busy, setBusy] = useState(false);
  const areaOptions = org.departments.filter((d) => d.kind === 'district' || d.kind === 'park' || d.kind === 'town').map((d) => ({ value: d.id, label: d.name }));

  const run = async () => {
    const v = form.getFieldsValue();
    setBusy(true);
    try {
      setResult(await tryRouting({
        title: v.title ?? '', text: v.text ?? '', categoryId: v.category?.[v.category.length - 1], districtId: v.districtId,
        address: v.address || undefined, enterpriseName: v.enterpriseName || undefined,
      }));
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title="试一试">
      <Row gutter={24}>
        <Col xs={24} lg={12}>
          <Form form={form} layout="vertical" onFinish={() => void run()}>
            <Form.Item name="title" label="标题"><Input maxLength={200} placeholder="如：餐馆燃气报装一个月没装" /></Form.Item>
            <Form.Item name="text" label="诉求内容"><Input.TextArea rows={5} maxLength={5000} placeholder="粘贴一段诉求内容" /></Form.Item>
            <Row gutter={12}>
              <Col span={12}><Form.Item name="category" label="问题类别"><Cascader options={org.categoryOptions} placeholder="不限" /></Form.Item></Col>
              <Col span={12}><Form.Item name="districtId" label="所属区域"><Select allowClear showSearch options={areaOptions} optionFilterProp="label" placeholder="不限" /></Form.Item></Col>
            </Row>
            <Row gutter={12}>
              <Col span={12}><Form.Item name="address" label="地址"><Input maxLength={200} /></Form.Item></Col>
              <Col span={12}><Form.Item name="enterpriseName" label="企业名称"><Input maxLength={200} /></Form.Item></Col>
            </Row>
            <Button type="primary" htmlType="submit" loading={busy}>试一试</Button>
          </Form>
        </Col>
        <Col xs={24} lg={12}>
          {result ? (
            <Space orientation="vertical" style={{ width: '100%' }}>
              {result.source === 'rule' && result.rule && (
                <Alert type="success" showIcon title={`命中规则「${result.rule.name}」(v${result.rule.version})`} description={`派往 ${org.deptName(result.rule.leadDepartmentId)}${result.rule.coDepartmentIds.length ? `，协办 ${result.rule.coDepartmentIds.map((id) => org.deptName(id)).join('、')}` : ''}`} />
              )}
              {result.source === 'model' && <Alert type="info" showIcon title={`没有规则命中；模型 v${result.modelVersion} 的判断`} />}
              {result.source === 'none' && <Alert type="warning" showIcon title="没有规则命中，也没有可用的模型（或文本中没有可识别的词）" />}
              <Alert
                type={result.wouldDispatch ? 'success' : 'warning'}
                title={result.wouldDispatch
                  ? '网站或 Open311 提交这段文字时，将立即自动派单'
                  : result.autoDispatch
                    ? `将留在受理台待人工派单（自动派单需置信度 ≥ ${pct(result.threshold, 0)}）`
                    : '自动派单已关闭：将留在受理台待人工派单'}
              />
              <SuggestionList items={result.suggestions} />
            </Space>
          ) : (
            <Typography.Text type="secondary">输入一段诉求文字，查看哪条规则命中，或模型推荐的三个单位、置信度和依据的词语。</Typography.Text>
          )}
        </Col>
      </Row>
    </Card>
  );
}
