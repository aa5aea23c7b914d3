import { describe, expect, it } from 'vitest';
import { idCheckChar, isValidIdCard18, isValidIdDate, luhnValid } from './checks.js';
import { detectPersonalData, enterpriseCore, maskName, maskPersonalData, maskPhone } from './mask.js';
import { placePrefixes } from '../settings/city.js';

// A small seeded generator so the property tests are reproducible.
function rng(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  const digits = (n: number) => Array.from({ length: n }, () => String(int(0, 9))).join('');
  return { next, int, pick, digits };
}
type Rng = ReturnType<typeof rng>;

const surnames = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁沈姚卢姜谭廖贺旷颜'];
const compound = ['欧阳', '司马', '诸葛', '上官'];
const given = [...'伟芳军勇敏静丽强磊洋艳杰娟涛明超霞平刚辉玲华红林波斌琴燕鹏峰浩婷雪慧俊彬亮宇欣怡凯建志国文春秋桂德永卫爱金清福祥振海新立光佳思嘉晓雨'];

function personName(r: Rng): string {
  const sur = r.next() < 0.1 ? r.pick(compound) : r.pick(surnames);
  return sur + r.pick(given) + (r.next() < 0.6 ? r.pick(given) : '');
}
function mobile(r: Rng): string {
  return r.pick(['130', '135', '138', '139', '150', '158', '177', '186', '189', '199']) + r.digits(8);
}
function id18(r: Rng): string {
  const first = r.pick(['430406', '430421', '110105', '440305', '510104']) + String(r.int(1950, 2005)) + String(r.int(1, 12)).padStart(2, '0') + String(r.int(1, 28)).padStart(2, '0') + r.digits(3);
  return first + idCheckChar(first);
}
function card(r: Rng): string {
  const prefix = r.pick(['6222', '6228', '6217', '6214', '4367']) + r.digits(r.pick([11, 12, 14]));
  for (let d = 0; d < 10; d++) if (luhnValid(prefix + d)) return prefix + d;
  throw new Error('unreachable');
}
function plate(r: Rng): string {
  const letters = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
  const chars = '0123456789' + letters;
  const body = r.next() < 0.3 ? r.pick(['D', 'F']) + r.digits(5) : Array.from({ length: 5 }, () => chars[r.int(0, chars.length - 1)]).join('');
  return r.pick(['湘', '粤', '京', '鄂', '赣']) + letters[r.int(0, letters.length - 1)] + body;
}
function landline(r: Rng): string {
  return r.pick(['0734-', '0734', '(0734)', '010-', '0731-']) + String(r.int(2, 8)) + r.digits(6);
}

describe('check digits', () => {
  it('ID cards: the GB 11643 example and a typo', () => {
    expect(isValidIdCard18('11010519491231002X')).toBe(true);
    expect(isValidIdCard18('110105194912310021')).toBe(false);
    expect(isValidIdDate('20240229')).toBe(true);
    expect(isValidIdDate('20230229')).toBe(false);
  });
  it('Luhn', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
  });
});

describe('maskName / maskPhone keep their contract', () => {
  it.each([['张三', '张*'], ['欧阳娜娜', '欧***'], ['李', '*'], [' 王小明 ', '王**']])('%s → %s', (a, b) => expect(maskName(a)).toBe(b));
  it.each([['13812345678', '138****5678'], ['0734-8123456', '073****3456'], ['123', '****']])('%s → %s', (a, b) => expect(maskPhone(a)).toBe(b));
});

