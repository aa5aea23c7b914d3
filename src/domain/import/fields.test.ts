import { describe, expect, it } from 'vitest';
import { combineHeaderRows, locateHeader, recogniseHeaders } from './fields.js';

describe('recogniseHeaders', () => {
  it('reads Chinese 12345 headers, including noted and longer variants', () => {
    const map = recogniseHeaders(['序号', '工单编号', '留言主题', '留言详情', '留言时间（北京时间）', '承办单位', '办理状态', '答复意见', '答复时间', '满意度', '办结时间', '联系电话', '诉求人', '所属区县', '诉求类别']);
    expect(map).toEqual({
      externalId: 1, title: 2, description: 3, createdAt: 4, departmentName: 5, status: 6, reply: 7, repliedAt: 8, rating: 9,
      closedAt: 10, phone: 11, submitterName: 12, districtText: 13, categoryText: 14,
    });
  });

  it('reads NYC 311 headers', () => {
    const map = recogniseHeaders(['Unique Key', 'Created Date', 'Closed Date', 'Agency', 'Agency Name', 'Complaint Type', 'Descriptor', 'Status', 'Resolution Description', 'Borough', 'Incident Address']);
    expect(map).toEqual({ externalId: 0, createdAt: 1, closedAt: 2, departmentName: 3, categoryText: 5, description: 6, status: 7, reply: 8, districtText: 9, address: 10 });
  });

  it('lets overrides pick or ignore columns', () => {
    const map = recogniseHeaders(['标题', '备注', '时间'], { columns: { description: '备注', title: null } });
    expect(map).toEqual({ description: 1, createdAt: 2 });
  });
});

describe('merged header cells', () => {
  it('joins a group label merged across columns with the labels below it', () => {
    expect(combineHeaderRows(['序号', '标题', '时间', '', '办理情况', '', ''], ['', '', '受理', '办结', '承办单位', '答复意见', '办结时间']))
      .toEqual(['序号', '标题', '受理时间', '办结时间', '承办单位', '答复意见', '办结时间']);
  });

  it('finds the header below a title row and joins two header rows', () => {
    const rows = [
      ['衡阳市12345热线工单导出', '', '', ''],
      ['标题', '留言时间', '办理情况', ''],
      ['', '', '承办单位', '答复意见'],
      ['路灯不亮', '2024-03-05', '市住建局', '已修复'],
    ];
    expect(locateHeader(rows)).toEqual({ headers: ['标题', '留言时间', '承办单位', '答复意见'], dataStart: 3 });
  });
});
