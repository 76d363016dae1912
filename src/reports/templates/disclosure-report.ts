/**
 * 政府信息公开工作年度报告 (条例第四十九、五十条; format 国办公开办函〔2021〕30号): sections 一 to 六 and
 * tables 二/三/四. Departments publish it before 1月31日 (by 1月30日, see annualDutyDates). The table detail follows the 2021 template as
 * far as it could be checked (RULES §4, tagged U); every cell is a figure.
 */
import { APPLICANT_TYPES, disclosureItem, PROACTIVE_CATEGORIES, PROACTIVE_CHANNELS } from '../../modules/disclosure/disclosure.ledger.ts';
import {
  cell,
  lead,
  n,
  numberLeads,
  own,
  p,
  quote,
  section,
  type Template,
  type TemplateCtx,
  when,
  whenNone,
  scopeNote,
} from '../builder.ts';
import type { Block, Cell, HeaderCell, ReportContent } from '../../contract.ts';
import { DISCLOSURE_OUTCOMES, DISCLOSURE_REASONS, outcomeKey, RESULT_COLUMNS, reasonKey } from '../report.figures.ts';
import { joinRuns, nu } from './prose.ts';

const OUTCOME_LABELS = [
  '（一）予以公开',
  '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
  '（三）不予公开',
  '（四）无法提供',
  '（五）不予处理',
  '（六）其他处理',
];

const FIGURES: string[] = [
  'disclosure.proactive',
  'disclosure.requests',
  'disclosure.requests_answered',
  'disclosure.requests_on_time_rate',
  'normdoc.issued',
  'normdoc.repealed',
  'normdoc.in_force',
  'report.enforcement_decisions',
  'report.disclosure_new',
  'report.disclosure_carried_in',
  'report.disclosure_handled',
  'report.disclosure_carry_next',
  ...DISCLOSURE_OUTCOMES.map((_, i) => outcomeKey(i)),
  ...DISCLOSURE_OUTCOMES.flatMap((o, i) => DISCLOSURE_REASONS[o].map((_, j) => reasonKey(i, j))),
  'report.disclosure_reconsideration',
  'report.disclosure_lawsuit_direct',
  'report.disclosure_lawsuit_after',
  'oversight.npc',
  'oversight.cppcc',
];

const dash = (): Cell => cell('—');

/** One row of 表三: the label, then one cell per applicant type, then the total. */
function applicantRow(label: string, key: string): Cell[] {
  return [cell(label), ...APPLICANT_TYPES.map((a) => cell(n(key, a))), cell(n(key))];
}

function table2(): Block[] {
  return [
    {
      type: 'table',
      title: '第二十条第（一）项',
      header: [[{ text: '信息内容' }, { text: '本年制发件数' }, { text: '本年废止件数' }, { text: '现行有效件数' }]],
      widths: [2, 1, 1, 1],
      rows: [
        [cell('规章'), dash(), dash(), dash()],
        [cell('行政规范性文件'), cell(n('normdoc.issued')), cell(n('normdoc.repealed')), cell(n('normdoc.in_force'))],
      ],
    },
    {
      type: 'table',
      title: '第二十条第（五）项、第（六）项',
      header: [[{ text: '信息内容' }, { text: '本年处理决定数量' }]],
      rows: [
        [cell('行政许可'), cell(n('report.enforcement_decisions', '行政许可'))],
        [cell('行政处罚'), cell(n('report.enforcement_decisions', '行政处罚'))],
        [cell('行政强制'), cell(n('report.enforcement_decisions', '行政强制'))],
      ],
    },
    {
      type: 'table',
      title: '第二十条第（八）项',
      header: [[{ text: '信息内容' }, { text: '本年收费金额（单位：万元）' }]],
      rows: [[cell('行政事业性收费'), dash()]],
      note: '本机关不收取行政事业性收费的，以“—”表示。',
    },
  ];
}

