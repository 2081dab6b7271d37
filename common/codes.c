#include "codes.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

bool lang_zh;

/*
 * The input code sets. name is the code, zh the Chinese name that --lang zh
 * writes (SPEC sections 2-8), alias the further names a county's files use,
 * the SPEC's first ("also ...").
 */
const struct code status_codes[] = {
	[ST_PRESENT] = { "present", "在岗", "出勤|正常" },
	[ST_LATE] = { "late", "迟到", NULL },
	[ST_EARLY] = { "early", "早退", NULL },
	[ST_ABSENT] = { "absent", "旷工", "缺勤" },
	[ST_LEAVE] = { "leave", "请假", "病假|事假|休假" },
	[ST_BUSINESS] = { "business", "公差", "出差" },
	[ST_TRAINING] = { "training", "培训", "学习" },
	[ST_REST] = { "rest", "休息", "周末|节假日|公休" },
	[ST_COUNT] = { NULL, NULL, NULL },
};

const struct code grade_codes[] = {
	[GR_POOR] = { "poor", "差", "较差|不合格" },
	[GR_FAIR] = { "fair", "平", "一般|合格" },
	[GR_GOOD] = { "good", "良", "良好" },
	[GR_EXCELLENT] = { "excellent", "优", "优秀" },
	[GR_COUNT] = { NULL, NULL, NULL },
};

const struct code role_codes[] = {
	[ROLE_SECRETARY] = { "secretary", "第一书记", "队长" },
	[ROLE_MEMBER] = { "member", "队员", "工作队员|驻村工作队员" },
	[ROLE_COUNT] = { NULL, NULL, NULL },
};

const struct code event_codes[] = {
	[EV_RECEIVED] = { "received", "受理", NULL },
	[EV_FILED] = { "filed", "立案", NULL },
	[EV_NOTICE] = { "notice", "限期整改", "限期办结" },
	[EV_SUPERVISE] = { "supervise", "督办", NULL },
	[EV_INTERVIEW] = { "interview", "约谈", NULL },
	[EV_ADMONISH] = { "admonish", "诫勉", NULL },
	[EV_RECTIFIED] = { "rectified", "整改完成", NULL },
	[EV_CONCLUDED] = { "concluded", "结案", NULL },
	[EV_PENALTY] = { "penalty", "党纪政纪处分", "处分" },
	[EV_ORG_HANDLING] = { "org_handling", "组织处理", NULL },
	[EV_PUBLICIZED] = { "publicized", "通报曝光", NULL },
	[EV_CLOSED] = { "closed", "对账销号", "销号" },
	[EV_COUNT] = { NULL, NULL, NULL },
};

const struct code kind_codes[] = {
	[KIND_LEAD] = { "lead", "问题线索", NULL },
	[KIND_ISSUE] = { "issue", "巡察/督查发现问题", "问题|巡察发现问题|督查发现问题" },
	[KIND_COUNT] = { NULL, NULL, NULL },
};

const struct code party_codes[] = {
	[PARTY_FORMAL] = { "formal", "正式党员", "中共党员" },
	[PARTY_PROBATIONARY] = { "probationary", "预备党员", "中共预备党员" },
	[PARTY_NONE] = { "none", "群众", "非党员" },
	[PARTY_COUNT] = { NULL, NULL, NULL },
};

const struct code unit_level_codes[] = {
	[LV_PROVINCE] = { "province", "省直", "省级" },
	[LV_CITY] = { "city", "市直", "市级" },
	[LV_COUNTY] = { "county", "县直", "县级" },
	[LV_TOWNSHIP] = { "township", "乡镇", "乡镇级" },
	[LV_ENTERPRISE] = { "enterprise", "企业", "企事业单位" },
	[LV_COUNT] = { NULL, NULL, NULL },
};

