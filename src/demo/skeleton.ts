/** The demo's bureaus, units, people and accounts: one city bureau and two county bureaus (all fictional). */
import type { Db } from '../db/types.ts';
import { presetSecondFactorUnchecked } from '../org/login.service.ts';
import { createOrgUnchecked, createUnitUnchecked, createUserUnchecked } from '../org/org.service.ts';
import { newTotpSecret, SECOND_FACTOR_ROLES, totpUri } from '../org/second-factor.ts';
import { ROLES, type Role } from '../org/roles.ts';
import type { Rng } from './rng.ts';

export type DemoOrgKey = 'city' | 'shifan' | 'heping';

export type DemoOrg = {
  key: DemoOrgKey;
  id: string;
  name: string;
  shortName: string;
  level: 'city' | 'county';
  region: string;
  /** unit name → id */
  units: Record<string, string>;
  /** 局长, 分管副局长, 法治专干 … (names used in the records) */
  head: string;
  deputy: string;
  officer: string;
  staff: string[];
};

export type DemoAccount = {
  username: string;
  password: string;
  role: Role;
  roleLabel: string;
  displayName: string;
  orgName: string;
  unitName: string | null;
  /** The TOTP secret the account is enrolled with (the three admin roles), and its otpauth URI for an authenticator app. */
  totp: { secret: string; uri: string } | null;
};

type OrgSpec = {
  key: DemoOrgKey;
  name: string;
  shortName: string;
  level: 'city' | 'county';
  region: string;
  parent?: DemoOrgKey;
  head: string;
  deputy: string;
  officer: string;
  staff: string[];
};

const ORGS: OrgSpec[] = [
  {
    key: 'city',
    name: '某市民政局',
    shortName: '市民政局',
    level: 'city',
    region: '某市',
    head: '林国栋',
    deputy: '陈晓梅',
    officer: '周文静',
    staff: ['王建军', '李秀英', '张海燕', '刘志强', '黄丽华', '吴俊杰', '郑雅琴', '孙立新'],
  },
  {
    key: 'shifan',
    name: '示范县民政局',
    shortName: '示范县民政局',
    level: 'county',
    region: '示范县',
    parent: 'city',
    head: '赵振华',
    deputy: '钱玉兰',
    officer: '何晓东',
    staff: ['冯建平', '蒋春燕', '韩志刚', '杨桂芳', '朱明亮', '秦淑珍', '许卫东'],
  },
  {
    key: 'heping',
    name: '和平县民政局',
    shortName: '和平县民政局',
    level: 'county',
    region: '和平县',
    parent: 'city',
    head: '马德胜',
    deputy: '罗美玲',
    officer: '宋佳怡',
    staff: ['唐国强', '谢红梅', '邓永生', '曹丽娟', '彭国华', '高玉梅'],
  },
];

/** Units of every demo bureau: 科室 and 下属事业单位. */
export const UNITS: ReadonlyArray<{ name: string; kind: '科室' | '事业单位' | '乡镇' }> = [
  { name: '办公室', kind: '科室' },
  { name: '政策法规科', kind: '科室' },
  { name: '社会救助科', kind: '科室' },
  { name: '养老服务科', kind: '科室' },
  { name: '社会事务科', kind: '科室' },
  { name: '儿童福利科', kind: '科室' },
  { name: '区划地名科', kind: '科室' },
  { name: '社会组织管理局', kind: '科室' },
  { name: '婚姻登记处', kind: '事业单位' },
  { name: '殡葬管理所', kind: '事业单位' },
];

type AccountSpec = { org: DemoOrgKey; username: string; role: Role; unit?: string; who: (o: OrgSpec) => string };

