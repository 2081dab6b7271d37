/*
 * gencounty: writes a made-up county of village cadres, the sample data of
 * the tests, the demo and the benchmark.
 *
 *	gencounty [-s seed] [-c cadres] [-y year] [-o dir] [-g month] [--log-only]
 *
 * writes dir/roster.csv, dir/log.csv and dir/performance.csv (only log.csv
 * with --log-only). -g month (1-12) also writes dir/grid-YYYY-MM.csv, that
 * month of the log as a township keeps it: the monthly attendance sheet
 * (考勤表), saved from a Chinese spreadsheet in GBK, with a title row
 * (2018年3月考勤表), Chinese headers (干部编号, 姓名, 1日..31日), a mark in
 * each cell (√ 迟 早 × ○ 差 培 休, the SPEC's defaults), a totals column
 * (出勤天数, the days in the village), the rows in the order of the names
 * (GBK order, which is pinyin order), and a row with no marks for a
 * dispatched cadre with no log rows. The output depends on the arguments alone: the random
 * numbers come from our own generator and the calendar from our own
 * arithmetic, never from the C library's rand() or the time zone, so the
 * files are the same bytes on every machine.
 *
 * Cadres are numbered from 1 in roster order; the one-based number n, taken
 * modulo 60, decides the special cases, so that the sample county (60
 * cadres) has each of them once and a larger county has them in the same
 * proportion:
 *	n % 60 == 5	starts in the year, on 04-16
 *	n % 60 == 17	starts in the year, on 07-01
 *	n % 60 == 12	behind: on sick leave from 05-02 to 08-31
 *	n % 60 == 32	behind: a quarter of the weekdays on leave, more at rest
 *	n % 60 == 52	behind: many days absent without leave and on leave
 *	n % 60 == 46	ends in the year, on 09-30
 * and only the first block of 60 has these:
 *	n == 7		the unit's name has a comma, so the roster needs quoting
 *	n == 23		in the roster, but no row at all in the log
 *	n == 40		recalled, dispatch ended on 08-31
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
	EX_USAGE = 64,
	EX_SOFTWARE = 70,
	EX_CANTCREAT = 73,
	EX_IOERR = 74
};

enum kind {
	NORMAL,
	BEHIND_BLOCK,   /* a long sick leave */
	BEHIND_LEAVE,   /* leave and rest scattered over the year */
	BEHIND_ABSENT   /* absences without leave */
};

struct cadre {
	char id[16];
	char name[16];
	int village;
	int secretary;
	const char *unit;
	long start, end;   /* day numbers; end < 0: still dispatched */
	int reserve, recalled, nolog;
	enum kind kind;
	char prefix[40];   /* "C0001,王伟," as every log row begins */
	size_t prefixlen;
};

static const char *const surnames[] = {
	"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴",
	"徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗",
	"梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "程",
	"曹", "袁", "邓", "许", "沈", "曾", "彭", "吕", "苏", "卢",
	"蒋", "蔡", "贾", "丁", "魏", "薛", "叶", "潘", "杜", "田",
	"任", "姜", "范", "石", "姚", "谭", "邹", "金", "陆", "郝",
	"孔", "白", "崔", "康", "毛", "秦", "史", "侯", "孟", "包",
};

static const char *const givens[] = {
	"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋",
	"勇", "艳", "杰", "娟", "涛", "明", "超", "霞", "平", "刚",
	"辉", "玲", "建", "国", "华", "志", "海", "红", "春", "文",
	"德", "宝", "金", "玉", "凤", "英", "林", "峰", "斌", "鹏",
	"宇", "晨", "悦", "振", "永", "福", "庆", "雪", "梅", "东",
};

static const char *const units[] = {
	"县委组织部", "县财政局", "县农牧局", "县人民医院", "县教育局",
	"县水利局", "县交通运输局", "县林业和草原局", "县发展和改革局",
	"县人力资源和社会保障局", "县市场监督管理局", "县自然资源局",
	"县供电公司", "县农村信用合作联社", "县委宣传部", "县民政局",
};
#define COMMA_UNIT "县委办,督查室"

