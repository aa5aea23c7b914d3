import { seededRandom } from '../../src/domain/routing/model.js';
import { departmentTopics, type DepartmentTopics } from './routing-departments.js';

// A labelled corpus of business-environment messages for the router: per department, messages composed from that
// department's nouns and sentences plus shared frames, with varied lead-ins and closings, colloquial fillers,
// dropped punctuation, typos, a second topic from another department in some messages, and some deliberately
// vague ones. Family 'A' and family 'B' use disjoint halves of the sentence lists (sentences, frames, lead-ins, closings),
// so a model trained on A and tested on B never sees a test sentence verbatim. Nouns (the department's vocabulary:
// 施工许可证, 留抵退税…) are shared, as they are in real life.

export type Family = 'A' | 'B';

export interface CorpusMessage {
  title: string;
  body: string;
  /** Department code of the department that handled it. */
  department: string;
  /** How it was made, for error analysis. */
  kind: 'plain' | 'mixed' | 'vague' | 'noisy';
}

const places = ['珠晖区', '雁峰区', '石鼓区', '蒸湘区', '南岳区', '衡阳县', '衡南县', '衡山县', '衡东县', '祁东县', '耒阳市', '常宁市',
  '衡阳高新区', '白沙洲工业园', '松木经开区', '华新开发区', '解放路', '船山大道', '蒸湘北路', '先锋路', '东风路', '衡州大道', '立新大道', '红湘路'];
const enterprises = ['衡阳市恒达机械有限公司', '湖南衡兴建设工程有限公司', '衡阳佳和食品有限公司', '湘南物流有限公司', '衡阳市华泰电子科技有限公司',
  '衡阳众诚医药有限公司', '雁城商贸有限公司', '衡阳新材料股份有限公司', '衡阳同创纺织有限公司', '湖南南岳文旅发展有限公司'];

const leadIns = [
  '', '您好，', '领导好！', '我是{ent}的负责人，', '市民反映：', '企业留言：', '我是一名个体户，', '我们是{place}的一家小微企业，',
  '有个事情想反映一下，', '来电人称：', '尊敬的领导：', '本人在{place}工作，', '投诉：', '咨询一下，',
];
const closings = [
  '', '希望尽快解决。', '请有关部门重视。', '谢谢！', '盼复。', '麻烦给个说法。', '已经反映过好几次了。', '希望给企业一个明确答复。',
  '恳请领导过问。', '等待回复。', '请帮帮我们。', '不然只能去省里反映了。',
];
const fillers = ['说实话', '真的', '现在', '反正', '其实', '一直', '就是', '这个'];
// Frames that carry a department only through the noun.
const frames = [
  '{x}的事情拖了{days}天还没有结果。', '关于{x}，窗口和电话里的说法前后不一致。', '{x}这块到底归哪个部门管？', '我们为{x}的事跑了{n}趟。',
  '{x}方面的政策在网上找不到。', '{x}的进度能不能查询？', '为了{x}已经耽误了{n}个月。', '请问{x}怎么办理？',
  '{x}存在明显的不合理。', '今年{x}的情况比去年更差。',
];
const vagueBodies = [
  '办事太难了，到处踢皮球，没有一个部门愿意管。', '企业经营困难，希望政府给予支持。', '之前反映的事情一直没人联系我。',
  '有些工作人员不作为，事情一拖再拖。', '想了解一下最近有什么扶持政策。', '投诉某单位办事效率低下。',
];
const similarChars: Record<string, string> = { 证: '正', 请: '清', 办: '半', 理: '里', 费: '废', 款: '歀', 报: '抱', 工: '公', 电: '点', 税: '说' };

function half<T>(list: readonly T[], family: Family): T[] {
  return list.filter((_, i) => (i % 2 === 0) === (family === 'A'));
}

