using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace GreenFreight.Server.Reporting;

/// <summary>Cell styles of <see cref="XlsxSheet"/> (indexes into the stylesheet written by <see cref="XlsxWriter"/>).</summary>
public enum XlsxStyle : uint
{
    Plain = 0,
    /// <summary>Thin border, wrapped text, top-left.</summary>
    Cell = 1,
    /// <summary>Thin border, bold, centred (column headers).</summary>
    Header = 2,
    /// <summary>Bold 14 pt, centred (sheet title).</summary>
    Title = 3,
    /// <summary>Thin border, two decimals.</summary>
    Decimal2 = 4,
    /// <summary>Thin border, whole number.</summary>
    Integer = 5,
    /// <summary>Thin border, centred, wrapped (category cells).</summary>
    Centered = 6,
}

/// <summary>One worksheet being written: rows of text or numbers, merged ranges and column widths.</summary>
public sealed class XlsxSheet(string name)
{
    public string Name { get; } = name;
    internal readonly List<List<(object? Value, XlsxStyle Style)>> Rows = [];
    internal readonly List<string> Merges = [];
    internal readonly List<double> Widths = [];

    /// <summary>Appends a row; returns its 1-based row number.</summary>
    public int Row(XlsxStyle style, params object?[] values)
    {
        Rows.Add(values.Select(v => (v, style)).ToList());
        return Rows.Count;
    }

    public int Row(params (object? Value, XlsxStyle Style)[] cells)
    {
        Rows.Add(cells.ToList());
        return Rows.Count;
    }

    /// <summary>Merges e.g. "A1:E1".</summary>
    public void Merge(string range) => Merges.Add(range);

    public void Columns(params double[] widths) => Widths.AddRange(widths);

    public static string Col(int index)
    {
        var s = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) s = (char)('A' + (n - 1) % 26) + s;
        return s;
    }
}

/// <summary>Writes .xlsx workbooks with DocumentFormat.OpenXml (inline strings, a small fixed stylesheet).</summary>
public static class XlsxWriter
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static byte[] Write(params XlsxSheet[] sheets)
    {
        using var ms = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(ms, SpreadsheetDocumentType.Workbook))
        {
            var wb = doc.AddWorkbookPart();
            wb.Workbook = new Workbook();
            var styles = wb.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Stylesheet();
            var sheetList = wb.Workbook.AppendChild(new Sheets());
            uint id = 1;
            foreach (var s in sheets)
            {
                var part = wb.AddNewPart<WorksheetPart>();
                var ws = new Worksheet();
                if (s.Widths.Count > 0)
                {
                    var cols = new Columns();
                    for (var i = 0; i < s.Widths.Count; i++)
                        cols.Append(new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = s.Widths[i], CustomWidth = true });
                    ws.Append(cols);
                }
                var data = new SheetData();
                for (var r = 0; r < s.Rows.Count; r++)
                {
                    var row = new Row { RowIndex = (uint)(r + 1) };
                    for (var c = 0; c < s.Rows[r].Count; c++)
                    {
                        var (value, style) = s.Rows[r][c];
                        var cell = new Cell { CellReference = XlsxSheet.Col(c) + (r + 1).ToString(CultureInfo.InvariantCulture), StyleIndex = (uint)style };
                        switch (value)
                        {
                            case null:
                                break;
                            case decimal or int or long or double:
                                cell.DataType = CellValues.Number;
                                cell.CellValue = new CellValue(Convert.ToDecimal(value, CultureInfo.InvariantCulture));
                                break;
                            default:
                                cell.DataType = CellValues.InlineString;
                                cell.InlineString = new InlineString(new Text(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "") { Space = SpaceProcessingModeValues.Preserve });
                                break;
                        }
                        row.Append(cell);
                    }
                    data.Append(row);
                }
                ws.Append(data);
                if (s.Merges.Count > 0)
                {
                    var merges = new MergeCells();
                    foreach (var m in s.Merges) merges.Append(new MergeCell { Reference = m });
                    ws.Append(merges);
                }
                part.Worksheet = ws;
                sheetList.Append(new Sheet { Id = wb.GetIdOfPart(part), SheetId = id++, Name = s.Name });
            }
            wb.Workbook.Save();
        }
        return ms.ToArray();
    }

    static Stylesheet Stylesheet()
    {
        Font Font(bool bold, double size) => new(bold ? new Bold() : new Bold { Val = false }, new FontSize { Val = size }, new FontName { Val = "宋体" });
        var thin = new Border(
            new LeftBorder { Style = BorderStyleValues.Thin }, new RightBorder { Style = BorderStyleValues.Thin },
            new TopBorder { Style = BorderStyleValues.Thin }, new BottomBorder { Style = BorderStyleValues.Thin }, new DiagonalBorder());
        CellFormat F(uint font, uint border, uint numFmt, HorizontalAlignmentValues h, VerticalAlignmentValues v) => new(new Alignment { Horizontal = h, Vertical = v, WrapText = true })
        {
            FontId = font, FillId = 0, BorderId = border, NumberFormatId = numFmt, ApplyFont = true, ApplyBorder = true, ApplyAlignment = true, ApplyNumberFormat = numFmt != 0,
        };
        return new Stylesheet(
            new Fonts(Font(false, 11), Font(true, 11), Font(true, 14)),
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
            new Borders(new Border(), thin),
            new CellFormats(
                new CellFormat(),
                F(0, 1, 0, HorizontalAlignmentValues.Left, VerticalAlignmentValues.Center),
                F(1, 1, 0, HorizontalAlignmentValues.Center, VerticalAlignmentValues.Center),
                F(2, 0, 0, HorizontalAlignmentValues.Center, VerticalAlignmentValues.Center),
                F(0, 1, 4, HorizontalAlignmentValues.Right, VerticalAlignmentValues.Center),
                F(0, 1, 1, HorizontalAlignmentValues.Right, VerticalAlignmentValues.Center),
                F(0, 1, 0, HorizontalAlignmentValues.Center, VerticalAlignmentValues.Center)));
    }
}

