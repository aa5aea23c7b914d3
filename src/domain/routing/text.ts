// Text normalisation and the word lists the tokenizer and the rules share. Pure.

/** Full-width ASCII to half-width, lower case, no whitespace: what rules and features compare. */
export function normalizeText(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    if (c === 0x3000) continue;
    out += c >= 0xff01 && c <= 0xff5e ? String.fromCharCode(c - 0xfee0) : ch;
  }
  return out.toLowerCase().replace(/\s+/g, '');
}

/**
 * Words jieba should keep whole: department short names and business-environment terms. Local place names
 * (districts, towns, parks) and full department names come from the organisation tree at run time.
 */
export const businessTerms: readonly string[] = [
  // Department short names as people write them.
  '营商办', '督查室', '发改委', '工信局', '科技局', '财政局', '人社局', '人社', '自规局', '自然资源局', '不动产登记中心', '不动产',
  '生态环境局', '环保局', '住建局', '住建', '交通局', '交通运输局', '水利局', '农业农村局', '商务局', '市监局', '市场监管局', '市场监管',
  '行政审批局', '审批局', '政务服务中心', '公共资源交易中心', '税务局', '电子税务局', '公安局', '交警', '交警支队', '城管局', '城管',
  '综合执法局', '医保局', '应急管理局', '应急局', '司法局', '民政局', '金融办', '金融局', '国资委', '卫健委', '文旅局', '文旅广体局',
  '人民银行', '人行', '海关', '消防救援支队', '消防', '工商联', '供电公司', '国网', '水务集团', '自来水公司', '燃气公司', '华润燃气',
  '12345', '12345热线', '湘易办',
  // Business-environment terms.
  '营商环境', '施工许可', '施工许可证', '施工图审查', '图审', '竣工验收', '联合验收', '规划许可', '规划核实', '用地预审', '选址意见书',
  '不动产权证', '房产证', '产权证', '抵押登记', '转移登记', '营业执照', '经营范围', '简易注销', '企业开办', '刻章', '发票申领', '增值税',
  '留抵退税', '减税降费', '出口退税', '社保', '医保', '养老保险', '失业保险', '工伤认定', '公积金', '拖欠工资', '欠薪', '农民工工资',
  '工资保证金', '劳动仲裁', '劳动合同', '用电报装', '用水报装', '燃气报装', '用气报装', '变压器', '停电', '限电', '水压', '涉企收费',
  '乱收费', '乱罚款', '中介服务', '评估费', '保证金', '质保金', '投标保证金', '履约保证金', '招投标', '围标串标', '政府采购', '招标文件',
  '行政处罚', '执法检查', '多头检查', '双随机', '一件事一次办', '一网通办', '工程建设项目审批', '环评', '环评批复', '排污许可', '限产停产',
  '安全生产', '安全评价', '食品经营许可', '知识产权', '商标注册', '专利', '假冒伪劣', '首贷', '续贷', '抽贷', '断贷', '融资担保', '贴息',
  '奖补资金', '专项资金', '产业扶持', '招商引资', '招商承诺', '人才政策', '人才补贴', '高新技术企业', '研发费用', '账款拖欠', '工程款',
  '国企拖欠', '货车通行', '通行证', '超限超载', '口岸通关', '报关', '跨境电商', '进出口', '渣土车', '占道经营', '违章建筑', '噪音扰民',
  '油烟扰民', '户外广告', '店招', '消防验收', '消防检查', '医疗机构', '药品', '民办学校', '培训机构', '行业协会', '商会', '景区', '旅行社',
];

/**
 * Function words and boilerplate every message has; they say nothing about the department. The city's own name is
 * one too: it comes from the settings (domain/settings/city.ts, cityWords) and is stored with each model.
 */
export const stopWords: ReadonlySet<string> = new Set([
  '的', '了', '在', '是', '我', '我们', '你', '他', '她', '它', '他们', '和', '与', '及', '或', '等', '也', '都', '就', '还', '又', '把', '被',
  '对', '向', '从', '到', '给', '让', '为', '以', '之', '其', '该', '此', '这', '那', '这个', '那个', '这些', '一个', '一些', '有', '没有', '没',
  '不', '很', '太', '非常', '已经', '已', '仍', '仍然', '一直', '至今', '目前', '现在', '今天', '昨天', '时候', '情况', '问题', '事情',
  '反映', '来电', '来电人', '市民', '群众', '诉求', '诉求人', '留言', '称', '表示', '希望', '请求', '要求', '恳请', '请', '麻烦', '谢谢',
  '相关', '相关部门', '部门', '有关', '尽快', '处理', '解决', '核实', '答复', '给予', '帮助', '协调', '督促', '落实', '本人', '公司', '我司',
  '企业', '市', '区', '县', '但', '但是', '而', '而且', '因为', '所以', '如果', '由于', '导致', '可以', '能', '能够', '会',
  '要', '想', '应该', '需要', '进行', '通过', '对于', '关于', '以及', '并', '并且', '后', '前', '时', '中', '上', '下', '里', '多', '次', '个',
  '啊', '吧', '呢', '吗', '呀', '哦', '嗯', '么', '啦',
]);

/** A token worth a feature: not a stop word, not punctuation or a bare number. */
export function isContentToken(token: string, extraStops?: ReadonlySet<string>): boolean {
  if (stopWords.has(token) || extraStops?.has(token)) return false;
  let letters = false;
  let digits = false;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) digits = true;
    // ASCII letters, CJK ideographs (basic + extension A), other letters beyond Latin-1 punctuation blocks.
    else if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf)) letters = true;
  }
  if (letters) return true;
  // Bare numbers (amounts, days) say nothing about the department; the hotline number does.
  return digits && token === '12345';
}
