/* Code tables, yes/no values and header names (SPEC sections 1, 2, 4, 9). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "codes.h"

static int
reset_lang(void **state)
{
	(void)state;
	lang_zh = false;
	code_aliases_clear();
	return 0;
}

static void
expect_code(const struct code *tab, const char *s, int want)
{
	int got = code_find(tab, sv_of(s));

	if (got != want)
		fail_msg("code_find('%s') = %d, expected %d", s, got, want);
}

/* SPEC section 2: the status codes and their Chinese names. */
static const struct {
	const char *en, *zh;
	int st;
} statuses[] = {
	{ "present", "在岗", ST_PRESENT },
	{ "late", "迟到", ST_LATE },
	{ "early", "早退", ST_EARLY },
	{ "absent", "旷工", ST_ABSENT },
	{ "leave", "请假", ST_LEAVE },
	{ "business", "公差", ST_BUSINESS },
	{ "training", "培训", ST_TRAINING },
	{ "rest", "休息", ST_REST },
};

static void
test_status_codes(void **state)
{
	char buf[64];

	(void)state;
	for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++) {
		size_t n = strlen(statuses[i].en);

		expect_code(status_codes, statuses[i].en, statuses[i].st);
		expect_code(status_codes, statuses[i].zh, statuses[i].st);
		/* ASCII case and surrounding spaces do not matter. */
		for (size_t k = 0; k < n; k++)
			buf[k] = statuses[i].en[k] - 'a' + 'A';
		buf[n] = '\0';
		expect_code(status_codes, buf, statuses[i].st);
		buf[0] = statuses[i].en[0];
		expect_code(status_codes, buf, statuses[i].st);
		snprintf(buf, sizeof buf, "  %s\t", statuses[i].en);
		expect_code(status_codes, buf, statuses[i].st);
		snprintf(buf, sizeof buf, " %s ", statuses[i].zh);
		expect_code(status_codes, buf, statuses[i].st);
	}
	assert_int_equal(ST_COUNT, 8);
	expect_code(status_codes, "", -1);
	expect_code(status_codes, "  ", -1);
	expect_code(status_codes, "presen", -1);
	expect_code(status_codes, "presents", -1);
	expect_code(status_codes, "pre sent", -1);
	expect_code(status_codes, "在", -1);
	expect_code(status_codes, "在岗位", -1);
	expect_code(status_codes, "holiday", -1);
	expect_code(status_codes, "excellent", -1);
	/* Messages list the codes with their Chinese names. */
	assert_string_equal(code_list(status_codes),
	    "present 在岗, late 迟到, early 早退, absent 旷工, leave 请假, "
	    "business 公差, training 培训, rest 休息");
}

static void
test_code_out(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++)
		assert_string_equal(code_out(status_codes, statuses[i].st),
		    statuses[i].en);
	lang_zh = true;
	for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++)
		assert_string_equal(code_out(status_codes, statuses[i].st),
		    statuses[i].zh);
	assert_string_equal(code_out(grade_codes, GR_EXCELLENT), "优");
	assert_string_equal(code_out(grade_codes, GR_GOOD), "良");
	assert_string_equal(code_out(grade_codes, GR_FAIR), "平");
	assert_string_equal(code_out(grade_codes, GR_POOR), "差");
}

static void
test_grade_codes(void **state)
{
	(void)state;
	expect_code(grade_codes, "excellent", GR_EXCELLENT);
	expect_code(grade_codes, "good", GR_GOOD);
	expect_code(grade_codes, "fair", GR_FAIR);
	expect_code(grade_codes, "poor", GR_POOR);
	expect_code(grade_codes, "优", GR_EXCELLENT);
	expect_code(grade_codes, "良", GR_GOOD);
	expect_code(grade_codes, "平", GR_FAIR);
	expect_code(grade_codes, "差", GR_POOR);
	expect_code(grade_codes, " Good ", GR_GOOD);
	expect_code(grade_codes, "great", -1);
	/* Better grades compare greater. */
	assert_true(GR_POOR < GR_FAIR && GR_FAIR < GR_GOOD && GR_GOOD < GR_EXCELLENT);
	assert_string_equal(code_out(grade_codes, GR_EXCELLENT), "excellent");
}

