import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loginAs, openCase, pickOption, runAction, shot, statusOf, textOf, webRuntime, type WebRuntime } from './kit.js';

// One case from the hotline to 已办结, every step through the browser: intake, a return and
// re-dispatch, joint handling with a co-handler, an unsatisfied rating with redo, and a second round.
describe('case journey through the web client', () => {
  let rt: WebRuntime;
  let browser: Browser;
  const pages: Record<string, Page> = {};
  let caseId = 0;
  let code = '';
  const title = '老厂房不动产权证办理遗留问题';

  beforeAll(async () => {
    rt = await webRuntime();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await rt?.close();
  });

  const as = async (username: string) => (pages[username] ??= await loginAs(browser, rt.baseUrl, username));
  const caseFor = async (username: string) => {
    const page = await as(username);
    await openCase(page, rt.baseUrl, caseId);
    return page;
  };

  it('a wrong password is refused with a Chinese message', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    await page.goto(`${rt.baseUrl}/cases`);
    await page.getByLabel('用户名').fill('intake2');
    await page.getByLabel('密码').fill('wrong-password');
    await page.getByRole('button', { name: '登录' }).click();
    expect(await textOf(page.getByTestId('login-error'), '用户名或密码错误')).toBe('用户名或密码错误');
    await context.close();
  });

  it('intake registers a phone case and dispatches it with one key', async () => {
    const page = await as('intake');
    await page.getByTestId('workbench-intake').waitFor();
    expect(await textOf(page.getByTestId('current-user'), '市12345政务服务便民热线中心')).toContain('受理员');
    await shot(page, 'workbench-intake');

    const form = page.getByTestId('intake-form');
    await form.getByLabel('诉求人姓名').fill('刘建华');
    await form.getByLabel('联系电话').fill('13907341234');
    const category = form.getByLabel('问题类别', { exact: true });
    await category.click();
    await category.fill('历史遗留');
    await page.getByRole('menuitemcheckbox', { name: /历史遗留/ }).or(page.locator('.ant-cascader-menu-item', { hasText: '历史遗留' })).first().click();
    expect(await textOf(form.getByTestId('lead-suggestion'), '市自然资源和规划局')).toContain('建议主办单位');
    await pickOption(form, '所属区县', '蒸湘区');
    await form.getByLabel('企业名称').fill('衡阳市华联机械制造有限公司');
    await form.getByLabel('诉求标题').fill(title);
    await form.getByLabel('诉求内容').fill('我公司2008年购入的老厂房因历史原因一直未能办理不动产权证，影响企业融资贷款，请求协调解决。');
    await form.getByText('紧急', { exact: true }).click();
    await pickOption(form, '协办单位', '市行政审批服务局');
    await form.getByRole('button', { name: '登记并派单' }).click();

    const created = form.getByTestId('last-created-link');
    code = (await textOf(created, /^YW/)).trim();
    caseId = Number((await created.getAttribute('href'))!.split('/').pop());
    expect(caseId).toBeGreaterThan(0);
    await textOf(page.locator('.ant-message'), `已登记并派单：${code}`);

    await created.click();
    expect(await textOf(statusOf(page), '已派单待签收')).toBe('已派单待签收');
    expect(await textOf(page.getByTestId('case-title'), title)).toBe(title);
    const assignments = page.getByTestId('assignments');
    await textOf(assignments, '市自然资源和规划局');
    expect(await textOf(assignments, '市行政审批服务局')).toContain('协办');
    expect(await textOf(page.getByTestId('case-header'), '衡阳市华联机械制造有限公司')).toContain('刘建华');
    expect(await page.getByTestId('deadline-text').textContent()).toMatch(/剩余 \d+ 个工作日|今日到期/);
  });

  it('the lead signs and asks to return the case, with reason and basis', async () => {
    const page = await as('zrj-handler');
    await page.getByTestId('workbench-department').waitFor();
    await textOf(page.getByTestId('case-table'), code);
    expect(await textOf(page.getByTestId('count-to_sign'), /\d/)).toBe('1');
    await shot(page, 'workbench-department-zrj');
    await page.getByTestId('case-table').getByRole('link', { name: code }).click();
    await runAction(page, 'sign');
    expect(await textOf(statusOf(page), '办理中')).toBe('办理中');
    await runAction(page, 'request-return', async (d) => {
      await d.getByLabel('退单理由').fill('该厂房历史遗留问题涉及施工许可和竣工验收，不属于本局职责。');
      await d.getByLabel('法律或职责依据').fill('《衡阳市自然资源和规划局职能配置、内设机构和人员编制规定》第三条');
    });
    const request = page.getByTestId('return-request');
    expect(await textOf(request, '不属于本局职责')).toContain('职能配置');
    await textOf(page.getByTestId('timeline'), '申请退单');
  });

  it('the supervisor approves the return and re-dispatches to 市住房和城乡建设局', async () => {
    const page = await as('supervisor');
    await page.getByTestId('workbench-supervisor').waitFor();
    await page.getByRole('tab', { name: /退单申请/ }).click();
    await textOf(page.getByTestId('case-table'), code);
    await shot(page, 'workbench-supervisor-returns');
    await page.getByTestId('case-table').getByRole('link', { name: code }).click();
    await runAction(page, 'approve-return', async (d) => {
      await textOf(d, '不属于本局职责');
      await pickOption(d, '改派主办单位', '市住房和城乡建设局');
      await shot(page, 'modal-approve-return');
    });
    await textOf(page.locator('.ant-message'), '已同意退单');
    expect(await textOf(page.getByTestId('case-header'), '主办单位市住房和城乡建设局')).toContain('市住房和城乡建设局');
    expect(await textOf(page.getByTestId('timeline'), '改派主办单位：市住房和城乡建设局')).toContain('同意退单');
  });

  const signAndOpinion = async (opinion: string) => {
    const lead = await caseFor('zjj-handler');
    await runAction(lead, 'sign');
    expect(await textOf(statusOf(lead), '办理中')).toBe('办理中');
    const co = await caseFor('xzsp-handler');
    await runAction(co, 'sign');
    await runAction(co, 'opinion', async (d) => { await d.getByLabel('协办意见').fill(opinion); });
    await textOf(co.locator('.ant-message'), '协办意见已提交');
    expect(await textOf(co.getByTestId('assignments'), opinion)).toContain('协办意见');
  };

  const replyAndApprove = async (reply: string) => {
    const lead = await caseFor('zjj-handler');
    await runAction(lead, 'reply', async (d) => { await d.getByLabel('答复内容').fill(reply); });
    expect(await textOf(statusOf(lead), '已答复待审核')).toBe('已答复待审核');
    const sup = await as('supervisor');
    await sup.goto(`${rt.baseUrl}/`);
    await sup.getByRole('tab', { name: /待审核答复/ }).click();
    await textOf(sup.getByTestId('case-table'), code);
    await sup.getByTestId('case-table').getByRole('link', { name: code }).click();
    await runAction(sup, 'approve-reply');
    expect(await textOf(statusOf(sup), '待评价')).toBe('待评价');
    expect(await textOf(sup.getByTestId('reply-text'), reply)).toBe(reply);
  };

  it('the new lead signs, the co-handler signs and gives an opinion, the lead replies, the supervisor approves', async () => {
    const lead = await as('zjj-handler');
    await lead.getByTestId('workbench-department').waitFor();
    await textOf(lead.getByTestId('case-table'), code);
    await shot(lead, 'workbench-department-zjj');
    await signAndOpinion('经核查，该厂房未办理施工许可手续，本局可配合开展补办审批。');
    await replyAndApprove('经市住建局会同市行政审批服务局核查，该厂房可按历史遗留问题程序补办手续，已安排专人对接企业。');
  });

  it('intake records an unsatisfied follow-up asking for redo; the supervisor confirms the redo', async () => {
    const page = await caseFor('intake');
    await runAction(page, 'rate', async (d) => {
      await d.getByText('不满意', { exact: true }).click();
      await d.getByLabel('评价说明').fill('企业反映至今无人上门对接，问题未实际解决。');
      await d.getByRole('checkbox', { name: '诉求人要求重办' }).check();
    });
    expect(await textOf(page.getByTestId('rating-tag'), '不满意')).toBe('不满意');
    await textOf(page.getByTestId('reply-rating'), '要求重办');

    const sup = await caseFor('supervisor');
    await runAction(sup, 'redo', async (d) => { await d.getByLabel('重办要求').fill('请主办单位一周内上门对接企业，协办单位同步出具补办审批意见。'); });
    expect(await textOf(statusOf(sup), '已派单待签收')).toBe('已派单待签收');
    expect(await textOf(sup.getByTestId('case-header'), '第 2 轮办理')).toContain('第 2 轮办理');
  });

  it('second round: sign, opinion, reply, approve; intake rates 满意 and the case is 已办结', async () => {
    await signAndOpinion('已出具补办施工许可的审批意见，材料齐全后即时办结。');
    await replyAndApprove('市住建局已于本周上门对接企业，补办施工许可材料已受理，预计十个工作日内办结不动产权证。');
    const page = await caseFor('intake');
    await runAction(page, 'rate', async (d) => { await d.getByText('满意', { exact: true }).click(); });
    expect(await textOf(statusOf(page), '已办结')).toBe('已办结');
    expect(await textOf(page.getByTestId('rating-tag'), '满意')).toBe('满意');
    expect(await page.getByTestId('case-actions').textContent()).toContain('当前没有需要您办理的操作');
    await shot(page, 'case-closed');

    const labels = await page.getByTestId('timeline-item').locator('strong').allTextContents();
    expect(labels).toEqual([
      '登记诉求', '受理', '派单', '签收', '申请退单', '同意退单', '签收', '签收', '提交协办意见', '答复', '答复审核通过',
      '回访评价', '重办', '签收', '签收', '提交协办意见', '答复', '答复审核通过', '回访评价', '办结',
    ]);
    const timeline = page.getByTestId('timeline');
    expect(await timeline.textContent()).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(await timeline.textContent()).toContain('市住房和城乡建设局');
    expect(await timeline.textContent()).toContain('评价结果：不满意');
  });

  it('the leader and the admin see the closed case in their overview', async () => {
    const leader = await as('leader');
    await leader.getByTestId('workbench-leader').waitFor();
    await textOf(leader.getByTestId('case-table'), code);
    expect(await textOf(leader.getByTestId('case-table'), '已办结')).toContain(title);
    await shot(leader, 'workbench-leader');
    await leader.getByRole('menuitem', { name: '全部诉求' }).click();
    await leader.getByLabel('搜索诉求').fill(code);
    await leader.getByLabel('搜索诉求').press('Enter');
    await textOf(leader.getByTestId('case-table'), '已显示全部 1 条');
    await shot(leader, 'case-list');

    const admin = await as('admin');
    await admin.getByTestId('workbench-leader').waitFor();
    expect(await textOf(admin.getByTestId('tile-closed'), '1')).toContain('已办结');
    await admin.getByTestId('case-table').getByRole('link', { name: code }).click();
    expect(await textOf(statusOf(admin), '已办结')).toBe('已办结');
    expect(await admin.getByTestId('case-actions').textContent()).toContain('当前没有需要您办理的操作');
  });
});
