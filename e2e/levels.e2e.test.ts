import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgIds, sampleCase } from '../test/kit/org.js';
import { loginAs as apiLogin } from '../test/kit/http.js';
import { launchBrowser, loginAs, openCase, pickOption, runAction, shot, statusOf, textOf, webRuntime, type WebRuntime } from './kit.js';

// 二级派单 and 吹哨报到 in the browser: the city dispatches to 珠晖区 with a co-handler; the district calls in
// 市场监管局 and dispatches on to a street; the street reports; every co-handler's opinion and the street's report
// stand beside the district's reply draft, and one reply goes back to the city.
describe('levels and joint handling through the web client', () => {
  let rt: WebRuntime;
  let browser: Browser;
  const pages: Record<string, Page> = {};
  let caseId = 0;

  beforeAll(async () => {
    rt = await webRuntime();
    browser = await launchBrowser();
    const intake = await apiLogin(rt.app, 'intake');
    const ids = await orgIds(intake);
    const created = await intake.post('/api/cases', {
      ...sampleCase(ids.category('approval.construction_permit'), { title: '茶山坳镇厂房施工许可迟迟未办' }),
      dispatch: { leadDepartmentId: ids.dept('zhq'), coDepartmentIds: [ids.dept('zjj')] },
    });
    caseId = created.body.id;
  });
  afterAll(async () => {
    await browser?.close();
    await rt?.close();
  });

  const caseFor = async (username: string) => {
    const page = (pages[username] ??= await loginAs(browser, rt.baseUrl, username));
    await openCase(page, rt.baseUrl, caseId);
    return page;
  };

  it('the district signs, calls in 市场监管局 and dispatches on to a street', async () => {
    const page = await caseFor('zhq-handler');
    await runAction(page, 'sign');
    expect(await textOf(statusOf(page), '办理中')).toBe('办理中');

    await runAction(page, 'call-in', async (dialog) => {
      await pickOption(dialog, '报到单位', '市市场监督管理局');
      await dialog.getByLabel('吹哨事由').fill('厂房内存在无证经营，需要市场监管部门联合检查');
    });
    await textOf(page.getByTestId('assignments'), '市市场监督管理局');

    await runAction(page, 'sub-dispatch', async (dialog) => {
      await pickOption(dialog, '承办下级单位', '茶山坳镇');
    });
    const assignments = page.getByTestId('assignments');
    expect(await textOf(assignments, '茶山坳镇')).toContain('下派');
    // The district cannot reply while its street and the co-handlers are still working.
    expect(await page.getByTestId('action-reply').count()).toBe(0);
    await shot(page, 'levels-district');
  });

  it('the street signs and reports; the co-handlers give their opinions', async () => {
    let page = await caseFor('zhq-csa-handler');
    await runAction(page, 'sign');
    await runAction(page, 'sub-reply', async (dialog) => {
      await dialog.getByLabel('办理结果').fill('镇政府已现场核查，企业补齐了消防验收材料');
    });
    await textOf(page.getByTestId('assignments'), '镇政府已现场核查');

    for (const [user, opinion] of [['scjg-handler', '已联合检查，责令停止无证经营'], ['zjj-handler', '施工许可材料已齐全，可当日办结']] as const) {
      page = await caseFor(user);
      await runAction(page, 'sign');
      await runAction(page, 'opinion', async (dialog) => {
        await dialog.getByLabel('协办意见').fill(opinion);
      });
    }
  });

  it('the district sees every opinion and the street report beside its draft and sends one reply', async () => {
    const page = await caseFor('zhq-handler');
    await page.getByTestId('action-reply').click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const notes = dialog.getByTestId('reply-opinions');
    expect(await textOf(notes, '已联合检查')).toContain('施工许可材料已齐全');
    expect(await textOf(notes, '茶山坳镇上报结果')).toContain('镇政府已现场核查');
    await dialog.getByLabel('答复内容').fill('经区政府会同市市场监管局、市住建局及茶山坳镇联合办理，施工许可已办结。');
    await dialog.getByTestId('command-ok').click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await textOf(statusOf(page), '已答复待审核')).toBe('已答复待审核');
    const timeline = page.getByTestId('timeline');
    for (const label of ['吹哨报到', '下派（二级派单）', '上报办理结果', '提交协办意见']) await textOf(timeline, label);
    await shot(page, 'levels-replied');
  });
});