static void
test_role_codes(void **state)
{
	(void)state;
	expect_code(role_codes, "secretary", ROLE_SECRETARY);
	expect_code(role_codes, "member", ROLE_MEMBER);
	expect_code(role_codes, "第一书记", ROLE_SECRETARY);
	expect_code(role_codes, "队员", ROLE_MEMBER);
	expect_code(role_codes, "Secretary", ROLE_SECRETARY);
	expect_code(role_codes, "chief", -1);
	assert_string_equal(code_list(role_codes), "secretary 第一书记, member 队员");
}

static void
expect_yesno(const char *s, int want)
{
	int got = yesno_parse(sv_of(s));

	if (got != want)
		fail_msg("yesno_parse('%s') = %d, expected %d", s, got, want);
}

static void
test_yesno(void **state)
{
	static const char *const yes[] = { "yes", "y", "true", "1", "是", "YES", "Yes",
	    "Y", "TRUE", "True", " yes ", "\t是 ", "√", " √ " };
	static const char *const no[] = { "no", "n", "false", "0", "否", "NO", "No",
	    "N", "FALSE", " false ", " 否", "×", "× " };
	static const char *const bad[] = { "", " ", "maybe", "2", "yes!", "ye", "yess",
	    "t", "f", "对", "不", "是的", "on", "off", "01", "-1", "y e s", "√√", "x",
	    "X", "*", "√|×", "y|", "|" };

	(void)state;
	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
		expect_yesno(yes[i], 1);
	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
		expect_yesno(no[i], 0);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		expect_yesno(bad[i], -1);
	assert_string_equal(yesno_out(true), "yes");
	assert_string_equal(yesno_out(false), "no");
	lang_zh = true;
	assert_string_equal(yesno_out(true), "是");
	assert_string_equal(yesno_out(false), "否");
}

/* SPEC section 9, every canonical name with every alias. */
static const struct {
	const char *canon;
	const char *zh[3];
} aliases[] = {
	{ "cadre_id", { "干部编号", "编号" } },
	{ "name", { "姓名" } },
	{ "date", { "日期" } },
	{ "status", { "状态", "考勤" } },
	{ "month", { "月份" } },
	{ "performance", { "考绩" } },
	{ "township", { "乡镇", "乡镇街道" } },
	{ "village", { "村", "行政村" } },
	{ "unit", { "派出单位", "单位", "责任单位" } },
	{ "role", { "职务" } },
	{ "start_date", { "派驻日期" } },
	{ "end_date", { "结束日期" } },
	{ "reserve", { "后备干部" } },
	{ "recalled", { "召回" } },
	{ "birth_date", { "出生日期" } },
	{ "party", { "政治面貌" } },
	{ "rank", { "职级" } },
	{ "unit_level", { "单位层级" } },
	{ "specialty", { "专业", "专长" } },
	{ "bilingual", { "双语" } },
	{ "available", { "可选派" } },
	{ "village_id", { "村编号" } },
	{ "needs", { "村类型" } },
	{ "ethnic", { "民族地区" } },
	{ "paired_unit", { "结对帮扶单位" } },
	{ "priority", { "重点村" } },
	{ "case_id", { "案件编号", "线索编号" } },
	{ "event", { "事项" } },
	{ "kind", { "类别" } },
	{ "person", { "当事人" } },
	{ "deadline", { "期限" } },
	{ "due", { "截止日期" } },
	{ "done", { "完成日期" } },
	{ "result", { "结果" } },
	{ "days", { "天数" } },
	{ "note", { "备注" } },
};
enum { NALIASES = sizeof aliases / sizeof aliases[0] };

static void
expect_match(const char *h, const char *canon, bool want)
{
	if (header_matches(sv_of(h), canon) != want)
		fail_msg("header '%s' %s %s", h, want ? "does not name" : "names", canon);
}

