using GreenFreight.Domain.Indicators;

namespace GreenFreight.Server.Reporting;

/// <summary>The ministry form as an Excel workbook in the form's own layout.</summary>
public static class MinistryFormExcel
{
    public const string ChecklistTitle = "城市货运配送公共信息服务平台功能清单";

    public static string FileName(MinistryFormDto f) => $"城市绿色货运配送示范工程运行情况信息表-{f.Year}Q{f.Quarter}.xlsx";

    /// <summary>
    /// Row 1 title; rows 2–3 header fields (示范城市, 示范期, 填报人, 联系电话, 填报周期); row 4 the five columns; rows 5–36
    /// the 32 indicators with each category merged down its rows; then the platform's function checklist and notes.
    /// </summary>
    public static byte[] Write(MinistryFormDto f)
    {
        var s = new XlsxSheet("运行情况信息表");
        s.Columns(18, 46, 16, 60, 30);
        s.Row(XlsxStyle.Title, f.Title);
        s.Merge("A1:E1");
        s.Row(("示范城市：" + f.City, XlsxStyle.Cell), (null, XlsxStyle.Cell), ("示范期：" + f.Period, XlsxStyle.Cell), (null, XlsxStyle.Cell), (null, XlsxStyle.Cell));
        s.Merge("A2:B2");
        s.Merge("C2:E2");
        s.Row(("填报人：" + f.Reporter, XlsxStyle.Cell), ("联系电话：" + f.Phone, XlsxStyle.Cell), ("填报周期：" + f.ReportingPeriod, XlsxStyle.Cell), (null, XlsxStyle.Cell),
            ($"数据截至：{f.AsOf:yyyy年M月d日}", XlsxStyle.Cell));
        s.Merge("C3:D3");
        s.Row(XlsxStyle.Header, [.. f.Columns]);

        var first = 5;
        foreach (var group in f.Rows.GroupBy(r => r.Category))
        {
            var start = first;
            foreach (var r in group)
            {
                s.Row((r.Category, XlsxStyle.Centered), (r.Indicator, XlsxStyle.Cell), Value(r), (r.Description, XlsxStyle.Cell),
                    (string.Join("、", r.Attachments), XlsxStyle.Cell));
                first++;
            }
            if (first - 1 > start) s.Merge($"A{start}:A{first - 1}");
        }

        s.Row(XlsxStyle.Plain);
        var t = s.Row(XlsxStyle.Header, $"{ChecklistTitle}（第28项）");
        s.Merge($"A{t}:E{t}");
        s.Row(XlsxStyle.Header, "序号", "功能", "是否具备");
        var n = 1;
        foreach (var c in f.PlatformChecklist)
            s.Row((n++, XlsxStyle.Integer), (c.Function, XlsxStyle.Cell), (c.Checked ? "☑ 有" : "☐ 无", XlsxStyle.Centered));
        s.Row(XlsxStyle.Plain);
        var note = s.Row(XlsxStyle.Plain, "填报说明：“值”一列按指标类型填写——是/否；整数；两位小数（元）；百分比（%）；有/无（须附文件的，附件名称列出文件）；"
            + "有/无并勾选平台功能清单。由平台根据登记数据自动计算的指标为只读，描述中注明计算口径及依据记录数。");
        s.Merge($"A{note}:E{note}");
        return XlsxWriter.Write(s);
    }

    static (object? Value, XlsxStyle Style) Value(MinistryFormRow r)
    {
        if (r.Value is not { } v) return ("", XlsxStyle.Centered);
        return Enum.Parse<IndicatorValueKind>(r.Kind) switch
        {
            IndicatorValueKind.Integer => (v, XlsxStyle.Integer),
            IndicatorValueKind.Decimal2 or IndicatorValueKind.Percent or IndicatorValueKind.Ratio => (Math.Round(v, 2), XlsxStyle.Decimal2),
            _ => (r.Display, XlsxStyle.Centered),
        };
    }
}