function table3(): Block {
  const header: HeaderCell[][] = [
    [
      { text: '本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和', rowSpan: 3 },
      { text: '申请人情况', colSpan: 7 },
    ],
    [
      { text: '自然人', rowSpan: 2 },
      { text: '法人或其他组织', colSpan: 5 },
      { text: '总计', rowSpan: 2 },
    ],
    APPLICANT_TYPES.slice(1).map((t) => ({ text: t })),
  ];
  const rows: Cell[][] = [
    applicantRow('一、本年新收政府信息公开申请数量', 'report.disclosure_new'),
    applicantRow('二、上年结转政府信息公开申请数量', 'report.disclosure_carried_in'),
    [{ runs: [{ t: '三、本年度办理结果' }], colSpan: 8 }],
  ];
  DISCLOSURE_OUTCOMES.forEach((o, i) => {
    rows.push(applicantRow(OUTCOME_LABELS[i], outcomeKey(i)));
    DISCLOSURE_REASONS[o].forEach((r, j) => {
      rows.push(applicantRow(`${j + 1}.${r}`, reasonKey(i, j)));
    });
  });
  rows.push(applicantRow('（七）总计', 'report.disclosure_handled'));
  rows.push(applicantRow('四、结转下年度继续办理', 'report.disclosure_carry_next'));
  return {
    type: 'table',
    title: '收到和处理政府信息公开申请情况',
    header,
    rows,
    // The labels column takes ~78 mm (20 characters of 五号): 「1.属于国家秘密」 stays on one line and
    // the longest labels (36 characters) take two; the seven number columns share the rest equally.
    widths: [7, ...APPLICANT_TYPES.map(() => 1), 1],
  };
}

function table4(): Block {
  const five = (key: string): Cell[] => [...RESULT_COLUMNS.map(([, parts]) => cell(n(key, parts))), cell(n(key))];
  const cols = (): HeaderCell[] => [...RESULT_COLUMNS.map(([label]) => ({ text: label })), { text: '总计' }];
  return {
    type: 'table',
    title: '政府信息公开行政复议、行政诉讼情况',
    header: [
      [
        { text: '行政复议', colSpan: 5 },
        { text: '行政诉讼', colSpan: 10 },
      ],
      [...cols().map((c) => ({ ...c, rowSpan: 2 })), { text: '未经复议直接起诉', colSpan: 5 }, { text: '复议后起诉', colSpan: 5 }],
      [...cols(), ...cols()],
    ],
    rows: [
      [
        ...five('report.disclosure_reconsideration'),
        ...five('report.disclosure_lawsuit_direct'),
        ...five('report.disclosure_lawsuit_after'),
      ],
    ],
  };
}

/** 一、总体情况: what the year's records show, and the officer's words for what they cannot. */
async function overall(ctx: TemplateCtx): Promise<Block[]> {
  const published = (await ctx.records(disclosureItem)).filter((r) => r.data.publishedOn);
  const categories = PROACTIVE_CATEGORIES.filter((c) => published.some((r) => r.data.category === c));
  const channels = PROACTIVE_CHANNELS.filter((c) => published.some((r) => r.data.channel === c));
  return numberLeads([
    lead(
      2,
      '主动公开。',
      whenNone(
        'disclosure.proactive',
        [
          `${ctx.year}年主动公开政府信息`,
          ...nu('disclosure.proactive'),
          ...(categories.length
            ? ['，其中', ...joinRuns(categories.map((c) => [quote(c), '类', ...nu('disclosure.proactive_by_category', c)]))]
            : []),
          '。',
        ],
        `${ctx.year}年未主动公开政府信息。`,
      ),
    ),
    lead(
      2,
      '依申请公开。',
      whenNone(
        'disclosure.requests',
        [
          '全年新收政府信息公开申请',
          ...nu('disclosure.requests'),
          when('disclosure.requests_answered', ['，已答复', ...nu('disclosure.requests_answered')], []),
          when(
            'disclosure.requests_not_on_time',
            [
              when(
                'disclosure.requests_late',
                ['，其中逾期答复', ...nu('disclosure.requests_late'), '，按期答复率', n('disclosure.requests_on_time_rate')],
                [],
              ),
              when('disclosure.requests_overdue', ['，', ...nu('disclosure.requests_overdue'), '超过法定答复期限仍未答复'], []),
              when('disclosure.requests_pending', ['，', ...nu('disclosure.requests_pending'), '正在办理、尚在法定答复期限内'], []),
              '。',
            ],
            ['，均在法定期限内依法答复。'],
          ),
        ],
        '全年未收到政府信息公开申请。',
      ),
    ),
    lead(
      2,
      '政府信息管理。',
      when(
        'disclosure.proactive_late',
        ['本年度有', ...nu('disclosure.proactive_late'), '政府信息未在信息形成或变更之日起20个工作日内公开。'],
        [when('disclosure.proactive', ['本年度公开的政府信息均在信息形成或变更之日起20个工作日内公开。'], [])],
      ),
      own(
        'dr-management',
        '政府信息公开工作机构和人员、信息发布保密审查、政府信息公开目录维护等情况',
        '落实专人负责政府信息公开工作，严格执行信息发布保密审查制度，及时更新和维护政府信息公开目录。',
      ),
    ),
    lead(
      2,
      '平台建设。',
      ...(channels.length
        ? [
            '主动公开的政府信息中，',
            ...joinRuns(
              channels.map((c) => [`通过${c}发布`, ...nu('disclosure.proactive_by_channel', c)]),
              '，',
            ),
            '。',
          ]
        : []),
      own(
        'dr-platform',
        '政府门户网站信息公开专栏、政务新媒体等平台的建设和维护情况',
        '依托政府门户网站政府信息公开专栏和政务新媒体发布信息。',
      ),
    ),
    lead(
      2,
      '监督保障。',
      own(
        'dr-oversight',
        '政府信息公开工作纳入考核、社会评议、责任追究和举报投诉处理等情况',
        '将政府信息公开工作纳入年度工作要点，自觉接受社会监督，畅通意见建议渠道。',
      ),
    ),
  ]);
}