export interface CorpusOptions {
  family: Family;
  seed?: number;
  /** Share of messages with a second department's topic added (default 0.2). */
  mixedShare?: number;
  /** Share of vague messages whose only department signal is one noun (default 0.08). */
  vagueShare?: number;
  /** Share with typos and dropped punctuation (default 0.15). */
  noisyShare?: number;
  /** Departments to draw from (codes); default all. Skewed: earlier departments are more frequent, like real volumes. */
  departments?: string[];
}

export function generateCorpus(count: number, opts: CorpusOptions): CorpusMessage[] {
  const rand = seededRandom(opts.seed ?? (opts.family === 'A' ? 11 : 23));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
  const int = (a: number, b: number) => a + Math.floor(rand() * (b - a + 1));
  const topics = (opts.departments ? departmentTopics.filter((d) => opts.departments!.includes(d.code)) : departmentTopics)
    .map((d) => ({ code: d.code, nouns: d.nouns, sentences: half(d.sentences, opts.family) }));
  const myLeadIns = half(leadIns, opts.family);
  const myClosings = half(closings, opts.family);
  const myFrames = half(frames, opts.family);
  // Zipf-like volumes: the busiest department gets ~6x the quietest.
  const weights = topics.map((_, i) => 1 / Math.sqrt(1 + i * 0.8));
  const total = weights.reduce((a, b) => a + b, 0);
  const drawTopic = (): DepartmentTopics => {
    let r = rand() * total;
    for (let i = 0; i < topics.length; i++) if ((r -= weights[i]) <= 0) return topics[i];
    return topics[topics.length - 1];
  };
  const fill = (s: string, t: DepartmentTopics) => s
    .replaceAll('{x}', () => pick(t.nouns)).replaceAll('{place}', () => pick(places)).replaceAll('{ent}', () => pick(enterprises))
    .replaceAll('{n}', () => String(int(2, 9))).replaceAll('{days}', () => String(int(5, 90))).replaceAll('{month}', () => String(int(1, 12)))
    .replaceAll('{amount}', () => String(int(2, 300) * 1000));
  const out: CorpusMessage[] = [];
  for (let i = 0; i < count; i++) {
    const t = drawTopic();
    const r = rand();
    const mixedShare = opts.mixedShare ?? 0.2;
    const vagueShare = opts.vagueShare ?? 0.08;
    const noisyShare = opts.noisyShare ?? 0.15;
    let kind: CorpusMessage['kind'] = 'plain';
    const parts: string[] = [fill(pick(myLeadIns), t)];
    let title: string;
    if (r < vagueShare) {
      kind = 'vague';
      parts.push(pick(vagueBodies), fill(pick(myFrames), t));
      title = pick(['反映问题', '求助', '投诉', '咨询', '建议', '']);
    } else {
      parts.push(fill(pick(t.sentences), t));
      if (rand() < 0.5) parts.push(fill(pick(myFrames), t));
      if (rand() < 0.3) parts.push(fill(pick(t.sentences), t));
      if (r < vagueShare + mixedShare) {
        kind = 'mixed';
        const other = topics[Math.floor(rand() * topics.length)];
        if (other.code !== t.code) parts.push(`另外，${fill(pick(other.sentences), other)}`);
      }
      title = fill(pick(['{x}问题', '关于{x}的投诉', '{x}办理慢', '咨询{x}', '{place}{x}', '反映{x}', '{x}求助', '{x}']), t);
    }
    parts.push(pick(myClosings));
    let body = parts.join('');
    if (rand() < 0.25) body = body.replace('，', `，${pick(fillers)}`);
    if (rand() < noisyShare) {
      kind = kind === 'plain' ? 'noisy' : kind;
      body = body.replace(/[，。！？]/g, () => (rand() < 0.6 ? ' ' : ''));
      body = [...body].map((ch) => (similarChars[ch] && rand() < 0.3 ? similarChars[ch] : ch)).join('');
    }
    out.push({ title: title.slice(0, 60), body, department: t.code, kind });
  }
  return out;
}

export const corpusDepartments = departmentTopics.map((d) => d.code);
