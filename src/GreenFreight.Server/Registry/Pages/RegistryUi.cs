using System.Globalization;
using System.Text.Json;
using GreenFreight.Domain.Registry;
using GreenFreight.Server.Auth;
using GreenFreight.Server.Data;
using GreenFreight.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GreenFreight.Server.Registry.Pages;

/// <summary>A column of a registry list: its header (resource key) and the value shown for a record.</summary>
/// <param name="HeaderKey">Resource key of the header, usually a <c>col.*</c> key.</param>
/// <param name="Value">The cell's value; enums, dates, times and booleans are shown localized.</param>
/// <param name="Numeric">Right-aligned number column.</param>
/// <param name="MaxChars">Cut longer text (the full text is in the cell's tooltip); 0: no limit.</param>
public sealed record ListColumn<TDto>(string HeaderKey, Func<TDto, object?> Value, bool Numeric = false, int MaxChars = 0);

/// <summary>A filter select of a registry list.</summary>
/// <param name="Param">The <see cref="RegistryFilter"/> property it sets: <c>kind</c>, <c>status</c> or <c>energy</c>.</param>
/// <param name="LabelKey">Resource key of the label.</param>
/// <param name="Options">The values (enum names) and their labels; an "all" option comes first.</param>
public sealed record ListFilter(string Param, string LabelKey, IReadOnlyList<ListOption> Options)
{
    public static ListFilter ForEnum<TEnum>(string param, string labelKey, Localizer l) where TEnum : struct, Enum =>
        new(param, labelKey, Enum.GetValues<TEnum>().Select(v => new ListOption(v.ToString(), l.Enum(v))).ToList());
}

public sealed record ListOption(string Value, string Label);

/// <summary>An enterprise a user may pick as owner or operator.</summary>
public sealed record EnterpriseOption(int Id, string Name);

/// <summary>State shared by the inputs of a registry form: errors, read-only, the user and the enterprises to pick from.</summary>
public class FormState(Localizer l, UserContext user, bool readOnly, IReadOnlyList<EnterpriseOption> enterprises)
{
    public UserContext User { get; } = user;
    public bool ReadOnly { get; } = readOnly;
    public IReadOnlyList<EnterpriseOption> Enterprises { get; } = enterprises;
    public FieldErrors Errors { get; } = [];

    public IReadOnlyList<string> MessagesFor(string field, IReadOnlyList<string>? also = null) =>
        Errors.Where(e => Matches(e.Field, field, also)).Select(e => l[e.Key, e.Args]).ToList();

    /// <summary>Forgets a field's errors once its value is changed.</summary>
    public void Clear(string field, IReadOnlyList<string>? also = null) => Errors.RemoveAll(e => Matches(e.Field, field, also));

    static bool Matches(string error, string field, IReadOnlyList<string>? also) =>
        string.Equals(error, field, StringComparison.OrdinalIgnoreCase)
        || also is not null && also.Any(a => string.Equals(error, a, StringComparison.OrdinalIgnoreCase));
}

/// <summary>What a registry's form fragment gets: the record being edited and the form state.</summary>
public sealed class EditorContext<TDto>(Localizer l, UserContext user, bool readOnly, IReadOnlyList<EnterpriseOption> enterprises, TDto dto, bool isNew)
    : FormState(l, user, readOnly, enterprises)
    where TDto : RegistryDto
{
    public TDto Dto { get; set; } = dto;
    public bool IsNew { get; } = isNew;
}

public static class RegistryUi
{
    public const int MaxImportBytes = 10 * 1024 * 1024;

    /// <summary>All enterprises the user may see (a government user: all; an enterprise user: its own), by name.</summary>
    public static async Task<IReadOnlyList<EnterpriseOption>> EnterpriseOptionsAsync(this RegistryService<Enterprise, EnterpriseDto> svc, UserContext user, CancellationToken ct = default)
    {
        // ListAsync caps the page size at 200: page through.
        var all = new List<EnterpriseOption>();
        for (var page = 1; ; page++)
        {
            var r = await svc.ListAsync(new RegistryFilter { Page = page, PageSize = 200 }, user, ct);
            all.AddRange(r.Items.Select(e => new EnterpriseOption(e.Id, e.Name ?? $"#{e.Id}")));
            if (r.Items.Count == 0 || all.Count >= r.Total) break;
        }
        return all;
    }

    /// <summary>Whether the user may change the record (the service only answers this for a write attempt).</summary>
    public static async Task<bool> CanWriteAsync<TEntity, TDto>(this IRegistryDescriptor<TEntity, TDto> registry, IDbContextFactory<AppDbContext> dbFactory,
        int id, UserContext user, CancellationToken ct = default)
        where TEntity : class, IAudited, new()
        where TDto : RegistryDto, new()
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entity = await registry.Scope(registry.Query(db).AsNoTracking(), user).FirstOrDefaultAsync(x => x.Id == id, ct);
        return entity is not null && registry.CanWrite(user, entity);
    }

    /// <summary>
    /// Label keys of a registry's fields by camelCase JSON name (matched case-insensitively, so entity property names in
    /// the audit log find them too): the Excel columns plus <paramref name="extra"/>.
    /// </summary>
    public static IReadOnlyDictionary<string, string> FieldLabels(IEnumerable<ExcelColumn> columns, IReadOnlyDictionary<string, string>? extra)
    {
        var d = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["isDemo"] = "demo.badge",
            ["location"] = "reg.location",
        };
        foreach (var c in columns) d[JsonNamingPolicy.CamelCase.ConvertName(c.Property)] = c.HeaderKey;
        if (extra is not null)
            foreach (var (k, v) in extra) d[k] = v;
        return d;
    }

    /// <summary>A value as shown in lists and the history: enums by label, dates yyyy-MM-dd, times HH:mm, booleans 是/否.</summary>
    public static string Display(this Localizer l, object? value) => value switch
    {
        null => "",
        string s => s,
        Enum e => l.Enum(e),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly t => t.ToString("HH:mm", CultureInfo.InvariantCulture),
        DateTimeOffset at => China(at).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        bool b => l[b ? "bool.yes" : "bool.no"],
        decimal m => m.ToString("0.######", CultureInfo.InvariantCulture),
        double x => x.ToString("0.######", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>China Standard Time (UTC+8, no daylight saving).</summary>
    public static DateTimeOffset China(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(8));

    /// <summary>Text cut to <paramref name="max"/> characters with an ellipsis.</summary>
    public static string Cut(string text, int max) => max <= 0 || text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "…");
}