/* The sample county's places; a larger county adds composed names. */
static const char *const townships[] = {
	"新城镇", "官地镇", "五十家子镇", "大井镇",
};
static const char *const villages[] = {
	"北沟村", "南营子村", "东山村", "西梁村", "前进村",
	"官地村", "三道沟村", "红旗村", "马架子村", "石门村",
	"五十家子村", "杨树沟村", "榆树林村", "后营子村", "二道河村",
	"大井村", "柳条沟村", "黄土梁村", "十家子村", "上水泉村",
};
static const char *const placeheads[] = {
	"太平", "兴隆", "永丰", "和平", "富裕", "平安", "东风", "长胜",
	"新地", "三义", "四道", "八里", "土城", "林家", "黑水", "白音",
	"青山", "金沟", "银河", "双井", "七家", "九佛", "十八台", "荣兴",
	"广德", "庆丰", "福山", "安乐", "德胜", "万合",
};
static const char *const placetails[] = {
	"沟", "营子", "梁", "洼", "台", "屯", "堡", "庄", "店", "甸子",
	"河", "山", "坡", "湾", "岭", "泉", "窝铺", "地", "滩", "川",
};

static const char *const statuses[] = {
	"present", "late", "early", "absent", "leave", "business",
	"training", "rest",
};
enum status {
	PRESENT, LATE, EARLY, ABSENT, LEAVE, BUSINESS, TRAINING, REST
};

/* The sheet's mark for each status (SPEC section 11's defaults). */
static const char *const marks[] = {
	"√", "迟", "早", "×", "○", "差", "培", "休",
};

/*
 * GBK for the few characters the sheet holds (names, title, headers,
 * marks), sorted by their UTF-8 bytes: the generator links nothing but
 * libm, and a table of these is smaller than a converter.
 */