describe('maskPersonalData on real-looking samples', () => {
  const cases: [string, string][] = [
    ['我叫张伟，电话13812345678。', '我叫张*，电话138****5678。'],
    ['联系人：王建国，联系电话：0734-8123456。', '联系人：王**，联系电话：0734-*****56。'],
    ['身份证号11010519491231002X，请核实。', '身份证号1101**********002X，请核实。'],
    ['老身份证430406850315123已过期', '老身份证4304********123已过期'],
    ['邮箱 wangjg@163.com 或 Li.Ming+gov@hy.gov.cn', '邮箱 w***@163.com 或 L***@hy.gov.cn'],
    ['我司货车湘DA1234在船山大道被罚', '我司货车湘D***34在船山大道被罚'],
    ['新能源车湘D12345D和粤B·D12345', '新能源车湘D****5D和粤B****45'],
    ['工资卡4111 1111 1111 1111，卡号4111111111111111', '工资卡4111 **** **** 1111，卡号4111********1111'],
    ['住衡阳市蒸湘区解放大道28号3栋2单元501室', '住衡阳市蒸湘区解放大道**号*栋*单元***室'],
    ['地址：雁峰区先锋路东段12-3号', '地址：雁峰区先锋路东段***号'],
    ['锦绣华庭3-2-501的业主', '锦绣华庭***的业主'],
    ['+86 138 1234 5678 或 86-13912345678', '+86 138****5678 或 +86 139****5678'],
    ['张伟先生和欧阳娜娜女士都反映', '张*先生和欧阳**女士都反映'],
    ['来电人刘洋称今年45岁', '来电人刘*称今年45岁'],
    ['申请人：李明华，身份证号码见附件', '申请人：李**，身份证号码见附件'],
    ['我的名字叫赵丽，是个体户', '我的名字叫赵*，是个体户'],
    ['请联系王局长或陈伟科长', '请联系王局长或陈*科长'],
    ['电话8123456找前台', '电话*****56找前台'],
    ['加微信号wxid_hy2026联系，或QQ：12345678', '加微信号wx*********联系，或QQ：12******'],
  ];
  it.each(cases)('%s', (input, expected) => expect(maskPersonalData(input)).toBe(expected));

  it('known names, phones, enterprise (full and short form) and manual redactions', () => {
    const hengyang = placePrefixes({ cityName: '衡阳市', divisionCode: '430400' });
    const text = '衡阳恒达机械制造有限公司的恒达机械制造车间，负责人谭晓东，手机 139 0734 0001，住红星村。';
    const out = maskPersonalData(text, { names: ['谭晓东'], phones: ['13907340001'], enterpriseName: '衡阳恒达机械制造有限公司', maskEnterprise: true, redactions: ['红星村'], placePrefixes: hengyang });
    expect(out).toBe('某企业的某企业车间，负责人谭**，手机 139****0001，住***。');
    expect(enterpriseCore('湖南衡阳恒达机械制造有限公司', hengyang)).toBe('恒达机械制造');
    // Another city's platform strips its own places, not Hengyang's.
    expect(enterpriseCore('示例恒达机械制造有限公司', placePrefixes({ cityName: '示例市', divisionCode: '430100' }))).toBe('恒达机械制造');
    // Without the submitter's request the enterprise stays.
    expect(maskPersonalData(text, { enterpriseName: '衡阳恒达机械制造有限公司' })).toContain('衡阳恒达机械制造有限公司');
  });

  it('spans point into the original text and name their kind', () => {
    const text = '我叫张伟，电话13812345678，邮箱a@b.cn';
    const spans = detectPersonalData(text);
    expect(spans.map((s) => [s.kind, text.slice(s.start, s.end)])).toEqual([['name', '张伟'], ['mobile', '13812345678'], ['email', 'a@b.cn']]);
  });
});