const struct code rank_codes[] = {
	[RK_DIVISION] = { "division", "处级", "处级干部" },
	[RK_DIVISION_RESERVE] = { "division_reserve", "处级后备", "处级后备干部" },
	[RK_SECTION] = { "section", "科级", "科级干部" },
	[RK_SECTION_RESERVE] = { "section_reserve", "科级后备", "科级后备干部" },
	[RK_MIDDLE] = { "middle", "中层", "中层干部" },
	[RK_STAFF] = { "staff", "一般干部", "一般" },
	[RK_COUNT] = { NULL, NULL, NULL },
};

const struct code specialty_codes[] = {
	[SP_PARTY] = { "party", "党务", "党建" },
	[SP_LEGAL] = { "legal", "政法", "法律" },
	[SP_ECONOMY] = { "economy", "经济", "经济管理" },
	[SP_AGRI] = { "agri", "农林", "农业" },
	[SP_SOCIAL] = { "social", "社会工作", "社工" },
	[SP_OTHER] = { "other", "其他", "无" },
	[SP_COUNT] = { NULL, NULL, NULL },
};

const struct code need_codes[] = {
	[NEED_WEAK_PARTY] = { "weak_party", "难村", "软弱涣散|软弱涣散村" },
	[NEED_DISORDER] = { "disorder", "乱村", "矛盾纠纷突出" },
	[NEED_POOR] = { "poor", "穷村", "集体经济薄弱" },
	[NEED_INDUSTRY] = { "industry", "专业村", "产业村" },
	[NEED_COUNT] = { NULL, NULL, NULL },
};

const struct code result_codes[] = {
	[RESULT_PRESENT] = { "present", "在岗", NULL },
	[RESULT_ABSENT] = { "absent", "缺岗", "不在岗" },
	[RESULT_COUNT] = { NULL, NULL, NULL },
};

/* By the names of SPEC section 1, Rules, in its order. */
static const struct codeset {
	const char *name;
	const struct code *tab;
} codesets[] = {
	{ "status", status_codes }, { "grade", grade_codes }, { "role", role_codes },
	{ "kind", kind_codes }, { "event", event_codes }, { "party", party_codes },
	{ "rank", rank_codes }, { "unit_level", unit_level_codes },
	{ "specialty", specialty_codes }, { "need", need_codes },
	{ "result", result_codes },
};
enum { NCODESETS = sizeof codesets / sizeof codesets[0] };

const struct code *
codeset_find(const char *set)
{
	for (int i = 0; i < NCODESETS; i++)
		if (strcmp(set, codesets[i].name) == 0)
			return codesets[i].tab;
	return NULL;
}

const char *
codeset_name(const struct code *tab)
{
	for (int i = 0; i < NCODESETS; i++)
		if (codesets[i].tab == tab)
			return codesets[i].name;
	return NULL;
}

/* The rules file's aliases, few: a list searched after the tables. */
static struct alias {
	const struct code *tab;
	char *word;
	int code;
} *aliases;
static size_t naliases, aliases_cap;

/* Equal to the n bytes at p without regard to ASCII case. */
static bool
caseeq_n(struct sv s, const char *p, size_t n)
{
	if (s.n != n)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char x = (unsigned char)s.p[i], y = (unsigned char)p[i];

		if (x >= 'A' && x <= 'Z')
			x += 'a' - 'A';
		if (y >= 'A' && y <= 'Z')
			y += 'a' - 'A';
		if (x != y)
			return false;
	}
	return true;
}

/* Whether s is one of the '|'-separated names of list. */
static bool
alias_has(const char *list, struct sv s)
{
	while (list) {
		const char *bar = strchr(list, '|');
		size_t n = bar ? (size_t)(bar - list) : strlen(list);

		if (caseeq_n(s, list, n))
			return true;
		list = bar ? bar + 1 : NULL;
	}
	return false;
}