/// <summary>Writes simple .docx documents (title, paragraphs, one table) with DocumentFormat.OpenXml.</summary>
public static class DocxWriter
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public sealed record Table(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows);

    public static byte[] Write(string title, IReadOnlyList<string> paragraphs, Table? table, IReadOnlyList<string>? after = null)
    {
        using var ms = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(ms, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            var body = new W.Body();
            body.Append(Paragraph(title, bold: true, size: 32, center: true));
            foreach (var p in paragraphs) body.Append(Paragraph(p));
            if (table is not null)
            {
                var t = new W.Table(new W.TableProperties(
                    new W.TableBorders(
                        new W.TopBorder { Val = W.BorderValues.Single, Size = 4 }, new W.BottomBorder { Val = W.BorderValues.Single, Size = 4 },
                        new W.LeftBorder { Val = W.BorderValues.Single, Size = 4 }, new W.RightBorder { Val = W.BorderValues.Single, Size = 4 },
                        new W.InsideHorizontalBorder { Val = W.BorderValues.Single, Size = 4 }, new W.InsideVerticalBorder { Val = W.BorderValues.Single, Size = 4 }),
                    new W.TableWidth { Type = W.TableWidthUnitValues.Pct, Width = "5000" }));
                t.Append(Row(table.Header, bold: true));
                foreach (var r in table.Rows) t.Append(Row(r, bold: false));
                body.Append(t);
            }
            foreach (var p in after ?? []) body.Append(Paragraph(p));
            main.Document = new W.Document(body);
            main.Document.Save();
        }
        return ms.ToArray();
    }

    static W.TableRow Row(IEnumerable<string> cells, bool bold) =>
        new(cells.Select(c => new W.TableCell(Paragraph(c, bold))));

    static W.Paragraph Paragraph(string text, bool bold = false, int size = 24, bool center = false)
    {
        var props = new W.RunProperties(new W.RunFonts { EastAsia = "宋体", Ascii = "宋体", HighAnsi = "宋体" });
        if (bold) props.Append(new W.Bold());
        props.Append(new W.FontSize { Val = size.ToString(CultureInfo.InvariantCulture) });
        var p = new W.Paragraph(new W.Run(props, new W.Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        if (center) p.PrependChild(new W.ParagraphProperties(new W.Justification { Val = W.JustificationValues.Center }));
        return p;
    }
}
