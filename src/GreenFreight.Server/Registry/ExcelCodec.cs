using System.Globalization;
using System.Reflection;
using System.Text.Json;
using GreenFreight.Server.Infrastructure;
using MiniExcelLibs;

namespace GreenFreight.Server.Registry;

public sealed record ParsedRow<TDto>(int RowNumber, TDto Dto, List<FieldError> Errors);

public sealed record ParsedImport<TDto>(List<ParsedRow<TDto>> Rows, List<string> FileErrors);

/// <summary>
/// Writes registry records to Excel and reads them back, by the registry's column list. Headers are the Chinese
/// resource text (English headers are accepted on import); enum values are written as their Chinese labels and
/// accepted as Chinese or English labels or enum names; yes/no as 是/否.
/// </summary>
public sealed class ExcelCodec(Localizer l)
{
    public byte[] Write<TDto>(IReadOnlyList<ExcelColumn> columns, IEnumerable<TDto> rows)
    {
        var props = columns.Select(c => Prop(typeof(TDto), c.Property)).ToArray();
        var headers = columns.Select(c => Header(c, Localizer.Chinese)).ToArray();
        var sheet = rows.Select(r =>
        {
            var d = new Dictionary<string, object?>();
            for (var i = 0; i < columns.Count; i++) d[headers[i]] = Format(props[i].GetValue(r));
            return d;
        }).ToList();
        if (sheet.Count == 0) sheet.Add(headers.ToDictionary(h => h, _ => (object?)null));
        using var ms = new MemoryStream();
        ms.SaveAs(sheet);
        return ms.ToArray();
    }

    public string HeaderFor(IReadOnlyList<ExcelColumn> columns, string field)
    {
        var c = columns.FirstOrDefault(c => string.Equals(JsonNamingPolicy.CamelCase.ConvertName(c.Property), field, StringComparison.Ordinal));
        return c is null ? field : l[c.HeaderKey];
    }