/* The code whose built-in name s is, or -1. */
static int
code_builtin(const struct code *tab, struct sv s)
{
	unsigned char c0 = (unsigned char)s.p[0] | 0x20;

	/* Called for every row of a log: most names fail on the first byte. */
	for (int i = 0; tab[i].name; i++)
		if ((unsigned char)tab[i].name[0] == c0 && sv_caseeq(s, tab[i].name))
			return i;
	for (int i = 0; tab[i].name; i++)
		if ((tab[i].zh && sv_caseeq(s, tab[i].zh)) ||
		    (tab[i].alias && alias_has(tab[i].alias, s)))
			return i;
	return -1;
}

/* Codes found lately, by their length and first and last bytes: a log
 * says the same few statuses on all its rows. */
static struct hit {
	const struct code *tab;
	char s[16];
	size_t n;
	int code;
} hits[16];

int
code_find(const struct code *tab, struct sv s)
{
	struct hit *h;
	int i = -1;

	s = sv_trim(s);
	if (s.n == 0)
		return -1;
	h = &hits[((unsigned char)s.p[0] * 7u + (unsigned char)s.p[s.n - 1] + s.n) % 16];
	if (h->n == s.n && h->tab == tab && bytes_eq(h->s, s.p, s.n))
		return h->code;
	if ((i = code_builtin(tab, s)) < 0)
		for (size_t k = 0; k < naliases && i < 0; k++)
			if (aliases[k].tab == tab && sv_caseeq(s, aliases[k].word))
				i = aliases[k].code;
	if (i >= 0 && s.n <= sizeof h->s) {
		h->tab = tab;
		memcpy(h->s, s.p, s.n);
		h->n = s.n;
		h->code = i;
	}
	return i;
}

/* Aliases change what a word means: nothing found before holds. */
static void
forget_hits(void)
{
	memset(hits, 0, sizeof hits);
}

int
code_alias_add(const struct code *tab, struct sv word, int code)
{
	int i;

	word = sv_trim(word);
	if (word.n == 0 || memchr(word.p, '\0', word.n))
		return -1;
	forget_hits();
	if ((i = code_builtin(tab, word)) >= 0)
		return i == code ? 0 : -1;
	for (size_t k = 0; k < naliases; k++)
		if (aliases[k].tab == tab && sv_caseeq(word, aliases[k].word)) {
			aliases[k].code = code;
			return 0;
		}
	if (naliases == aliases_cap) {
		aliases_cap = aliases_cap ? 2 * aliases_cap : 16;
		aliases = xrealloc(aliases, aliases_cap * sizeof *aliases);
	}
	aliases[naliases++] = (struct alias){ tab, xstrndup(word.p, word.n), code };
	return 0;
}

bool
code_alias_get(size_t i, const struct code **tab, const char **word, int *code)
{
	if (i >= naliases)
		return false;
	*tab = aliases[i].tab;
	*word = aliases[i].word;
	*code = aliases[i].code;
	return true;
}

void
code_aliases_clear(void)
{
	for (size_t k = 0; k < naliases; k++)
		free(aliases[k].word);
	free(aliases);
	aliases = NULL;
	naliases = aliases_cap = 0;
	forget_hits();
}

/* One buffer per table is plenty: the lists are short and fixed. */
const char *
code_list(const struct code *tab)
{
	static char buf[4][1024];
	static const struct code *owner[4];
	int slot = 0;

	for (; slot < 4 && owner[slot] && owner[slot] != tab; slot++)
		;
	if (slot == 4)
		slot = 0;
	if (owner[slot] != tab) {
		size_t n = 0;

		buf[slot][0] = '\0';
		for (int i = 0; tab[i].name && n < sizeof buf[slot]; i++)
			n += snprintf(buf[slot] + n, sizeof buf[slot] - n, "%s%s%s%s",
			    i ? ", " : "", tab[i].name, tab[i].zh ? " " : "",
			    tab[i].zh ? tab[i].zh : "");
		owner[slot] = tab;
	}
	return buf[slot];
}

const char *
code_out(const struct code *tab, int i)
{
	return lang_zh && tab[i].zh ? tab[i].zh : tab[i].name;
}