static void
test_header_aliases(void **state)
{
	char buf[128];

	(void)state;
	for (int i = 0; i < NALIASES; i++) {
		const char *c = aliases[i].canon;
		size_t n = strlen(c);

		expect_match(c, c, true);
		for (size_t k = 0; k <= n; k++)
			buf[k] = c[k] >= 'a' && c[k] <= 'z' ? c[k] - 'a' + 'A' : c[k];
		expect_match(buf, c, true);
		snprintf(buf, sizeof buf, "  %s ", c);
		expect_match(buf, c, true);
		for (int k = 0; k < 3 && aliases[i].zh[k]; k++) {
			expect_match(aliases[i].zh[k], c, true);
			snprintf(buf, sizeof buf, " %s  ", aliases[i].zh[k]);
			expect_match(buf, c, true);
		}
		/* No alias of one column names another. */
		for (int j = 0; j < NALIASES; j++) {
			if (j == i)
				continue;
			expect_match(aliases[j].canon, c, false);
			for (int k = 0; k < 3 && aliases[j].zh[k]; k++)
				expect_match(aliases[j].zh[k], c, false);
		}
	}
	expect_match("", "cadre_id", false);
	expect_match("cadre", "cadre_id", false);
	expect_match("cadre_id2", "cadre_id", false);
	expect_match("cadre id", "cadre_id", false);
	expect_match("干部", "cadre_id", false);
	expect_match("干部编号2", "cadre_id", false);
}

/* SPEC section 1: header cells match after spaces and line breaks inside
 * them are removed, without regard to ASCII case. */
static void
test_header_spaces(void **state)
{
	static const char *const yes[] = {
		"cadre_id", " Cadre_ID ", "CADRE_ID", "cadre _id", "cadre_id\n",
		"\ncadre_id", "Cadre\t_ID", "c a d r e _ i d", "cadre_\r\nid",
		"\302\240cadre_id\302\240", "　cadre_id　", "干部编号", "干部\n编号",
		"干部\r\n编号", "干部\r编号", "干部　编号", "干 部 编 号", " 编号 ",
		"编\xc2\xa0号", "\t干部编号\t",
	};
	static const char *const no[] = {
		"cadre-id", "cadreid", "cadre_i", "cadre_idd", "干部编号x", "干部", "编",
		"cadre_id_", "_cadre_id", "cadre\x01_id", "干部\xe3\x80编号",
		"cadre\xc2_id", "ｃａｄｒｅ_ｉｄ", "",
	};

	(void)state;
	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
		expect_match(yes[i], "cadre_id", true);
	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
		expect_match(no[i], "cadre_id", false);
	expect_match("Start Date", "start_date", false);
	expect_match("Start_ Date", "start_date", true);
	expect_match("派驻\n日期", "start_date", true);
	expect_match("乡镇\n街道", "township", true);
	expect_match("责任 单位", "unit", true);
	expect_match("单 位", "unit", true);
	expect_match("单位层级", "unit", false);
	expect_match("单位 层级", "unit_level", true);
	expect_match("Unit_Level", "unit_level", true);
}

/*
 * SPEC sections 2-8: every code of every input code set with every name
 * the SPEC gives it (the first Chinese one is what --lang zh writes),
 * worked out from the SPEC, not from the tables.
 */