describe('ordinary text is not damaged', () => {
  const ordinary = [
    '2026年11月2日上午9:30，企业提交了材料，2026-11-02前办结。',
    '涉及金额12345678元，其中已付1,234,567.89元，占比37.5%。',
    '根据《优化营商环境条例》第十二条、第三十六条第二款和《行政许可法》第42条。',
    '衡政发〔2023〕5号文件、湘政办发〔2022〕18号和第12号令均有规定。',
    '诉求编号YW20261126-7K3QZP2M，请拨打12345热线或400-123-4567。',
    '统一社会信用代码91430400MA4L1234XY，注册资本500万元。',
    '厂房面积12000平方米，变压器容量1250千伏安，涉及300户居民。',
    '户型为三室两厅，2室1厅的房子，位于第3层。',
    '张先生反映，李女士称，王某某拖欠工资，经办人员张某未回复。',
    '全体同志，党委书记，市住建局局长，办公室主任，项目经理。',
    '发票号码00123456，合同编号HT-2026-0815，第2期工程款。',
    '我公司在蒸湘区解放大道旁的厂房扩建项目，施工许可证超过法定时限仍未办结。',
    '请于5个工作日内答复，逾期3天，已等待45天。',
    '京沪高铁、粤港澳大湾区、湘江北路、CHINA、GDP增长6.5%。',
  ];
  it.each(ordinary)('%s', (text) => expect(maskPersonalData(text)).toBe(text));
});

describe('properties over generated records', () => {
  const templates: ((p: Record<string, string>) => string)[] = [
    (p) => `我叫${p.name}，电话${p.mobile}，身份证${p.id}，住衡阳市蒸湘区解放大道${p.house}号${p.building}栋${p.room}室，2026年3月5日起诉求未解决。`,
    (p) => `联系人：${p.name}，联系电话：${p.landline}，邮箱${p.email}，货车${p.plate}在先锋路被罚款200元。`,
    (p) => `${p.name}先生反映工资卡${p.card}被冻结，手机${p.mobile}，依据《劳动合同法》第三十条。`,
    (p) => `投诉人${p.name}（${p.mobile}）称，车牌${p.plate}，银行卡${p.card}，身份证号码${p.id}。`,
  ];
  const r = rng(20261126);
  const records = Array.from({ length: 400 }, () => ({
    name: personName(r), mobile: mobile(r), id: id18(r), card: card(r), plate: plate(r), landline: landline(r),
    email: `${r.pick(['zhang', 'li.ming', 'hy_wang', 'qq'])}${r.digits(4)}@${r.pick(['163.com', 'qq.com', 'hy.gov.cn'])}`,
    house: String(r.int(1, 388)), building: String(r.int(1, 30)), room: String(r.int(101, 2806)),
  }));

  it('no generated personal item survives masking, with or without the name being known', () => {
    for (const [i, p] of records.entries()) {
      const text = templates[i % templates.length](p);
      for (const known of [{}, { names: [p.name] }]) {
        const out = maskPersonalData(text, known);
        const leaks = [p.name, p.mobile, p.id, p.card, p.plate, p.landline, p.email, `${p.house}号`, `${p.room}室`].filter((x) => text.includes(x) && out.includes(x));
        expect(leaks, `${text} → ${out}`).toEqual([]);
      }
    }
  });

  it('the non-personal words around them stay', () => {
    for (const [i, p] of records.entries()) {
      const out = maskPersonalData(templates[i % templates.length](p));
      for (const keep of ['解放大道', '2026年3月5日', '先锋路', '200元', '《劳动合同法》第三十条']) {
        if (templates[i % templates.length](p).includes(keep)) expect(out).toContain(keep);
      }
    }
  });

  it('masking is idempotent (the supervisor’s edited, already masked text is masked again on approval)', () => {
    for (const [i, p] of records.entries()) {
      const once = maskPersonalData(templates[i % templates.length](p), { names: [p.name] });
      expect(maskPersonalData(once, { names: [p.name] })).toBe(once);
    }
  });

  it('spans never overlap and the replacement always differs from the original', () => {
    for (const [i, p] of records.entries()) {
      const text = templates[i % templates.length](p);
      const spans = detectPersonalData(text, { names: [p.name] });
      for (let k = 1; k < spans.length; k++) expect(spans[k].start).toBeGreaterThanOrEqual(spans[k - 1].end);
      for (const s of spans) expect(s.replacement).not.toBe(text.slice(s.start, s.end));
    }
  });
});
