/**
 * 普法 and 民政 key dates of a year (RULES §11): fixed days, nth-weekday days, lunar and solar-term
 * days, and publicity weeks and months. Each carries its basis so the UI can show why it is there.
 */
import type { KeyDate } from '../contract.ts';
import chineseDays from 'chinese-days';
import { addDays, weekday } from '../util/time.ts';

export type { KeyDate };

const pad = (n: number): string => String(n).padStart(2, '0');
const ymd = (y: number, m: number, d: number): string => `${y}-${pad(m)}-${pad(d)}`;

/** The n-th given weekday (0 = Sunday) of a month. */
export function nthWeekday(year: number, month: number, dow: number, n: number): string {
  const first = ymd(year, month, 1);
  const offset = (dow - weekday(first) + 7) % 7;
  return addDays(first, offset + 7 * (n - 1));
}

function day(key: string, name: string, date: string, basis: string, note: string | null = null): KeyDate {
  return { key, name, date, end: date, kind: 'day', basis, approximate: false, note };
}

/** Key dates of `year`, in date order. */
export function keyDates(year: number): KeyDate[] {
  const socialWorkDay = nthWeekday(year, 3, 2, 3);
  const elderly = chineseDays.getSolarDateFromLunar(ymd(year, 9, 9)).date;
  const qingming = chineseDays.getSolarTermDate(year, 4, 'pure_brightness');
  const list: KeyDate[] = [
    day('social_work_day', '国际社工日', socialWorkDay, '国际社会工作者联合会（IFSW）确定，每年3月第三个星期二'),
    {
      key: 'social_work_week',
      name: '社会工作宣传周',
      date: socialWorkDay,
      end: addDays(socialWorkDay, 6),
      kind: 'week',
      basis: '民政部每年部署，围绕国际社工日开展',
      approximate: true,
      note: '具体日期以民政部当年通知为准，默认自国际社工日起一周',
    },
    day('qingming', '清明节', qingming, '《全国年节及纪念日放假办法》第二条', '殡葬改革、文明祭扫宣传'),
    day('national_security_day', '全民国家安全教育日', ymd(year, 4, 15), '《国家安全法》第十四条'),
    {
      key: 'civil_code_month',
      name: '民法典宣传月',
      date: ymd(year, 5, 1),
      end: ymd(year, 5, 31),
      kind: 'month',
      basis: '中央宣传部、司法部、全国普法办自2021年起每年5月组织开展',
      approximate: false,
      note: '5月28日为民法典通过纪念日',
    },
    day('disability_day', '全国助残日', nthWeekday(year, 5, 0, 3), '《残疾人保障法》第十四条（每年5月第三个星期日）'),
    day('children_day', '儿童节', ymd(year, 6, 1), '《全国年节及纪念日放假办法》第三条'),
    {
      key: 'minor_protection_month',
      name: '未成年人保护宣传月',
      date: ymd(year, 6, 1),
      end: ymd(year, 6, 30),
      kind: 'month',
      basis: '各级民政部门、未成年人保护工作协调机制自2021年起每年6月组织开展',
      approximate: true,
      note: '非法定日期，以当地部署为准',
    },
    {
      key: 'illegal_fundraising_month',
      name: '防范非法集资宣传月',
      date: ymd(year, 6, 1),
      end: ymd(year, 6, 30),
      kind: 'month',
      basis: '处置非法集资部际联席会议每年6月组织开展',
      approximate: true,
      note: '重点防范以养老服务名义实施的非法集资',
    },
    day('anti_drug_day', '国际禁毒日', ymd(year, 6, 26), '联合国大会第42/112号决议'),
    day('charity_day', '中华慈善日', ymd(year, 9, 5), '《慈善法》第七条'),
    day('elderly_day', '老年节', elderly, '《老年人权益保障法》第十二条（农历九月初九）'),
    {
      key: 'constitution_week',
      name: '宪法宣传周',
      date: ymd(year, 12, 1),
      end: ymd(year, 12, 7),
      kind: 'week',
      basis: '中央宣传部、司法部、全国普法办每年部署',
      approximate: true,
      note: '具体日期以当年通知为准，默认12月1日至7日',
    },
    day('constitution_day', '国家宪法日', ymd(year, 12, 4), '《全国人民代表大会常务委员会关于设立国家宪法日的决定》（2014年11月1日）'),
    day('volunteer_day', '国际志愿者日', ymd(year, 12, 5), '联合国大会第40/212号决议'),
  ];
  return list.sort((a, b) => a.date.localeCompare(b.date) || a.end.localeCompare(b.end) || a.key.localeCompare(b.key));
}