static const struct {
	const char *set;
	int code;
	const char *en;
	const char *names[4];
} spec_codes[] = {
	{ "status", ST_PRESENT, "present", { "在岗", "出勤", "正常" } },
	{ "status", ST_LATE, "late", { "迟到" } },
	{ "status", ST_EARLY, "early", { "早退" } },
	{ "status", ST_ABSENT, "absent", { "旷工", "缺勤" } },
	{ "status", ST_LEAVE, "leave", { "请假", "病假", "事假", "休假" } },
	{ "status", ST_BUSINESS, "business", { "公差", "出差" } },
	{ "status", ST_TRAINING, "training", { "培训", "学习" } },
	{ "status", ST_REST, "rest", { "休息", "周末", "节假日", "公休" } },
	{ "grade", GR_EXCELLENT, "excellent", { "优", "优秀" } },
	{ "grade", GR_GOOD, "good", { "良", "良好" } },
	{ "grade", GR_FAIR, "fair", { "平", "一般", "合格" } },
	{ "grade", GR_POOR, "poor", { "差", "较差", "不合格" } },
	{ "role", ROLE_SECRETARY, "secretary", { "第一书记", "队长" } },
	{ "role", ROLE_MEMBER, "member", { "队员", "工作队员", "驻村工作队员" } },
	{ "event", EV_RECEIVED, "received", { "受理" } },
	{ "event", EV_FILED, "filed", { "立案" } },
	{ "event", EV_NOTICE, "notice", { "限期整改", "限期办结" } },
	{ "event", EV_SUPERVISE, "supervise", { "督办" } },
	{ "event", EV_INTERVIEW, "interview", { "约谈" } },
	{ "event", EV_ADMONISH, "admonish", { "诫勉" } },
	{ "event", EV_RECTIFIED, "rectified", { "整改完成" } },
	{ "event", EV_CONCLUDED, "concluded", { "结案" } },
	{ "event", EV_PENALTY, "penalty", { "党纪政纪处分" } },
	{ "event", EV_ORG_HANDLING, "org_handling", { "组织处理" } },
	{ "event", EV_PUBLICIZED, "publicized", { "通报曝光" } },
	{ "event", EV_CLOSED, "closed", { "对账销号" } },
	{ "kind", KIND_LEAD, "lead", { "问题线索" } },
	{ "kind", KIND_ISSUE, "issue", { "巡察/督查发现问题" } },
	{ "party", PARTY_FORMAL, "formal", { "正式党员" } },
	{ "party", PARTY_PROBATIONARY, "probationary", { "预备党员" } },
	{ "party", PARTY_NONE, "none", { NULL } },
	{ "unit_level", LV_PROVINCE, "province", { NULL } },
	{ "unit_level", LV_CITY, "city", { NULL } },
	{ "unit_level", LV_COUNTY, "county", { NULL } },
	{ "unit_level", LV_TOWNSHIP, "township", { NULL } },
	{ "unit_level", LV_ENTERPRISE, "enterprise", { NULL } },
	{ "rank", RK_DIVISION, "division", { "处级" } },
	{ "rank", RK_DIVISION_RESERVE, "division_reserve", { "处级后备" } },
	{ "rank", RK_SECTION, "section", { "科级" } },
	{ "rank", RK_SECTION_RESERVE, "section_reserve", { "科级后备" } },
	{ "rank", RK_MIDDLE, "middle", { "中层" } },
	{ "rank", RK_STAFF, "staff", { "一般干部" } },
	{ "specialty", SP_PARTY, "party", { "党务" } },
	{ "specialty", SP_LEGAL, "legal", { "政法" } },
	{ "specialty", SP_ECONOMY, "economy", { "经济" } },
	{ "specialty", SP_AGRI, "agri", { "农林" } },
	{ "specialty", SP_SOCIAL, "social", { "社会工作" } },
	{ "specialty", SP_OTHER, "other", { NULL } },
	{ "need", NEED_WEAK_PARTY, "weak_party", { "难村", "软弱涣散", "软弱涣散村" } },
	{ "need", NEED_DISORDER, "disorder", { "乱村", "矛盾纠纷突出" } },
	{ "need", NEED_POOR, "poor", { "穷村", "集体经济薄弱" } },
	{ "need", NEED_INDUSTRY, "industry", { "专业村" } },
	{ "result", RESULT_PRESENT, "present", { NULL } },
	{ "result", RESULT_ABSENT, "absent", { NULL } },
};
enum { NSPEC_CODES = sizeof spec_codes / sizeof spec_codes[0] };

static const struct {
	const char *set;
	const struct code *tab;
	int count;
} sets[] = {
	{ "status", status_codes, ST_COUNT }, { "grade", grade_codes, GR_COUNT },
	{ "role", role_codes, ROLE_COUNT }, { "kind", kind_codes, KIND_COUNT },
	{ "event", event_codes, EV_COUNT }, { "party", party_codes, PARTY_COUNT },
	{ "rank", rank_codes, RK_COUNT }, { "unit_level", unit_level_codes, LV_COUNT },
	{ "specialty", specialty_codes, SP_COUNT }, { "need", need_codes, NEED_COUNT },
	{ "result", result_codes, RESULT_COUNT },
};
enum { NSETS = sizeof sets / sizeof sets[0] };