static const struct {
	const char *utf8, *gbk;
} gbk_table[] = {
	{ "×", "\xa1\xc1" }, { "√", "\xa1\xcc" }, { "○", "\xa1\xf0" }, { "丁", "\xb6\xa1" },
	{ "东", "\xb6\xab" }, { "丽", "\xc0\xf6" }, { "于", "\xd3\xda" }, { "任", "\xc8\xce" },
	{ "休", "\xd0\xdd" }, { "伟", "\xce\xb0" }, { "何", "\xba\xce" }, { "侯", "\xba\xee" },
	{ "军", "\xbe\xfc" }, { "冯", "\xb7\xeb" }, { "凤", "\xb7\xef" }, { "出", "\xb3\xf6" },
	{ "刘", "\xc1\xf5" }, { "刚", "\xb8\xd5" }, { "勇", "\xd3\xc2" }, { "勤", "\xc7\xda" },
	{ "包", "\xb0\xfc" }, { "华", "\xbb\xaa" }, { "卢", "\xc2\xac" }, { "史", "\xca\xb7" },
	{ "叶", "\xd2\xb6" }, { "号", "\xba\xc5" }, { "名", "\xc3\xfb" }, { "吕", "\xc2\xc0" },
	{ "吴", "\xce\xe2" }, { "周", "\xd6\xdc" }, { "唐", "\xcc\xc6" }, { "国", "\xb9\xfa" },
	{ "培", "\xc5\xe0" }, { "天", "\xcc\xec" }, { "姓", "\xd0\xd5" }, { "姚", "\xd2\xa6" },
	{ "姜", "\xbd\xaa" }, { "娜", "\xc4\xc8" }, { "娟", "\xbe\xea" }, { "孔", "\xbf\xd7" },
	{ "孙", "\xcb\xef" }, { "孟", "\xc3\xcf" }, { "宇", "\xd3\xee" }, { "宋", "\xcb\xce" },
	{ "宝", "\xb1\xa6" }, { "峰", "\xb7\xe5" }, { "崔", "\xb4\xde" }, { "差", "\xb2\xee" },
	{ "干", "\xb8\xc9" }, { "平", "\xc6\xbd" }, { "年", "\xc4\xea" }, { "庆", "\xc7\xec" },
	{ "康", "\xbf\xb5" }, { "建", "\xbd\xa8" }, { "张", "\xd5\xc5" }, { "强", "\xc7\xbf" },
	{ "彭", "\xc5\xed" }, { "徐", "\xd0\xec" }, { "德", "\xb5\xc2" }, { "志", "\xd6\xbe" },
	{ "悦", "\xd4\xc3" }, { "振", "\xd5\xf1" }, { "敏", "\xc3\xf4" }, { "数", "\xca\xfd" },
	{ "文", "\xce\xc4" }, { "斌", "\xb1\xf3" }, { "日", "\xc8\xd5" }, { "早", "\xd4\xe7" },
	{ "明", "\xc3\xf7" }, { "春", "\xb4\xba" }, { "晨", "\xb3\xbf" }, { "曹", "\xb2\xdc" },
	{ "曾", "\xd4\xf8" }, { "月", "\xd4\xc2" }, { "朱", "\xd6\xec" }, { "李", "\xc0\xee" },
	{ "杜", "\xb6\xc5" }, { "杨", "\xd1\xee" }, { "杰", "\xbd\xdc" }, { "林", "\xc1\xd6" },
	{ "梁", "\xc1\xba" }, { "梅", "\xc3\xb7" }, { "毛", "\xc3\xab" }, { "永", "\xd3\xc0" },
	{ "沈", "\xc9\xf2" }, { "洋", "\xd1\xf3" }, { "海", "\xba\xa3" }, { "涛", "\xcc\xce" },
	{ "潘", "\xc5\xcb" }, { "玉", "\xd3\xf1" }, { "王", "\xcd\xf5" }, { "玲", "\xc1\xe1" },
	{ "田", "\xcc\xef" }, { "白", "\xb0\xd7" }, { "石", "\xca\xaf" }, { "磊", "\xc0\xda" },
	{ "福", "\xb8\xa3" }, { "秦", "\xc7\xd8" }, { "程", "\xb3\xcc" }, { "红", "\xba\xec" },
	{ "编", "\xb1\xe0" }, { "罗", "\xc2\xde" }, { "考", "\xbf\xbc" }, { "胡", "\xba\xfa" },
	{ "艳", "\xd1\xde" }, { "芳", "\xb7\xbc" }, { "苏", "\xcb\xd5" }, { "英", "\xd3\xa2" },
	{ "范", "\xb7\xb6" }, { "董", "\xb6\xad" }, { "蒋", "\xbd\xaf" }, { "蔡", "\xb2\xcc" },
	{ "薛", "\xd1\xa6" }, { "表", "\xb1\xed" }, { "袁", "\xd4\xac" }, { "许", "\xd0\xed" },
	{ "谢", "\xd0\xbb" }, { "谭", "\xcc\xb7" }, { "贾", "\xbc\xd6" }, { "赵", "\xd5\xd4" },
	{ "超", "\xb3\xac" }, { "辉", "\xbb\xd4" }, { "迟", "\xb3\xd9" }, { "邓", "\xb5\xcb" },
	{ "邹", "\xd7\xde" }, { "郑", "\xd6\xa3" }, { "郝", "\xba\xc2" }, { "部", "\xb2\xbf" },
	{ "郭", "\xb9\xf9" }, { "金", "\xbd\xf0" }, { "陆", "\xc2\xbd" }, { "陈", "\xb3\xc2" },
	{ "雪", "\xd1\xa9" }, { "霞", "\xcf\xbc" }, { "静", "\xbe\xb2" }, { "韩", "\xba\xab" },
	{ "马", "\xc2\xed" }, { "高", "\xb8\xdf" }, { "魏", "\xce\xba" }, { "鹏", "\xc5\xf4" },
	{ "黄", "\xbb\xc6" },
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define PER_VILLAGE 3
#define PER_TOWNSHIP 5

static const char *progname = "gencounty";

static void
usage(int status)
{
	fprintf(status == 0 ? stdout : stderr, "usage: %s [-s seed] "
	    "[-c cadres] [-y year] [-o dir] [-g month] [--log-only]\n", progname);
	exit(status);
}

/* splitmix64: small, fast and the same on every machine. */
static uint64_t
next(uint64_t *s)
{
	uint64_t z;

	z = (*s += UINT64_C(0x9e3779b97f4a7c15));
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

static unsigned
pick(uint64_t *s, unsigned n)
{
	return (unsigned)((next(s) >> 11) % n);
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static long
days_from_civil(int y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil_from_days(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* 0 Sunday .. 6 Saturday; 1970-01-01 was a Thursday. */
static int
weekday(long z)
{
	return (int)(((z % 7) + 7 + 4) % 7);
}

static void
fmtdate(char *buf, size_t size, long z)
{
	int y, m, d;

	civil_from_days(z, &y, &m, &d);
	snprintf(buf, size, "%04d-%02d-%02d", y, m, d);
}

/* Output through one large buffer: the benchmark's log has millions of
 * rows, and a call into stdio per field would be most of the time. */
struct out {
	FILE *fp;
	const char *path;
	size_t n;
	char buf[1 << 20];
};

static void
out_flush(struct out *o)
{
	if (o->n > 0 && fwrite(o->buf, 1, o->n, o->fp) != o->n) {
		fprintf(stderr, "%s: %s: %s\n", progname, o->path,
		    strerror(errno));
		exit(EX_IOERR);
	}
	o->n = 0;
}

static void
out_mem(struct out *o, const char *s, size_t len)
{
	if (len > sizeof(o->buf) - o->n)
		out_flush(o);
	memcpy(o->buf + o->n, s, len);
	o->n += len;
}

static void
out_str(struct out *o, const char *s)
{
	out_mem(o, s, strlen(s));
}

/* A field, quoted only when it must be (RFC 4180). */
static void
out_field(struct out *o, const char *s, int last)
{
	const char *p;

	if (strpbrk(s, ",\"\r\n") == NULL)
		out_str(o, s);
	else {
		out_mem(o, "\"", 1);
		for (p = s; *p != '\0'; p++) {
			if (*p == '"')
				out_mem(o, "\"", 1);
			out_mem(o, p, 1);
		}
		out_mem(o, "\"", 1);
	}
	out_mem(o, last ? "\n" : ",", 1);
}

static struct out *
out_open(const char *dir, const char *file)
{
	struct out *o;
	size_t len;
	char *path;

	len = strlen(dir) + strlen(file) + 2;
	if ((o = malloc(sizeof(*o))) == NULL || (path = malloc(len)) == NULL) {
		fprintf(stderr, "%s: out of memory\n", progname);
		exit(EX_IOERR);
	}
	snprintf(path, len, "%s/%s", dir, file);
	if ((o->fp = fopen(path, "w")) == NULL) {
		fprintf(stderr, "%s: %s: %s\n", progname, path,
		    strerror(errno));
		exit(EX_CANTCREAT);
	}
	o->path = path;
	o->n = 0;
	return o;
}

static void
out_close(struct out *o)
{
	out_flush(o);
	if (fclose(o->fp) != 0) {
		fprintf(stderr, "%s: %s: %s\n", progname, o->path,
		    strerror(errno));
		exit(EX_IOERR);
	}
	free((char *)o->path);
	free(o);
}

/* Names of places past the sample county's: head + tail, and a number
 * once the pairs run out, so that no two places share a name. */
static void
placename(char *buf, size_t size, int i, const char *suffix)
{
	unsigned nh = NELEM(placeheads), nt = NELEM(placetails);
	unsigned u = (unsigned)i;

	if (u < nh * nt)
		snprintf(buf, size, "%s%s%s", placeheads[u % nh],
		    placetails[u / nh % nt], suffix);
	else
		snprintf(buf, size, "%s%s%u%s", placeheads[u % nh],
		    placetails[u / nh % nt], u / (nh * nt), suffix);
}

static void
township_name(char *buf, size_t size, int t)
{
	if ((size_t)t < NELEM(townships))
		snprintf(buf, size, "%s", townships[t]);
	else
		placename(buf, size, t - (int)NELEM(townships),
		    t % 3 == 0 ? "乡" : "镇");
}

static void
village_name(char *buf, size_t size, int v)
{
	if ((size_t)v < NELEM(villages))
		snprintf(buf, size, "%s", villages[v]);
	else
		placename(buf, size, v - (int)NELEM(villages), "村");
}

/* The dispatch batches before the year: counties send cadres in batches,
 * so start dates bunch on a few days. */
static long
batch_start(uint64_t *s, int year)
{
	static const int md[][2] = {
		{ 3, 1 }, { 5, 15 }, { 9, 1 }, { 11, 20 },
	};
	unsigned i;

	i = pick(s, NELEM(md) + 2);
	if (i >= NELEM(md))   /* the new year's batch, the largest */
		return days_from_civil(year, 1, 1);
	return days_from_civil(year - 1, md[i][0], md[i][1]);
}

/* "C" and num in width digits, zero-padded, so that byte order is the
 * numeric order the programs sort by. */
static void
fmtid(char *buf, int num, int width)
{
	int i;

	buf[0] = 'C';
	for (i = width; i > 0; i--, num /= 10)
		buf[i] = (char)('0' + num % 10);
	buf[width + 1] = '\0';
}

static void
make_roster(struct cadre *c, int n, int year, uint64_t seed)
{
	uint64_t s = seed ^ UINT64_C(0x726f73746572);   /* "roster" */
	const char *sur, *g1, *g2;
	int width, k, num, m;

	for (width = 1, m = n; m >= 10; m /= 10)
		width++;
	if (width < 4)
		width = 4;
	for (k = 0; k < n; k++) {
		num = k + 1;
		fmtid(c[k].id, num, width);
		/* One pick per statement: the order in which a call's
		 * arguments are evaluated differs between compilers. */
		sur = surnames[pick(&s, NELEM(surnames))];
		g1 = givens[pick(&s, NELEM(givens))];
		g2 = pick(&s, 8) == 0 ? "" : givens[pick(&s, NELEM(givens))];
		snprintf(c[k].name, sizeof(c[k].name), "%s%s%s", sur, g1, g2);
		c[k].village = k / PER_VILLAGE;
		c[k].secretary = k % PER_VILLAGE == 0;
		c[k].unit = num == 7 ? COMMA_UNIT :
		    units[pick(&s, NELEM(units))];
		c[k].start = batch_start(&s, year);
		c[k].end = -1;
		c[k].reserve = pick(&s, 4) == 0;
		c[k].recalled = num == 40;
		c[k].nolog = num == 23;
		c[k].kind = NORMAL;
		switch (num % 60) {
		case 5:
			c[k].start = days_from_civil(year, 4, 16);
			break;
		case 17:
			c[k].start = days_from_civil(year, 7, 1);
			break;
		case 12:
			c[k].kind = BEHIND_BLOCK;
			break;
		case 32:
			c[k].kind = BEHIND_LEAVE;
			break;
		case 52:
			c[k].kind = BEHIND_ABSENT;
			break;
		case 46:
			c[k].end = days_from_civil(year, 9, 30);
			break;
		}
		if (c[k].recalled)
			c[k].end = days_from_civil(year, 8, 31);
		c[k].prefixlen = (size_t)snprintf(c[k].prefix,
		    sizeof(c[k].prefix), "%s,%s,", c[k].id, c[k].name);
	}
}

static void
write_roster(const char *dir, const struct cadre *c, int n)
{
	struct out *o;
	char buf[64];
	int k, v;

	o = out_open(dir, "roster.csv");
	out_str(o, "cadre_id,name,township,village,unit,role,start_date,"
	    "end_date,reserve,recalled\n");
	for (k = 0; k < n; k++) {
		v = c[k].village;
		out_field(o, c[k].id, 0);
		out_field(o, c[k].name, 0);
		township_name(buf, sizeof(buf), v / PER_TOWNSHIP);
		out_field(o, buf, 0);
		village_name(buf, sizeof(buf), v);
		out_field(o, buf, 0);
		out_field(o, c[k].unit, 0);
		out_field(o, c[k].secretary ? "secretary" : "member", 0);
		fmtdate(buf, sizeof(buf), c[k].start);
		out_field(o, buf, 0);
		if (c[k].end >= 0)
			fmtdate(buf, sizeof(buf), c[k].end);
		else
			buf[0] = '\0';
		out_field(o, buf, 0);
		out_field(o, c[k].reserve ? "yes" : "no", 0);
		out_field(o, c[k].recalled ? "yes" : "no", 1);
	}
	out_close(o);
}

/* A working day of a cadre who keeps the rules: in the village on about
 * 95 in 100, as a county's real logs show. r is in 0..999. */
static enum status
normal_weekday(unsigned r)
{
	if (r < 20)
		return LATE;
	if (r < 30)
		return EARLY;
	if (r < 35)
		return ABSENT;
	if (r < 60)
		return LEAVE;
	if (r < 85)
		return BUSINESS;
	if (r < 100)
		return TRAINING;
	if (r < 105)
		return REST;
	return PRESENT;
}

/* The public holidays on fixed dates; the lunar ones move every year and
 * are left out. */
static int
holiday(long day)
{
	int y, m, d;

	civil_from_days(day, &y, &m, &d);
	return (m == 1 && d == 1) || (m == 5 && d == 1) ||
	    (m == 10 && d >= 1 && d <= 3);
}

static enum status
day_status(const struct cadre *c, long day, int year, uint64_t *s)
{
	unsigned r = pick(s, 1000);
	int wd = weekday(day);

	if (wd == 0 || wd == 6 || holiday(day)) {
		/* The ones behind do not make up for it at weekends. */
		if (c->kind != NORMAL || r >= 100)
			return REST;
		return r < 70 ? PRESENT : BUSINESS;
	}
	switch (c->kind) {
	case BEHIND_BLOCK:
		if (day >= days_from_civil(year, 5, 2) &&
		    day <= days_from_civil(year, 8, 31))
			return LEAVE;
		return normal_weekday(r);
	case BEHIND_LEAVE:
		if (r < 250)
			return LEAVE;
		if (r < 350)
			return REST;
		return normal_weekday(r - 350);
	case BEHIND_ABSENT:
		if (r < 120)
			return ABSENT;
		if (r < 300)
			return LEAVE;
		return normal_weekday(r - 300);
	case NORMAL:
		break;
	}
	return normal_weekday(r);
}

static int
dispatched(const struct cadre *c, long day)
{
	return !c->nolog && day >= c->start && (c->end < 0 || day <= c->end);
}

/* Rows by date, then cadre: the order of a daily export. With grid, the
 * statuses of month gm also go there, 31 days a cadre (-1: no row). */
static void
write_log(const char *dir, const struct cadre *c, int n, int year,
    uint64_t seed, signed char *grid, int gm)
{
	uint64_t s = seed ^ UINT64_C(0x6c6f67);   /* "log" */
	struct out *o;
	long day, first, last, gfirst = 0, gend = 0;
	char date[16];
	size_t datelen, len;
	enum status st;
	int k;

	o = out_open(dir, "log.csv");
	out_str(o, "cadre_id,name,date,status\n");
	first = days_from_civil(year, 1, 1);
	last = days_from_civil(year, 12, 31);
	if (grid != NULL) {
		gfirst = days_from_civil(year, gm, 1);
		gend = days_from_civil(gm == 12 ? year + 1 : year,
		    gm == 12 ? 1 : gm + 1, 1);
	}
	for (day = first; day <= last; day++) {
		fmtdate(date, sizeof(date) - 1, day);
		datelen = strlen(date);
		date[datelen++] = ',';
		for (k = 0; k < n; k++) {
			if (!dispatched(&c[k], day))
				continue;
			st = day_status(&c[k], day, year, &s);
			if (grid != NULL && day >= gfirst && day < gend)
				grid[(size_t)k * 31 + (size_t)(day - gfirst)] =
				    (signed char)st;
			len = strlen(statuses[st]);
			out_mem(o, c[k].prefix, c[k].prefixlen);
			out_mem(o, date, datelen);
			out_mem(o, statuses[st], len);
			out_mem(o, "\n", 1);
		}
	}
	out_close(o);
}

/* s in GBK, from the table; a character not in it is the generator's
 * own mistake. */
static void
out_gbk(struct out *o, const char *s)
{
	size_t lo, hi, mid, len;
	int c;

	while (*s != '\0') {
		if ((unsigned char)*s < 0x80) {
			out_mem(o, s++, 1);
			continue;
		}
		len = (unsigned char)*s >= 0xE0 ? 3 : 2;
		lo = 0;
		hi = NELEM(gbk_table);
		c = 1;
		while (lo < hi) {
			mid = (lo + hi) / 2;
			c = strncmp(s, gbk_table[mid].utf8, len);
			if (c == 0)
				break;
			if (c < 0)
				hi = mid;
			else
				lo = mid + 1;
		}
		if (c != 0) {
			fprintf(stderr, "%s: no GBK for '%.*s'\n", progname,
			    (int)len, s);
			exit(EX_SOFTWARE);
		}
		out_mem(o, gbk_table[mid].gbk, 2);
		s += len;
	}
}

/* Rows of the sheet in the order of the names in GBK bytes, then ids. */
static const struct cadre *sheet_cadres;

static void
name_gbk(const char *s, unsigned char *buf, size_t size)
{
	size_t n = 0, i, len;

	for (; *s != '\0' && n + 2 < size; s += len) {
		len = (unsigned char)*s >= 0xE0 ? 3 : 1;
		for (i = 0; i < NELEM(gbk_table); i++)
			if (strncmp(s, gbk_table[i].utf8, len) == 0)
				break;
		if (i == NELEM(gbk_table))
			buf[n++] = (unsigned char)*s;
		else {
			buf[n++] = (unsigned char)gbk_table[i].gbk[0];
			buf[n++] = (unsigned char)gbk_table[i].gbk[1];
		}
	}
	buf[n] = '\0';
}

static int
by_name_gbk(const void *a, const void *b)
{
	const struct cadre *x = &sheet_cadres[*(const int *)a];
	const struct cadre *y = &sheet_cadres[*(const int *)b];
	unsigned char gx[48], gy[48];
	int c;

	name_gbk(x->name, gx, sizeof(gx));
	name_gbk(y->name, gy, sizeof(gy));
	if ((c = strcmp((const char *)gx, (const char *)gy)) != 0)
		return c;
	return strcmp(x->id, y->id);
}

/* The monthly attendance sheet of month gm: a row for each cadre
 * dispatched in the month, also one without log rows. */
static void
write_grid(const char *dir, const struct cadre *c, int n, int year, int gm,
    const signed char *grid)
{
	struct out *o;
	char file[32], buf[64];
	long from, to;
	int *order, k, i, d, ndays, total, cols;

	ndays = (int)(days_from_civil(gm == 12 ? year + 1 : year,
	    gm == 12 ? 1 : gm + 1, 1) - days_from_civil(year, gm, 1));
	from = days_from_civil(year, gm, 1);
	to = from + ndays - 1;
	if ((order = malloc((size_t)n * sizeof(*order))) == NULL) {
		fprintf(stderr, "%s: out of memory\n", progname);
		exit(EX_IOERR);
	}
	for (k = 0, i = 0; k < n; k++)
		if (c[k].start <= to && (c[k].end < 0 || c[k].end >= from))
			order[i++] = k;
	sheet_cadres = c;
	qsort(order, (size_t)i, sizeof(*order), by_name_gbk);

	snprintf(file, sizeof(file), "grid-%04d-%02d.csv", year, gm);
	o = out_open(dir, file);
	/* The title, a merged cell that a spreadsheet writes as the first
	 * cell of a row as wide as the table. */
	snprintf(buf, sizeof(buf), "%d年%d月考勤表", year, gm);
	out_gbk(o, buf);
	cols = 2 + ndays + 1;
	for (d = 1; d < cols; d++)
		out_mem(o, ",", 1);
	out_mem(o, "\n", 1);
	out_gbk(o, "干部编号,姓名");
	for (d = 1; d <= ndays; d++) {
		snprintf(buf, sizeof(buf), ",%d日", d);
		out_gbk(o, buf);
	}
	out_gbk(o, ",出勤天数\n");
	for (k = 0; k < i; k++) {
		const struct cadre *p = &c[order[k]];
		const signed char *g = grid + (size_t)order[k] * 31;

		out_str(o, p->id);
		out_mem(o, ",", 1);
		out_gbk(o, p->name);
		total = 0;
		for (d = 0; d < ndays; d++) {
			out_mem(o, ",", 1);
			if (g[d] < 0)
				continue;
			out_gbk(o, marks[g[d]]);
			total += g[d] != ABSENT && g[d] != LEAVE && g[d] != REST;
		}
		snprintf(buf, sizeof(buf), ",%d\n", total);
		out_str(o, buf);
	}
	out_close(o);
	free(order);
}

/* The 考绩 points of each cadre-month with log rows; about one in a
 * hundred is left out, as a busy township forgets to send some. */
static void
write_performance(const char *dir, const struct cadre *c, int n, int year,
    uint64_t seed)
{
	uint64_t s = seed ^ UINT64_C(0x70657266);   /* "perf" */
	struct out *o;
	long from, to;
	unsigned tenths, half;
	char buf[64];
	int k, m;

	o = out_open(dir, "performance.csv");
	out_str(o, "cadre_id,month,performance\n");
	for (k = 0; k < n; k++) {
		for (m = 1; m <= 12; m++) {
			from = days_from_civil(year, m, 1);
			to = days_from_civil(m == 12 ? year + 1 : year,
			    m == 12 ? 1 : m + 1, 1) - 1;
			if (c[k].nolog || c[k].start > to ||
			    (c[k].end >= 0 && c[k].end < from))
				continue;
			if (pick(&s, 100) == 0)
				continue;
			if (c[k].kind == NORMAL)
				tenths = 420 + 10 * pick(&s, 19);
			else
				tenths = 300 + 10 * pick(&s, 16);
			half = pick(&s, 10) < 3;
			if (half && tenths < 600)
				tenths += 5;
			if (tenths % 10 != 0)
				snprintf(buf, sizeof(buf), "%s,%04d-%02d,%u.%u\n",
				    c[k].id, year, m, tenths / 10, tenths % 10);
			else
				snprintf(buf, sizeof(buf), "%s,%04d-%02d,%u\n",
				    c[k].id, year, m, tenths / 10);
			out_str(o, buf);
		}
	}
	out_close(o);
}

static long
number(const char *arg, long min, long max, const char *what)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (errno != 0 || end == arg || *end != '\0' || v < min || v > max) {
		fprintf(stderr, "%s: %s must be a number from %ld to %ld: %s\n",
		    progname, what, min, max, arg);
		usage(EX_USAGE);
	}
	return v;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "log-only", no_argument, NULL, 'L' },
		{ NULL, 0, NULL, 0 }
	};
	struct cadre *cadres;
	const char *dir = ".";
	uint64_t seed = 2018;
	signed char *grid = NULL;
	int ch, n = 60, year = 2018, logonly = 0, gm = 0;

	while ((ch = getopt_long(argc, argv, "c:g:ho:s:y:", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'c':
			n = (int)number(optarg, 1, 9999999, "cadres");
			break;
		case 'g':
			gm = (int)number(optarg, 1, 12, "month");
			break;
		case 'L':
			logonly = 1;
			break;
		case 'o':
			dir = optarg;
			break;
		case 's':
			seed = (uint64_t)number(optarg, 0, LONG_MAX, "seed");
			break;
		case 'y':
			year = (int)number(optarg, 1971, 9998, "year");
			break;
		case 'h':
			usage(0);
			break;
		default:
			usage(EX_USAGE);
		}
	}
	if (optind != argc)
		usage(EX_USAGE);

	if ((cadres = calloc((size_t)n, sizeof(*cadres))) == NULL) {
		fprintf(stderr, "%s: out of memory\n", progname);
		return EX_IOERR;
	}
	make_roster(cadres, n, year, seed);
	if (!logonly)
		write_roster(dir, cadres, n);
	if (gm != 0) {
		if ((grid = malloc((size_t)n * 31)) == NULL) {
			fprintf(stderr, "%s: out of memory\n", progname);
			return EX_IOERR;
		}
		memset(grid, -1, (size_t)n * 31);
	}
	write_log(dir, cadres, n, year, seed, grid, gm);
	if (gm != 0)
		write_grid(dir, cadres, n, year, gm, grid);
	free(grid);
	if (!logonly)
		write_performance(dir, cadres, n, year, seed);
	free(cadres);
	return 0;
}
