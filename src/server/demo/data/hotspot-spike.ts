// The demo's hot spot (热点发现): over the last two weeks 蒸湘区 gets many more 乱收费 cases than usual, most about the
// parking fees around its shopping streets, so a newcomer finds "蒸湘区 近两周 乱收费（停车、收费）相关诉求 … 件，为常态
// … 倍" on 热点发现 and the district red on the map right after `npm start`. The weeks before hold a usual level of
// the category (generated texts) to measure against. Pure: times and texts from the Rng passed in.
import { startOfBeijingDay } from '../../../domain/calendar/local-time.js';
import { chance, pick, randomInt, type Rng } from './rng.js';

export interface ForcedCase {
  createdAt: number;
  leafCode: string;
  districtCode: string;
  /** A town of the district, or the district itself. */
  townCode?: string;
  /** Replaces the generated title and description (null: keep the generated text of the category). */
  text: { title: string; description: string } | null;
}

const towns = ['zxq-hx', 'zxq-lh', 'zxq-zx'];
const roads = ['蒸湘北路', '解放西路', '船山大道', '长丰大道', '华新大道', '立新大道'];
const places = ['华新商业街', '万达广场周边', '立新商圈', '蒸湘步行街', '红湘农贸市场周边'];
const titles = ['{place}停车收费标准上调', '路内停车收费过高', '{road}停车收费不合理', '商户反映停车收费影响经营', '停车收费无公示'];
const bodies = [
  '{road}{place}的路内停车位近期收费标准由每小时2元上调至每小时{fee}元，且未见公示依据，周边商户反映顾客明显减少，请相关部门核实停车收费是否合规。',
  '我公司位于{place}，员工每天只能在周边路段停车，停车收费突然上涨到每天{daily}元，企业和员工负担加重，希望规范停车收费。',
  '{place}多家商户反映，停车收费员不出具票据，收费标准与公示不一致，希望有关部门查处乱收费行为。',
];

function fill(rng: Rng, text: string): string {
  return text.replace('{road}', pick(rng, roads)).replace('{place}', pick(rng, places))
    .replace('{fee}', String(randomInt(rng, 4, 8))).replace('{daily}', String(randomInt(rng, 30, 60)));
}

/** The spike's cases (`recent` in the last 14 days) and the usual level of the 8 weeks before (`usual`). */
export function hotspotSpikeCases(rng: Rng, now: Date, recent = 23, usual = 16): ForcedCase[] {
  const today = startOfBeijingDay(now).getTime();
  const day = 86_400_000;
  // Office hours of a day back; a time still to come today (a demo loaded at night) moves to the day before.
  const at = (daysBack: number): number => {
    const t = today - daysBack * day + (8.5 + rng.next() * 9) * 3_600_000;
    return t < now.getTime() - 60_000 ? t : t - day;
  };
  const out: ForcedCase[] = [];
  for (let i = 0; i < recent; i++) {
    // More in the last week than the one before: the problem is growing.
    const back = Math.floor(rng.next() ** 1.5 * 13);
    const townCode = chance(rng, 0.5) ? pick(rng, towns) : undefined;
    out.push({ createdAt: at(back), leafCode: 'fees.arbitrary', districtCode: 'zxq', ...(townCode ? { townCode } : {}),
      text: { title: fill(rng, pick(rng, titles)), description: fill(rng, pick(rng, bodies)) } });
  }
  for (let i = 0; i < usual; i++) out.push({ createdAt: at(14 + randomInt(rng, 0, 55)), leafCode: 'fees.arbitrary', districtCode: 'zxq', text: null });
  return out.sort((a, b) => a.createdAt - b.createdAt);
}