static void
test_every_code_name(void **state)
{
	int seen[NSETS] = { 0 };

	(void)state;
	for (int i = 0; i < NSPEC_CODES; i++) {
		const struct code *tab = codeset_find(spec_codes[i].set);
		int c = spec_codes[i].code;

		if (!tab)
			fail_msg("no code set %s", spec_codes[i].set);
		assert_string_equal(codeset_name(tab), spec_codes[i].set);
		assert_string_equal(tab[c].name, spec_codes[i].en);
		expect_code(tab, spec_codes[i].en, c);
		for (int k = 0; k < 4 && spec_codes[i].names[k]; k++) {
			char buf[64];

			expect_code(tab, spec_codes[i].names[k], c);
			snprintf(buf, sizeof buf, " %s\t", spec_codes[i].names[k]);
			expect_code(tab, buf, c);
		}
		if (spec_codes[i].names[0]) {
			lang_zh = true;
			assert_string_equal(code_out(tab, c), spec_codes[i].names[0]);
			lang_zh = false;
		}
		assert_string_equal(code_out(tab, c), spec_codes[i].en);
		for (int s = 0; s < NSETS; s++)
			seen[s] += sets[s].tab == tab;
	}
	/* Every code of every set is in the list above, and no more. */
	for (int s = 0; s < NSETS; s++) {
		int n = 0;

		assert_ptr_equal(codeset_find(sets[s].set), sets[s].tab);
		while (sets[s].tab[n].name)
			n++;
		if (n != sets[s].count || seen[s] != n)
			fail_msg("code set %s: %d codes, %d in the SPEC's list, enum says %d",
			    sets[s].set, n, seen[s], sets[s].count);
	}
	assert_null(codeset_find("statuses"));
	assert_null(codeset_find("flag"));
	assert_null(codeset_find(""));
	assert_null(codeset_name(NULL));
}

/* Within a set no name means two codes: every name, Chinese name and
 * alias of the tables finds its own code. */
static void
test_names_unique(void **state)
{
	(void)state;
	for (int s = 0; s < NSETS; s++) {
		const struct code *tab = sets[s].tab;

		for (int c = 0; tab[c].name; c++) {
			const char *a = tab[c].alias;

			expect_code(tab, tab[c].name, c);
			if (tab[c].zh)
				expect_code(tab, tab[c].zh, c);
			while (a) {
				const char *bar = strchr(a, '|');
				char buf[64];

				snprintf(buf, sizeof buf, "%.*s", bar ? (int)(bar - a) :
				    (int)strlen(a), a);
				assert_true(buf[0] != '\0');
				expect_code(tab, buf, c);
				a = bar ? bar + 1 : NULL;
			}
		}
	}
	/* A '|' is no name, nor is part of an alias list. */
	expect_code(status_codes, "出勤|正常", -1);
	expect_code(status_codes, "|", -1);
	expect_code(status_codes, "出勤|", -1);
	expect_code(status_codes, "病假|事假", -1);
	expect_code(status_codes, "病", -1);
	expect_code(status_codes, "节假", -1);
}

static void
test_code_list_zh(void **state)
{
	(void)state;
	assert_string_equal(code_list(grade_codes),
	    "poor 差, fair 平, good 良, excellent 优");
	assert_string_equal(code_list(party_codes),
	    "formal 正式党员, probationary 预备党员, none 群众");
	assert_string_equal(code_list(kind_codes), "lead 问题线索, issue 巡察/督查发现问题");
	assert_string_equal(code_list(need_codes),
	    "weak_party 难村, disorder 乱村, poor 穷村, industry 专业村");
	assert_string_equal(code_list(result_codes), "present 在岗, absent 缺岗");
	/* The longest, whole. */
	assert_string_equal(code_list(event_codes),
	    "received 受理, filed 立案, notice 限期整改, supervise 督办, "
	    "interview 约谈, admonish 诫勉, rectified 整改完成, concluded 结案, "
	    "penalty 党纪政纪处分, org_handling 组织处理, publicized 通报曝光, "
	    "closed 对账销号");
	/* More tables than the cache holds, asked in turn, stay right. */
	for (int round = 0; round < 3; round++)
		for (int s = 0; s < NSETS; s++) {
			const char *l = code_list(sets[s].tab);

			assert_true(strncmp(l, sets[s].tab[0].name,
			    strlen(sets[s].tab[0].name)) == 0);
		}
	assert_string_equal(code_list(role_codes), "secretary 第一书记, member 队员");
}

