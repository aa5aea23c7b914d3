// House numbers in addresses: the number before 号 (after a road, street, lane or estate word), 栋/幢, 单元, 室, 号楼,
// the floor after a building number, and estate flat codes (锦绣华庭3-2-501). Roads, streets and estates stay, so the
// board still says where the problem is; document numbers (衡政发〔2023〕5号, 第12号令) are not addresses and stay.

export interface AddressSpan {
  start: number;
  end: number;
  text: string;
}

const digits = '[0-9０-９]+';
const patterns: RegExp[] = [
  // 解放大道28号, 建设路东段12-3号, 石鼓村5组16号
  new RegExp(`(?<=(?:[路街道巷弄里苑园厦场院段湾坊庭居村组寨屯]|小区|社区|花园|广场|大厦|公寓)(?:[东西南北中]段)?)${digits}(?:[-－之]${digits})?(?=号)`, 'g'),
  // 3栋, 12幢, 2单元, 501室 (not 三室两厅's 2室1厅), 5号楼, 8号院
  new RegExp(`${digits}(?=栋|幢|单元|室(?![0-9０-９一二两三四五]厅)|号楼|号院|号铺|号门面)`, 'g'),
  // The floor or flat after a building: 3栋5楼, 2单元501, 号楼12层
  new RegExp(`(?<=栋|幢|单元|号楼)${digits}(?=楼|层|房|室|[^0-9０-９]|$)`, 'g'),
  // Flat codes after an estate name: 锦绣华庭3-2-501
  new RegExp(`(?<=(?:苑|园|庭|府|居|城|小区|花园|公寓|大厦))${digits}(?:[-－]${digits}){1,3}`, 'g'),
];

export function detectAddressNumbers(text: string): AddressSpan[] {
  const out: AddressSpan[] = [];
  for (const re of patterns) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      out.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
    }
  }
  return out;
}
