// Names of people in free text, found where Chinese writing announces them: after 我叫/联系人/姓名/投诉人… and before
// 先生/女士/经理/局长…. A name is a known surname (compound ones first) and one or two given characters.
// Already anonymised forms (王某, 王某某, 张先生) are left alone: a bare surname identifies nobody.

export interface NameSpan {
  start: number;
  end: number;
  text: string;
}

const compoundSurnames = ['欧阳', '司马', '诸葛', '上官', '东方', '皇甫', '令狐', '慕容', '尉迟', '长孙', '宇文', '司徒', '夏侯', '公孙', '轩辕', '端木', '独孤', '南宫', '西门', '百里'];
const singleSurnames = new Set([...(
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤' +
  '常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝旷'
).split('')]);

// Characters that end a name: function words and the first characters of words that follow a name.
const stopChars = new Set([...'的了在是和与及或等对向从到把被让给说称反电手联先女同师经主局科队书住身委支目间务今现已也都就还又再并而但请要想将因为由自告诉问找来去打拨某称系于帮办负代村镇区市县省路街号楼栋室单元公司厂店部门'.split('')]);
// Surnames that are also everyday function characters: not taken as the first character of a three-character name.
const functionSurnames = new Set([...'向于和与及对给把被让叫找由从是在将为同自到'.split('')]);

const isHan = (c: string | undefined): c is string => !!c && /\p{Script=Han}/u.test(c);
const nameChar = (c: string | undefined): c is string => isHan(c) && !stopChars.has(c);

function surnameAt(text: string, i: number): string | null {
  const two = text.slice(i, i + 2);
  if (compoundSurnames.includes(two)) return two;
  return singleSurnames.has(text[i]) ? text[i] : null;
}

/** The name starting at i (after an announcing word), or null. */
function nameAfter(text: string, i: number): NameSpan | null {
  const surname = surnameAt(text, i);
  if (!surname) return null;
  let end = i + surname.length;
  if (!nameChar(text[end])) return null;
  end++;
  if (nameChar(text[end]) && surname.length === 1) end++;
  const name = text.slice(i, end);
  if (/某/.test(name)) return null;
  return { start: i, end, text: name };
}

const announce = /(?:我叫|我的名字(?:是|叫)|本人(?:姓名)?(?:[:：]|是)?|名字叫|姓名[:：为是]?|联系人(?:[:：]|是|为)?|申请人[:：]?|投诉人[:：]?|举报人[:：]?|反映人[:：]?|来电人[:：]?|诉求人[:：]?|当事人[:：]?|业主[:：]?|户主[:：]?|法定代表人[:：]?|法人代表[:：]?|法人[:：]?|负责人[:：]?|经办人员?[:：]?|代办员[:：]?|工作人员[:：]?|包工头|项目经理[:：]?|老板[:：]?)\s*/g;
const titles = /(?:先生|女士|小姐|师傅|老师|经理|主任|局长|科长|处长|所长|站长|队长|书记|村长|组长|董事长|总经理|律师|医生)/g;

export function detectNames(text: string): NameSpan[] {
  const out: NameSpan[] = [];
  announce.lastIndex = 0;
  for (let m = announce.exec(text); m; m = announce.exec(text)) {
    const found = nameAfter(text, m.index + m[0].length);
    if (found) out.push(found);
    if (m[0].length === 0) announce.lastIndex++;
  }
  titles.lastIndex = 0;
  for (let m = titles.exec(text); m; m = titles.exec(text)) {
    const at = m.index;
    // Three characters (surname + two) unless the first is a function word; else two; a bare surname stays.
    const three = text.slice(at - 3, at);
    const two = text.slice(at - 2, at);
    let name: NameSpan | null = null;
    if (at >= 3 && [...three].every(isHan) && surnameAt(text, at - 3) && !functionSurnames.has(text[at - 3]) && nameChar(text[at - 2]) && nameChar(text[at - 1])) {
      name = { start: at - 3, end: at, text: three };
    } else if (at >= 3 && compoundSurnames.includes(text.slice(at - 3, at - 1)) && nameChar(text[at - 1])) {
      name = { start: at - 3, end: at, text: three };
    } else if (at >= 2 && surnameAt(text, at - 2) && nameChar(text[at - 1]) && [...two].every(isHan)) {
      name = { start: at - 2, end: at, text: two };
    }
    if (name && !/某/.test(name.text)) out.push(name);
  }
  return out;
}