const ACCOUNTS: AccountSpec[] = [
  { org: 'city', username: 'sysadmin', role: 'sysadmin', who: () => '系统管理员' },
  { org: 'city', username: 'secadmin', role: 'secadmin', who: () => '安全管理员' },
  { org: 'city', username: 'auditor', role: 'auditor', who: () => '审计管理员' },
  { org: 'city', username: 'city.officer', role: 'officer', unit: '政策法规科', who: (o) => o.officer },
  { org: 'city', username: 'city.leader', role: 'leader', who: (o) => o.head },
  { org: 'city', username: 'city.staff', role: 'staff', unit: '社会救助科', who: (o) => o.staff[0] },
  { org: 'shifan', username: 'shifan.officer', role: 'officer', unit: '办公室', who: (o) => o.officer },
  { org: 'shifan', username: 'shifan.leader', role: 'leader', who: (o) => o.head },
  { org: 'shifan', username: 'shifan.staff', role: 'staff', unit: '殡葬管理所', who: (o) => o.staff[0] },
  { org: 'heping', username: 'heping.officer', role: 'officer', unit: '办公室', who: (o) => o.officer },
  { org: 'heping', username: 'heping.leader', role: 'leader', who: (o) => o.head },
  { org: 'heping', username: 'heping.staff', role: 'staff', unit: '婚姻登记处', who: (o) => o.staff[0] },
];

const actor = { userId: 'demo', username: 'demo', orgId: '', ip: 'demo' };

/** A strong password that satisfies the policy of password-policy.ts (upper, lower, digit, symbol, length 12, random). */
export function demoPassword(rng: Rng): string {
  const up = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
  const low = 'abcdefghijkmnpqrstuvwxyz';
  const dig = '23456789';
  const sym = '@#*+';
  let s = rng.pick(up.split('')) + rng.pick(low.split(''));
  for (let i = 0; i < 6; i++) s += rng.pick((low + dig).split(''));
  return `${s}${rng.pick(sym.split(''))}${rng.pick(up.split(''))}${rng.pick(dig.split(''))}${rng.pick(dig.split(''))}`;
}

export async function createSkeleton(
  db: Db,
  rng: Rng,
  opts: { hashUsers?: boolean } = {},
): Promise<{ orgs: Record<DemoOrgKey, DemoOrg>; accounts: DemoAccount[] }> {
  const orgs = {} as Record<DemoOrgKey, DemoOrg>;
  for (const spec of ORGS) {
    const parentId = spec.parent ? orgs[spec.parent].id : null;
    const id = await createOrgUnchecked(db, actor, {
      name: spec.name,
      shortName: spec.shortName,
      level: spec.level,
      region: spec.region,
      parentId,
    });
    const units: Record<string, string> = {};
    let sort = 0;
    for (const u of UNITS)
      units[u.name] = await createUnitUnchecked(db, { ...actor, orgId: id }, id, { name: u.name, kind: u.kind, sort: sort++ });
    orgs[spec.key] = {
      key: spec.key,
      id,
      name: spec.name,
      shortName: spec.shortName,
      level: spec.level,
      region: spec.region,
      units,
      head: spec.head,
      deputy: spec.deputy,
      officer: spec.officer,
      staff: spec.staff,
    };
  }
  const accounts: DemoAccount[] = [];
  if (opts.hashUsers === false) return { orgs, accounts };
  for (const a of ACCOUNTS) {
    const spec = ORGS.find((o) => o.key === a.org) as OrgSpec;
    const org = orgs[a.org];
    const password = demoPassword(rng);
    const displayName = a.who(spec);
    const id = await createUserUnchecked(
      db,
      { ...actor, orgId: org.id },
      {
        username: a.username,
        displayName,
        password,
        role: a.role,
        orgId: org.id,
        unitId: a.unit ? org.units[a.unit] : null,
      },
      // The demo prints these accounts to log in with directly: not one-time.
      { oneTime: false },
    );
    // The three admin roles need a second factor (SECOND_FACTOR=admins): enrolled here, printed with the account.
    const secret = SECOND_FACTOR_ROLES.includes(a.role) ? newTotpSecret() : null;
    if (secret) await presetSecondFactorUnchecked(db, { ...actor, orgId: org.id }, id, a.username, secret);
    accounts.push({
      totp: secret ? { secret, uri: totpUri(secret, a.username) } : null,
      username: a.username,
      password,
      role: a.role,
      roleLabel: ROLES[a.role],
      displayName,
      orgName: org.name,
      unitName: a.unit ?? null,
    });
  }
  return { orgs, accounts };
}