    public ParsedImport<TDto> Read<TDto>(IReadOnlyList<ExcelColumn> columns, Stream file) where TDto : new()
    {
        var result = new ParsedImport<TDto>([], []);
        List<IDictionary<string, object?>> rows;
        try
        {
            rows = file.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            result.FileErrors.Add(l["import.file.unreadable"]);
            return result;
        }
        var headerNames = rows.Count > 0 ? rows[0].Keys.ToList() : [];
        var map = new List<(ExcelColumn Column, PropertyInfo Prop, string Header)>();
        foreach (var c in columns)
        {
            var candidates = new[] { Header(c, Localizer.Chinese), Header(c, Localizer.English), c.Property };
            var header = headerNames.FirstOrDefault(h => candidates.Any(x => string.Equals(x, h?.Trim(), StringComparison.OrdinalIgnoreCase)));
            if (header is null)
            {
                if (c.Required && rows.Count > 0) result.FileErrors.Add(l["import.column.missing", Header(c, CultureInfo.CurrentUICulture)]);
                continue;
            }
            map.Add((c, Prop(typeof(TDto), c.Property), header));
        }
        if (result.FileErrors.Count > 0) return result;

        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row.Values.All(v => v is null || v is string s && string.IsNullOrWhiteSpace(s))) continue;
            var dto = new TDto();
            var errors = new List<FieldError>();
            foreach (var (column, prop, header) in map)
            {
                row.TryGetValue(header, out var raw);
                var field = JsonNamingPolicy.CamelCase.ConvertName(column.Property);
                if (TryParse(raw, prop.PropertyType, out var value)) prop.SetValue(dto, value);
                else errors.Add(new FieldError(field, "import.value.invalid", Convert.ToString(raw, CultureInfo.InvariantCulture)));
            }
            result.Rows.Add(new ParsedRow<TDto>(i + 2, dto, errors));
        }
        return result;
    }

    string Header(ExcelColumn c, CultureInfo culture) => Localizer.Get(c.HeaderKey, culture);

    static PropertyInfo Prop(Type t, string name) =>
        t.GetProperty(name) ?? throw new InvalidOperationException($"{t.Name} has no property {name}.");

    object? Format(object? v) => v switch
    {
        null => null,
        Enum e => l.In(Localizer.Chinese, $"{e.GetType().Name}.{e}"),
        bool b => b ? "是" : "否",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly t => t.ToString("HH:mm", CultureInfo.InvariantCulture),
        _ => v,
    };

    bool TryParse(object? raw, Type type, out object? value)
    {
        value = null;
        var target = Nullable.GetUnderlyingType(type) ?? type;
        var nullable = !type.IsValueType || Nullable.GetUnderlyingType(type) is not null;
        var text = raw switch
        {
            null => null,
            string s => s.Trim(),
            DateTime dt => dt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => raw.ToString()?.Trim(),
        };
        if (string.IsNullOrEmpty(text))
        {
            // An empty cell is "not given": null, or the default of a non-nullable value (编号 empty = a new record).
            value = nullable ? null : Activator.CreateInstance(target);
            return true;
        }
        var inv = CultureInfo.InvariantCulture;
        switch (target)
        {
            case Type t when t == typeof(string):
                value = text;
                return true;
            case Type t when t == typeof(int):
                if (raw is double d && d == Math.Floor(d) && Math.Abs(d) < int.MaxValue) { value = (int)d; return true; }
                if (int.TryParse(text, NumberStyles.Integer, inv, out var i)) { value = i; return true; }
                return false;
            case Type t when t == typeof(decimal):
                if (decimal.TryParse(text, NumberStyles.Number, inv, out var m)) { value = m; return true; }
                return false;
            case Type t when t == typeof(double):
                if (double.TryParse(text, NumberStyles.Float, inv, out var x)) { value = x; return true; }
                return false;
            case Type t when t == typeof(bool):
                if (text is "是" or "有" or "1" || text.Equals("true", StringComparison.OrdinalIgnoreCase) || text.Equals("yes", StringComparison.OrdinalIgnoreCase) || text.Equals("y", StringComparison.OrdinalIgnoreCase)) { value = true; return true; }
                if (text is "否" or "无" or "0" || text.Equals("false", StringComparison.OrdinalIgnoreCase) || text.Equals("no", StringComparison.OrdinalIgnoreCase) || text.Equals("n", StringComparison.OrdinalIgnoreCase)) { value = false; return true; }
                return false;
            case Type t when t == typeof(DateOnly):
                if (raw is DateTime dt2) { value = DateOnly.FromDateTime(dt2); return true; }
                if (raw is double serial && serial > 0 && serial < 2958466) { value = DateOnly.FromDateTime(DateTime.FromOADate(serial)); return true; }
                foreach (var fmt in new[] { "yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d", "yyyy.M.d", "yyyyMMdd", "yyyy年M月d日" })
                    if (DateOnly.TryParseExact(text, fmt, inv, DateTimeStyles.None, out var date)) { value = date; return true; }
                return false;
            case Type t when t == typeof(TimeOnly):
                if (raw is DateTime dt3) { value = TimeOnly.FromDateTime(dt3); return true; }
                if (raw is double frac && frac is >= 0 and < 1) { value = TimeOnly.FromTimeSpan(TimeSpan.FromDays(frac)); return true; }
                foreach (var fmt in new[] { "H:mm", "HH:mm", "H:mm:ss", "HH:mm:ss" })
                    if (TimeOnly.TryParseExact(text, fmt, inv, DateTimeStyles.None, out var time)) { value = time; return true; }
                return false;
            case Type t when t.IsEnum:
                foreach (var name in Enum.GetNames(t))
                {
                    var key = $"{t.Name}.{name}";
                    if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase)
                        || text == Localizer.Get(key, Localizer.Chinese)
                        || string.Equals(text, Localizer.Get(key, Localizer.English), StringComparison.OrdinalIgnoreCase))
                    {
                        value = Enum.Parse(t, name);
                        return true;
                    }
                }
                return false;
            default:
                return false;
        }
    }
}