static void
expect_list(const char *s, int rc, unsigned bits, const char *bad)
{
	unsigned got = 12345;
	struct sv b = { NULL, 0 };
	int r = code_list_parse(need_codes, sv_of(s), &got, &b);

	if (r != rc)
		fail_msg("code_list_parse('%s') = %d, expected %d", s, r, rc);
	if (rc == 0 && got != bits)
		fail_msg("code_list_parse('%s'): bits %#x, expected %#x", s, got, bits);
	if (rc < 0 && (b.n != strlen(bad) || memcmp(b.p, bad, b.n) != 0))
		fail_msg("code_list_parse('%s'): bad '%.*s', expected '%s'", s,
		    (int)b.n, b.p ? b.p : "", bad);
}

/* SPEC section 1: lists are separated by ; ； ， or 、. */
static void
test_list_separators(void **state)
{
	const unsigned W = 1u << NEED_WEAK_PARTY, D = 1u << NEED_DISORDER,
	    P = 1u << NEED_POOR, I = 1u << NEED_INDUSTRY;

	(void)state;
	expect_list("", 0, 0, NULL);
	expect_list("  ", 0, 0, NULL);
	expect_list("weak_party", 0, W, NULL);
	expect_list("weak_party;poor", 0, W | P, NULL);
	expect_list("难村；穷村", 0, W | P, NULL);
	expect_list("难村，乱村", 0, W | D, NULL);
	expect_list("难村、专业村", 0, W | I, NULL);
	expect_list("难村,乱村", 0, W | D, NULL); /* ， as the reader folds it */
	expect_list("weak_party;disorder；poor，industry", 0, W | D | P | I, NULL);
	expect_list("软弱涣散村、矛盾纠纷突出、集体经济薄弱", 0, W | D | P, NULL);
	expect_list(" weak_party ; ; poor ;", 0, W | P, NULL);
	expect_list(";;；、", 0, 0, NULL);
	expect_list("难村　、　乱村", 0, W | D, NULL);
	expect_list("难村\xc2\xa0;\t乱村", 0, W | D, NULL);
	expect_list("POOR;Poor;poor", 0, P, NULL);
	expect_list("weak_party;rich", -1, 0, "rich");
	expect_list("难村、富村、乱村", -1, 0, "富村");
	expect_list("x;y", -1, 0, "x");
	expect_list("weak_party poor", -1, 0, "weak_party poor");
	expect_list("weak_party/poor", -1, 0, "weak_party/poor");
	expect_list("难村 。乱村", -1, 0, "难村 。乱村");
	expect_list("poor;　x　;", -1, 0, "x");
}