/* The separator at p (n bytes left): its length, or 0. */
static size_t
list_sep(const char *p, size_t n)
{
	if (*p == ';' || *p == ',')
		return 1;
	if (n >= 3 && (memcmp(p, "；", 3) == 0 || memcmp(p, "，", 3) == 0 ||
	    memcmp(p, "、", 3) == 0))
		return 3;
	return 0;
}

int
code_list_parse(const struct code *tab, struct sv s, unsigned *bits,
    struct sv *bad)
{
	size_t i = 0;

	*bits = 0;
	while (i <= s.n) {
		size_t j = i, seplen = 0;
		struct sv item;
		int k;

		for (; j < s.n && !(seplen = list_sep(s.p + j, s.n - j)); j++)
			;
		item = sv_trim_spaces((struct sv){ s.p + i, j - i }, true);
		if (item.n) {
			if ((k = code_find(tab, item)) < 0) {
				*bad = item;
				return -1;
			}
			*bits |= 1u << k;
		}
		if (!seplen)
			break;
		i = j + seplen;
	}
	return 0;
}

static const struct code yesno_codes[] = {
	{ "yes", "是", "y|√" }, { "no", "否", "n|×" },
	{ "true", NULL, "1" }, { "false", NULL, "0" },
	{ NULL, NULL, NULL },
};

int
yesno_parse(struct sv s)
{
	int i = code_find(yesno_codes, s);

	return i < 0 ? -1 : i % 2 == 0;
}

const char *
yesno_out(bool v)
{
	return code_out(yesno_codes, v ? 0 : 1);
}

/*
 * Header names (SPEC section 9): the canonical name, the Chinese name that
 * --lang zh writes, and further Chinese aliases accepted on input. Columns
 * that only appear in output have a Chinese name too, so that every program
 * reads back what another wrote in either language.
 */
