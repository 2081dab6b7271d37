#include "codes.h"

#include <stdio.h>
#include <string.h>

#include "diag.h"

bool lang_zh;

const struct code status_codes[] = {
	[ST_PRESENT] = { "present", "在岗", NULL },
	[ST_LATE] = { "late", "迟到", NULL },
	[ST_EARLY] = { "early", "早退", NULL },
	[ST_ABSENT] = { "absent", "旷工", NULL },
	[ST_LEAVE] = { "leave", "请假", NULL },
	[ST_BUSINESS] = { "business", "公差", NULL },
	[ST_TRAINING] = { "training", "培训", NULL },
	[ST_REST] = { "rest", "休息", NULL },
	[ST_COUNT] = { NULL, NULL, NULL },
};

const struct code grade_codes[] = {
	[GR_POOR] = { "poor", "差", NULL },
	[GR_FAIR] = { "fair", "平", NULL },
	[GR_GOOD] = { "good", "良", NULL },
	[GR_EXCELLENT] = { "excellent", "优", NULL },
	[GR_COUNT] = { NULL, NULL, NULL },
};

const struct code role_codes[] = {
	[ROLE_SECRETARY] = { "secretary", "第一书记", NULL },
	[ROLE_MEMBER] = { "member", "队员", NULL },
	{ NULL, NULL, NULL },
};

int
code_find(const struct code *tab, struct sv s)
{
	unsigned char c0;

	s = sv_trim(s);
	if (s.n == 0)
		return -1;
	/* Called for every row of a log: most names fail on the first byte. */
	c0 = (unsigned char)s.p[0] | 0x20;
	for (int i = 0; tab[i].name; i++)
		if ((unsigned char)tab[i].name[0] == c0 && sv_caseeq(s, tab[i].name))
			return i;
	for (int i = 0; tab[i].name; i++)
		if ((tab[i].zh && sv_caseeq(s, tab[i].zh)) ||
		    (tab[i].alias && sv_caseeq(s, tab[i].alias)))
			return i;
	return -1;
}

/* One buffer per table is plenty: the lists are short and fixed. */
const char *
code_list(const struct code *tab)
{
	static char buf[4][512];
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
			n += snprintf(buf[slot] + n, sizeof buf[slot] - n, "%s%s",
			    i ? ", " : "", tab[i].name);
		owner[slot] = tab;
	}
	return buf[slot];
}

const char *
code_out(const struct code *tab, int i)
{
	return lang_zh && tab[i].zh ? tab[i].zh : tab[i].name;
}

static const struct code yesno_codes[] = {
	{ "yes", "是", "y" }, { "no", "否", "n" },
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
	{ "township", { "乡镇" } },
	{ "township_grade", { "乡镇初审" } },
	{ "training", { "培训" } },
	{ "training_days", { "培训天数" } },
	{ "unit", { "派出单位" } },
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

bool
header_matches(struct sv h, const char *canon)
{
	const struct header *e = header_find(canon);

	h = sv_trim(h);
	if (sv_caseeq(h, canon))
		return true;
	for (int i = 0; e && i < 3 && e->zh[i]; i++)
		if (sv_caseeq(h, e->zh[i]))
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
