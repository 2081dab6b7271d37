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
	assert_string_equal(code_list(status_codes),
	    "present, late, early, absent, leave, business, training, rest");
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
	assert_string_equal(code_list(role_codes), "secretary, member");
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
	    "Y", "TRUE", "True", " yes ", "\t是 " };
	static const char *const no[] = { "no", "n", "false", "0", "否", "NO", "No",
	    "N", "FALSE", " false ", " 否" };
	static const char *const bad[] = { "", " ", "maybe", "2", "yes!", "ye", "yess",
	    "t", "f", "对", "不", "是的", "on", "off", "01", "-1", "y e s" };

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
	{ "township", { "乡镇" } },
	{ "village", { "村", "行政村" } },
	{ "unit", { "派出单位" } },
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
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
