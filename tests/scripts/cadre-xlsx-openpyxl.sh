#!/bin/sh
# cadre-xlsx's workbook read back by a client nobody here wrote: Debian's
# python3-openpyxl (SPEC section 10). Four sheets (NAME=FILE, a file's
# base name, standard input named after the workbook), a title and a chart;
# then each cell's value and type (ids, id numbers, codes with leading
# zeros, months, dates, quarters and text that looks like a formula stay
# strings; scores, days and signed numbers are numbers), the merged title,
# the bold and frozen header, the autofilter, column widths from display
# width, the print settings (A4 landscape, one page wide, the header row
# repeated, page numbers in the footer) and the bar chart beside the table
# of its sheet only, against the first column.
#
# Run by tests/run as one test: tests/scripts/cadre-xlsx-openpyxl.sh
# BUILD_DIR.
set -eu
B=${1:?usage: cadre-xlsx-openpyxl.sh BUILD_DIR}
case $B in /*) ;; *) B=$(pwd)/$B ;; esac
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
py=/usr/bin/python3
if ! "$py" -c 'import openpyxl' 2>/dev/null; then
	echo "no openpyxl for $py (Debian python3-openpyxl: ./setup --deps installs it)"
	exit 1
fi
cd "$work"

cat >cadres.csv <<'EOF'
cadre_id,name,id_number,code,month,date,quarter,score,days,delta,note
C0001,王明,110101199003071234,0012,2018-03,2018-03-05,2018Q1,87.33,22,-3,"派驻, 第一书记"
C0002,李红,110101198504125670,0034,2018-04,2018-04-01,2018Q2,90,20,0,
C0003,Ｚhang,110101197001010011,1200,2018-05,2018-05-31,2018Q2,40,,5.5,"=HYPERLINK(""x"")"
EOF
cat >towns.csv <<'EOF'
township,cadres,avg_total,rank
新城镇,14,89.75,1
五十家子镇,15,86.78,2
EOF
"$B/bin/cadre-xlsx" -o bulletin.xlsx --title '2018年第一季度驻村干部通报' \
    --chart 乡镇:avg_total 干部=cadres.csv 乡镇=towns.csv ./towns.csv - <<'EOF' 2>err
village,days
北沟村,200
EOF
[ ! -s err ] || { echo "stderr: $(cat err)"; exit 1; }

"$py" - <<'EOF'
import sys
import openpyxl

bad = []
def want(what, got, expected):
    if got != expected:
        bad.append("%s: %r, expected %r" % (what, got, expected))

wb = openpyxl.load_workbook("bulletin.xlsx")
want("sheets", wb.sheetnames, ["干部", "乡镇", "towns", "bulletin"])

# Values and their types, cell by cell: 's' a string, 'n' a number.
ws = wb["干部"]
rows = {
    3: ["C0001", "王明", "110101199003071234", "0012", "2018-03", "2018-03-05",
        "2018Q1", 87.33, 22, -3, "派驻, 第一书记"],
    4: ["C0002", "李红", "110101198504125670", "0034", "2018-04", "2018-04-01",
        "2018Q2", 90, 20, 0, None],
    5: ["C0003", "Ｚhang", "110101197001010011", "1200", "2018-05", "2018-05-31",
        "2018Q2", 40, None, 5.5, '=HYPERLINK("x")'],
}
numbers = {8, 9, 10}  # score, days, delta
for r, values in rows.items():
    for c, v in enumerate(values, 1):
        cell = ws.cell(row=r, column=c)
        want("干部 %s value" % cell.coordinate, cell.value, v)
        if v is None:
            continue
        want("干部 %s type" % cell.coordinate, cell.data_type,
             "n" if c in numbers else "s")
        if c in numbers:
            want("干部 %s is a number" % cell.coordinate,
                 isinstance(cell.value, (int, float)), True)
        else:
            want("干部 %s is a string" % cell.coordinate, isinstance(cell.value, str), True)
want("the id C0001", ws["A3"].value, "C0001")
want("the month 2018-03", ws["E3"].value, "2018-03")
want("the score 87.33", ws["H3"].value, 87.33)

heads = ["cadre_id", "name", "id_number", "code", "month", "date", "quarter",
         "score", "days", "delta", "note"]
towns = ["township", "cadres", "avg_total", "rank"]
tables = {"干部": (heads, "K", 5), "乡镇": (towns, "D", 4), "towns": (towns, "D", 4),
          "bulletin": (["village", "days"], "B", 3)}
for name, (head, last, lastrow) in tables.items():
    ws = wb[name]
    want(name + " title", ws["A1"].value, "2018年第一季度驻村干部通报")
    want(name + " merged title", [str(m) for m in ws.merged_cells.ranges], ["A1:%s1" % last])
    want(name + " title bold", ws["A1"].font.b, True)
    want(name + " header", [ws.cell(row=2, column=c).value for c in range(1, len(head) + 1)], head)
    want(name + " header bold", all(ws.cell(row=2, column=c).font.b
                                    for c in range(1, len(head) + 1)), True)
    want(name + " data not bold", ws["A3"].font.b, False)
    want(name + " frozen under the header", ws.freeze_panes, "A3")
    want(name + " autofilter", ws.auto_filter.ref, "A2:%s%d" % (last, lastrow))
    ps = ws.page_setup
    want(name + " orientation", ps.orientation, "landscape")
    want(name + " paper A4 (9)", str(ps.paperSize), "9")
    want(name + " fit to page", ws.sheet_properties.pageSetUpPr.fitToPage, True)
    # One page wide: fitToWidth 1 (absent means 1 in ECMA-376), any height.
    want(name + " fit to width", ps.fitToWidth in (None, 1), True)
    want(name + " fit to height", ps.fitToHeight, 0)
    want(name + " rows repeated", ws.print_title_rows.replace("$", ""), "2:2")
    want(name + " footer", ws.oddFooter.center.text, "第 &P 页 共 &N 页")

# Column widths from display width, plus 3 (margins and the filter button):
# cadre_id 8, Ｚhang 6 (Ｚ is full-width), 派驻, 第一书记 14 and
# =HYPERLINK("x") 15, 五十家子镇 10, the month 2018-03 7 (its header 5).
widths = {("干部", "A"): 11, ("干部", "B"): 9, ("干部", "E"): 10, ("干部", "K"): 18,
          ("乡镇", "A"): 13, ("乡镇", "C"): 12, ("bulletin", "A"): 10}
for (name, col), w in widths.items():
    got = wb[name].column_dimensions[col].width
    # Excel stores a width with its cell padding (about 0.71) added.
    want("%s column %s width" % (name, col), int(got or 0), w)

# The chart: on 乡镇 only (towns has the same column, but --chart names
# the sheet), a bar chart of avg_total against the townships,
# beside the table (column F, the first after a gap), at the header's row.
want("charts on 干部", len(wb["干部"]._charts), 0)
want("charts on towns", len(wb["towns"]._charts), 0)
want("charts on bulletin", len(wb["bulletin"]._charts), 0)
charts = wb["乡镇"]._charts
want("charts on 乡镇", len(charts), 1)
if charts:
    ch = charts[0]
    want("chart kind", (ch.tagname, ch.barDir), ("barChart", "bar"))
    s = ch.series[0]
    want("chart values", s.val.numRef.f, "'乡镇'!$C$3:$C$4")
    want("chart categories", s.cat.strRef.f if s.cat.strRef else s.cat.numRef.f,
         "'乡镇'!$A$3:$A$4")
    want("chart column", ch.anchor._from.col, 5)
    want("chart row", ch.anchor._from.row, 1)

if bad:
    print("\n".join(bad))
    sys.exit(1)
EOF
