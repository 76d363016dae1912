/** Realistic Chinese content pools for the demo data (all names fictional). */

export const LAWS = [
  '中华人民共和国宪法',
  '中华人民共和国民法典',
  '习近平法治思想学习纲要',
  '中华人民共和国行政处罚法',
  '中华人民共和国行政复议法',
  '中华人民共和国行政许可法',
  '中华人民共和国未成年人保护法',
  '中华人民共和国老年人权益保障法',
  '中华人民共和国慈善法',
  '中华人民共和国反家庭暴力法',
  '中华人民共和国妇女权益保障法',
  '中华人民共和国无障碍环境建设法',
  '中华人民共和国保守国家秘密法',
  '社会救助暂行办法',
  '婚姻登记条例',
  '殡葬管理条例',
  '地名管理条例',
  '社会团体登记管理条例',
  '民办非企业单位登记管理暂行条例',
  '重大行政决策程序暂行条例',
  '中华人民共和国政府信息公开条例',
  '养老机构管理办法',
  '行政区域界线管理条例',
  '中华人民共和国行政诉讼法',
] as const;

export const STUDY_TOPICS = [
  '专题学习习近平法治思想',
  '学习《中华人民共和国宪法》及宪法宣传周精神',
  '学习《民法典》婚姻家庭编、继承编',
  '学习新修订的《行政复议法》',
  '学习《重大行政决策程序暂行条例》',
  '学习《社会救助暂行办法》及低保审核确认办法',
  '学习《未成年人保护法》及儿童福利政策',
  '学习《老年人权益保障法》与养老服务领域非法集资防范',
  '学习《慈善法》（2023年修正）',
  '学习《地名管理条例》',
  '学习《殡葬管理条例》与文明祭扫',
  '学习《行政处罚法》与民政执法程序',
  '学习《政府信息公开条例》',
  '学习中央全面依法治国工作会议精神',
  '学习党内法规《中国共产党纪律处分条例》',
  '学习《保守国家秘密法》（2024年修订）',
  '学习《无障碍环境建设法》',
  '学习《养老机构管理办法》与养老机构食品安全',
] as const;

export const PLACES = [
  '局机关三楼会议室',
  '局党组会议室',
  '婚姻登记处大厅',
  '殡葬管理所会议室',
  '市民广场',
  '城关镇社区服务中心',
  '县人民法院第一审判庭',
  '社会工作服务站',
  '幸福里社区',
  '实验小学',
] as const;

export const LAW_FIRMS = ['明正律师事务所', '衡平律师事务所', '公信律师事务所'] as const;
export const LAWYERS = ['孙立平', '沈文博', '韦思远', '苗一鸣'] as const;

export const SOCIAL_ORGS = [
  '某市养老服务协会',
  '示范县慈善总会',
  '和平县社会工作者协会',
  '某市殡葬协会',
  '城关镇老年人协会',
  '示范县志愿者协会',
  '和平县书法家协会',
  '某市婚姻家庭服务中心',
] as const;
export const ELDER_HOMES = [
  '康乐养老院',
  '夕阳红颐养中心',
  '福寿园养老公寓',
  '城关镇敬老院',
  '安泰护理院',
  '慈心老年公寓',
  '长青颐养院',
  '松鹤养老服务中心',
] as const;

/** Text for a free-text field, chosen by the words of its label. */
export function textFor(label: string, pick: <T>(items: readonly T[]) => T, n: number, orgShort: string, year: number): string {
  if (/文号/.test(label)) return `${orgShort.slice(0, 2)}民发〔${year}〕${n}号`;
  if (/编号|案号/.test(label)) return `（${year}）民政${String(n).padStart(3, '0')}号`;
  if (/法律法规|法律|法规|依据/.test(label)) return pick(LAWS);
  if (/主讲|讲师|律师|顾问/.test(label)) return pick(LAWYERS);
  if (/律师事务所|事务所/.test(label)) return pick(LAW_FIRMS);
  if (/地点|场所|地址/.test(label)) return pick(PLACES);
  if (/对象|机构|社会组织/.test(label)) return pick([...ELDER_HOMES, ...SOCIAL_ORGS]);
  if (/电话/.test(label)) return `0${pick(['431', '437', '898'])}-8${String(100000 + n * 37).slice(-6)}`;
  if (/姓名|人员|负责人|经办|承办人|联系人|提出人|代表|委员|当事人|申请人/.test(label))
    return pick(['王建国', '李桂英', '张德明', '刘淑华', '陈国庆', '杨秀兰', '赵永强', '周春梅']);
  if (/备注|说明/.test(label)) return '';
  if (/结果|意见|答复|结论|情况/.test(label))
    return pick(['已按期办结，当事人表示满意', '经审查，符合法律法规规定', '已整改到位并形成书面报告', '已依法作出处理并公开']);
  return `${label}：${year}年第${n}项`;
}
