import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs as apiLogin } from '../test/kit/http.js';
import { orgIds, sampleCase } from '../test/kit/org.js';
import { launchBrowser, loginAs, pickOption, shot, textOf, webRuntime, type WebRuntime } from './kit.js';

// A reorganisation in the 组织机构 screen: 市工商业联合会 merges into 市工业和信息化局 while both hold open cases. The
// successor's page lists the moved cases, a moved case's timeline carries the merge, and the month's scorecard shows
// the successor as one line with its history (the merged unit's facts counted in it, no line of its own).

let rt: WebRuntime;
let browser: Browser;
let admin: Page;
const from = '市工商业联合会';
const to = '市工业和信息化局';
const moved: { id: number; code: string }[] = [];

beforeAll(async () => {
  rt = await webRuntime();
  browser = await launchBrowser();
  // The open cases are the journey's starting point, registered through the API: registering at the desk is what the
  // city-setup journey walks through; here it would only add minutes.
  const intake = await apiLogin(rt.app, 'intake');
  const ids = await orgIds(intake);
  for (const lead of [ids.dept('gsl'), ids.dept('gsl'), ids.dept('gxj')]) {
    const r = await intake.post('/api/cases', { ...sampleCase(ids.category('approval.construction_permit')), dispatch: { leadDepartmentId: lead, coDepartmentIds: [] } });
    if (r.status !== 201) throw new Error(JSON.stringify(r.body));
    if (lead === ids.dept('gsl')) moved.push({ id: r.body.id, code: (await intake.get(`/api/cases/${r.body.id}`)).body.code });
  }
  admin = await loginAs(browser, rt.baseUrl, 'admin');
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await rt?.close();
});

async function openUnit(name: string) {
  await admin.getByPlaceholder('搜索单位名称或编码').fill(name);
  await admin.locator('.ant-tree-node-content-wrapper', { hasText: name }).first().click();
  await textOf(admin.locator('.ant-card-head-title').nth(1), name);
}

describe('merging two units in the organisation screen', () => {
  it('moves the open cases to the successor, with the merge in each case and one scorecard line', async () => {
    await admin.goto(`${rt.baseUrl}/admin/org`);
    await openUnit(from);
    await admin.getByRole('button', { name: '合并到…' }).click();
    const dialog = admin.getByRole('dialog');
    await textOf(dialog, '在办诉求（2 件）');
    await pickOption(dialog, '合并到', to);
    await shot(admin, 'unit-merge-dialog');
    await dialog.getByRole('button', { name: '确定合并' }).click();
    await textOf(admin.locator('.ant-message'), '已合并：转出在办诉求 2 件');

    // The successor's page lists the moved cases beside its own.
    await openUnit(to);
    const open = admin.getByTestId('unit-open-cases');
    for (const c of moved) await textOf(open, c.code);
    expect(await textOf(admin.locator('.ant-timeline'), '合并接收')).toContain(from);
    await shot(admin, 'unit-merge-successor');

    // A moved case's timeline says so.
    await open.getByRole('link', { name: moved[0].code }).click();
    await admin.getByTestId('case-header').waitFor();
    expect(await textOf(admin.getByTestId('assignments'), to)).toContain('主办');
    await textOf(admin.locator('body'), '单位合并，转由新单位承办');
    await shot(admin, 'unit-merge-case');

    // The month's scorecard: one line for the successor with its history, none for the merged unit.
    const supervisor = await loginAs(browser, rt.baseUrl, 'supervisor');
    await supervisor.goto(`${rt.baseUrl}/assessment`);
    const month = await supervisor.evaluate(() => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date()));
    await supervisor.getByLabel('考核期').fill(month);
    await supervisor.getByTestId('run-period').click();
    const card = supervisor.getByTestId('scorecard-page');
    await textOf(card, `${month} 考核计分卡`);
    const line = await textOf(card, new RegExp(`${to}（含原${from}，\\d{4}-\\d{2}-\\d{2} 并入）`));
    expect(line.split(from).length - 1).toBe(1);
    await shot(supervisor, 'unit-merge-scorecard');
  });
});