static const struct header {
	const char *canon;
	const char *zh[3];
} headers[] = {
	{ "absent", { "旷工" } },
	{ "actions", { "处理" } },
	{ "attendance_score", { "考勤得分" } },
	{ "available", { "可选派" } },
	{ "avg_total", { "平均总分" } },
	{ "bilingual", { "双语" } },
	{ "birth_date", { "出生日期" } },
	{ "business", { "公差" } },
	{ "cadre_id", { "干部编号", "编号" } },
	{ "cadres", { "干部数" } },
	{ "case_id", { "案件编号", "线索编号" } },
	{ "checks", { "抽查次数" } },
	{ "checks_failed", { "抽查缺岗" } },
	{ "closed", { "销号日期" } },
	{ "compliant", { "达标" } },
	{ "computed_grade", { "计算等次" } },
	{ "count", { "数量" } },
	{ "county_grade", { "县复审" } },
	{ "date", { "日期" } },
	{ "days", { "天数" } },
	{ "days_in_village", { "驻村天数" } },
	{ "days_open", { "办理天数" } },
	{ "days_overdue", { "逾期天数" } },
	{ "days_recorded", { "记录天数" } },
	{ "deadline", { "期限" } },
	{ "done", { "完成日期" } },
	{ "due", { "截止日期" } },
	{ "early", { "早退" } },
	{ "end_date", { "结束日期" } },
	{ "ethnic", { "民族地区" } },
	{ "event", { "事项" } },
	{ "filed", { "立案日期" } },
	{ "final_grade", { "最终等次" } },
	{ "fit", { "匹配分" } },
	{ "flags", { "标记" } },
	{ "kind", { "类别" } },
	{ "late", { "迟到" } },
	{ "late_early", { "迟到早退" } },
	{ "leave", { "请假" } },
	{ "line", { "行号" } },
	{ "metric", { "指标" } },
	{ "min_total", { "最低总分" } },
	{ "month", { "月份" } },
	{ "months", { "月数" } },
	{ "name", { "姓名" } },
	{ "needs", { "村类型" } },
	{ "next_action", { "下一步" } },
	{ "note", { "备注" } },
	{ "on_pace", { "进度达标" } },
	{ "overdue", { "逾期" } },
	{ "overdue_count", { "逾期次数" } },
	{ "paired_unit", { "结对帮扶单位" } },
	{ "party", { "政治面貌" } },
	{ "penalties", { "处分数" } },
	{ "performance", { "考绩" } },
	{ "performance_score", { "考绩得分" } },
	{ "period", { "考核期" } },
	{ "person", { "当事人" } },
	{ "present", { "在岗" } },
	{ "priority", { "重点村" } },
	{ "quarter", { "季度" } },
	{ "rank", { "职级" } },
	{ "rank_county", { "全县排名" } },
	{ "rank_township", { "乡镇排名" } },
	{ "reason", { "原因" } },
	{ "recalled", { "召回" } },
	{ "received", { "受理日期" } },
	{ "required_days", { "应驻天数" } },
	{ "reserve", { "后备干部" } },
	{ "rest", { "休息" } },
	{ "result", { "结果" } },
	{ "role", { "职务" } },
	{ "shortfall", { "差额天数" } },
	{ "specialty", { "专业", "专长" } },
	{ "start_date", { "派驻日期" } },
	{ "state", { "当前状态" } },
	{ "status", { "状态", "考勤" } },
	{ "task_id", { "任务编号" } },
	{ "tasks", { "任务数" } },
	{ "tasks_late", { "逾期完成" } },
	{ "tasks_on_time", { "按时完成" } },
	{ "tasks_overdue", { "逾期未完成" } },
	{ "total", { "总分" } },
	{ "township", { "乡镇", "乡镇街道" } },
	{ "township_grade", { "乡镇初审" } },
	{ "training", { "培训" } },
	{ "training_days", { "培训天数" } },
	{ "unit", { "派出单位", "单位", "责任单位" } },
	{ "unit_level", { "单位层级" } },
	{ "village", { "村", "行政村" } },
	{ "village_grade", { "村初评" } },
	{ "village_id", { "村编号" } },
	{ "village_name", { "村名" } },
	{ "year", { "年度" } },
};

static const struct header *
header_find(const char *canon)
{
	size_t lo = 0, hi = sizeof headers / sizeof headers[0];

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(canon, headers[mid].canon);

		if (c == 0)
			return &headers[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* h, its spaces and line breaks left out, equals name without regard to
 * ASCII case: a spreadsheet's header cell "干部\n编号" or " Cadre_ID ". */
static bool
header_eq(struct sv h, const char *name)
{
	size_t i = 0;

	for (;;) {
		size_t sp;
		unsigned char x, y;

		while (i < h.n && (sp = sv_space_len(h.p + i, h.n - i, true)))
			i += sp;
		if (i == h.n)
			return *name == '\0';
		x = (unsigned char)h.p[i++];
		y = (unsigned char)*name++;
		if (x >= 'A' && x <= 'Z')
			x += 'a' - 'A';
		if (x != y)
			return false;
	}
}

bool
header_matches(struct sv h, const char *canon)
{
	const struct header *e = header_find(canon);

	if (header_eq(h, canon))
		return true;
	for (int i = 0; e && i < 3 && e->zh[i]; i++)
		if (header_eq(h, e->zh[i]))
			return true;
	return false;
}

const char *
header_expect(const char *canon)
{
	static char buf[128];
	const struct header *e = header_find(canon);
	size_t n = snprintf(buf, sizeof buf, "%s", canon);

	for (int i = 0; e && i < 3 && e->zh[i]; i++)
		n += snprintf(buf + n, sizeof buf - n, "%s%s", i ? "/" : " or ", e->zh[i]);
	return buf;
}

const char *
header_out(const char *canon)
{
	const struct header *e = header_find(canon);

	return lang_zh && e ? e->zh[0] : canon;
}