/** 五、存在的主要问题及改进情况: her judgement; no ledger records it. */
function problems(ctx: TemplateCtx): Block[] {
  return [
    p(
      own(
        'dr-problems',
        `${ctx.year}年政府信息公开工作存在的主要问题和改进措施，以及上一年度报告所提问题的改进情况`,
        '政府信息公开工作还存在主动公开内容不够丰富、政策解读形式较为单一等问题。下一步，将进一步完善政府信息公开目录，加强政策解读和回应关切，提升政府信息公开工作质量。',
      ),
    ),
  ];
}

/** 六、其他需要报告的事项: 信息处理费 and 建议提案办理 from the ledgers. */
function other(): Block[] {
  return [
    p(
      whenNone(
        'disclosure.fee_requests',
        ['本年度对', ...nu('disclosure.fee_requests'), '政府信息公开申请收取信息处理费，共计', ...nu('disclosure.fees'), '。'],
        '本年度未收取信息处理费。',
      ),
      whenNone('oversight.npc', ['全年办理人大代表建议', ...nu('oversight.npc'), '。'], '全年未承办人大代表建议。'),
      whenNone('oversight.cppcc', ['办理政协提案', ...nu('oversight.cppcc'), '。'], '全年未承办政协提案。'),
      when(
        'oversight.suggestions',
        [
          when('oversight.suggestions_answered', ['建议提案已答复', ...nu('oversight.suggestions_answered'), '。'], []),
          own('dr-suggestions-public', '建议提案办理结果的公开情况（公开渠道和件数）', '建议提案办理结果已按规定公开。'),
        ],
        [],
      ),
    ),
  ];
}

export const disclosureReport: Template = {
  kind: 'disclosure-report',
  label: '政府信息公开工作年度报告',
  yearHint: '报告年度（上一年度）',
  figures: FIGURES,
  required: ['disclosure.proactive'],
  published: true,
  build: async (ctx): Promise<ReportContent> => {
    const note = await scopeNote(ctx);
    const date = ctx.today > `${ctx.year}-12-31` ? ctx.today : `${ctx.year}-12-31`;
    return {
      title: `${ctx.org.name}${ctx.year}年政府信息公开工作年度报告`,
      addressee: '',
      preamble: [
        p(
          `本报告根据《中华人民共和国政府信息公开条例》第五十条和《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）要求编制。报告所列数据的统计期限自${ctx.year}年1月1日起至${ctx.year}年12月31日止。`,
        ),
      ],
      sections: [
        section('overall', '一、总体情况', await overall(ctx)),
        section('proactive', '二、主动公开政府信息情况', table2()),
        section('requests', '三、收到和处理政府信息公开申请情况', [table3()]),
        section('appeals', '四、政府信息公开行政复议、行政诉讼情况', [table4()]),
        section('problems', '五、存在的主要问题及改进情况', problems(ctx)),
        section('other', '六、其他需要报告的事项', other()),
      ],
      attachments: [],
      signature: ctx.org.name,
      date,
      ...(note ? { note } : {}),
      copyTo: [],
      printer: null,
      secrecyReviewed: false,
    };
  },
};