/* SPEC section 1, Rules: a county's own words for a code. */
static void
test_aliases(void **state)
{
	const struct code *tab;
	const char *word;
	int code;

	(void)state;
	expect_code(status_codes, "驻村", -1);
	assert_int_equal(code_alias_add(status_codes, sv_of("驻村"), ST_PRESENT), 0);
	expect_code(status_codes, "驻村", ST_PRESENT);
	expect_code(status_codes, " 驻村 ", ST_PRESENT);
	expect_code(grade_codes, "驻村", -1); /* only in its own set */
	expect_code(status_codes, "present", ST_PRESENT);
	assert_int_equal(code_alias_add(grade_codes, sv_of(" 称职 "), GR_FAIR), 0);
	expect_code(grade_codes, "称职", GR_FAIR);
	assert_int_equal(code_alias_add(status_codes, sv_of("Sick"), ST_LEAVE), 0);
	expect_code(status_codes, "sick", ST_LEAVE);
	expect_code(status_codes, "SICK", ST_LEAVE);
	/* The same word again: the later one holds. */
	assert_int_equal(code_alias_add(status_codes, sv_of("驻村"), ST_BUSINESS), 0);
	expect_code(status_codes, "驻村", ST_BUSINESS);
	/* A built-in name of another code cannot be taken; of its own, is. */
	assert_int_equal(code_alias_add(status_codes, sv_of("出差"), ST_ABSENT), -1);
	assert_int_equal(code_alias_add(status_codes, sv_of("LATE"), ST_EARLY), -1);
	assert_int_equal(code_alias_add(status_codes, sv_of("出差"), ST_BUSINESS), 0);
	assert_int_equal(code_alias_add(status_codes, sv_of(" "), ST_BUSINESS), -1);
	expect_code(status_codes, "出差", ST_BUSINESS);
	expect_code(status_codes, "late", ST_LATE);
	/* In force, in the order first added. */
	assert_true(code_alias_get(0, &tab, &word, &code));
	assert_ptr_equal(tab, status_codes);
	assert_string_equal(word, "驻村");
	assert_int_equal(code, ST_BUSINESS);
	assert_true(code_alias_get(1, &tab, &word, &code));
	assert_ptr_equal(tab, grade_codes);
	assert_string_equal(word, "称职");
	assert_int_equal(code, GR_FAIR);
	assert_true(code_alias_get(2, &tab, &word, &code));
	assert_string_equal(word, "Sick");
	assert_false(code_alias_get(3, &tab, &word, &code));
	/* Lists read them too. */
	assert_int_equal(code_alias_add(need_codes, sv_of("富民村"), NEED_INDUSTRY), 0);
	expect_list("难村；富民村", 0, 1u << NEED_WEAK_PARTY | 1u << NEED_INDUSTRY, NULL);
	code_aliases_clear();
	expect_code(status_codes, "驻村", -1);
	expect_code(grade_codes, "称职", -1);
	assert_false(code_alias_get(0, &tab, &word, &code));
}

/* The output columns of SPEC sections 2 and 3, and of a rejects file. */
static const char *const out_cols[] = {
	"cadre_id", "name", "month", "days_recorded", "days_in_village", "present",
	"late", "early", "absent", "leave", "business", "training", "rest",
	"required_days", "attendance_score", "performance_score", "total", "year",
	"shortfall", "on_pace", "compliant", "line", "reason",
};

static bool
ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return false;
	return true;
}

static void
test_header_out(void **state)
{
	(void)state;
	for (int i = 0; i < NALIASES; i++)
		assert_string_equal(header_out(aliases[i].canon), aliases[i].canon);
	assert_string_equal(header_out("attendance_score"), "attendance_score");
	lang_zh = true;
	/* --lang zh writes the first Chinese name of SPEC section 9. */
	for (int i = 0; i < NALIASES; i++)
		assert_string_equal(header_out(aliases[i].canon), aliases[i].zh[0]);
	/* Every column written in Chinese is read back by every program. */
	for (size_t i = 0; i < sizeof out_cols / sizeof out_cols[0]; i++) {
		const char *h = header_out(out_cols[i]);

		if (ascii(h))
			fail_msg("--lang zh writes column %s as '%s'", out_cols[i], h);
		if (!header_matches(sv_of(h), out_cols[i]))
			fail_msg("'%s', written for %s, does not read back", h, out_cols[i]);
		expect_match(out_cols[i], out_cols[i], true);
	}
	/* A name no table knows is written as it is. */
	assert_string_equal(header_out("no_such_column"), "no_such_column");
}

static void
test_header_expect(void **state)
{
	(void)state;
	assert_string_equal(header_expect("cadre_id"), "cadre_id or 干部编号/编号");
	assert_string_equal(header_expect("name"), "name or 姓名");
	assert_string_equal(header_expect("village"), "village or 村/行政村");
	assert_string_equal(header_expect("unit"), "unit or 派出单位/单位/责任单位");
	assert_string_equal(header_expect("no_such_column"), "no_such_column");
}

#define T(f) cmocka_unit_test_teardown(f, reset_lang)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_status_codes),
		T(test_code_out),
		T(test_grade_codes),
		T(test_role_codes),
		T(test_yesno),
		T(test_header_aliases),
		T(test_header_out),
		T(test_header_expect),
		T(test_header_spaces),
		T(test_every_code_name),
		T(test_names_unique),
		T(test_code_list_zh),
		T(test_list_separators),
		T(test_aliases),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
