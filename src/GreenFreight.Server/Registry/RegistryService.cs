using System.Globalization;
using GreenFreight.Domain.Auditing;
using GreenFreight.Domain.Registry;
using GreenFreight.Server.Auth;
using GreenFreight.Server.Data;
using GreenFreight.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GreenFreight.Server.Registry;

public enum OutcomeKind
{
    Ok,
    NotFound,
    Forbidden,
    Invalid,
    Conflict,
}

/// <summary>Result of a registry write: the record, or why it was refused.</summary>
public sealed record Outcome<T>(OutcomeKind Kind, T? Value = default, FieldErrors? Errors = null, string? ConflictKey = null)
{
    public static Outcome<T> Ok(T value) => new(OutcomeKind.Ok, value);
    public static readonly Outcome<T> NotFound = new(OutcomeKind.NotFound);
    public static readonly Outcome<T> Forbidden = new(OutcomeKind.Forbidden);
    public static Outcome<T> Invalid(FieldErrors errors) => new(OutcomeKind.Invalid, Errors: errors);
    public static Outcome<T> Conflict(string key) => new(OutcomeKind.Conflict, ConflictKey: key);
}

/// <summary>What a page shows for an outcome: nothing when it went through, otherwise why not, in the user's language.</summary>
public static class OutcomeText
{
    /// <param name="l">The user's language.</param>
    /// <param name="o">The outcome.</param>
    /// <param name="invalid">The text for field errors (default: the validation title, the fields showing their own messages).</param>
    /// <param name="notFoundKey">The resource key for a record that is not there.</param>
    public static string? Problem<T>(Localizer l, Outcome<T> o, string? invalid = null, string notFoundKey = "problem.notfound") => o.Kind switch
    {
        OutcomeKind.Ok => null,
        OutcomeKind.Invalid => invalid ?? l["problem.validation.title"],
        OutcomeKind.Conflict => l[o.ConflictKey ?? "record.changed"],
        OutcomeKind.Forbidden => l["problem.forbidden"],
        _ => l[notFoundKey],
    };

    /// <summary>The field errors' messages in one line.</summary>
    public static string Fields(Localizer l, FieldErrors? errors) => string.Join("；", (errors ?? []).Select(e => l[e.Key, e.Args]));
}

public sealed record AuditEntryDto(DateTimeOffset At, string UserName, string Action, IReadOnlyDictionary<string, AuditChange> Changes);

public sealed record AuditChange(object? Old, object? New);

public sealed record ImportRowError(int Row, string Field, string Column, string Message);

public sealed record ImportResult(int Imported, IReadOnlyList<ImportRowError> Errors)
{
    public bool Ok => Errors.Count == 0;
}

/// <summary>The file operations every registry has, by name (for the command line).</summary>
public interface IRegistryFiles
{
    string Name { get; }
    Task<byte[]> ExportAsync(RegistryFilter filter, UserContext user, CancellationToken ct = default);
    byte[] Template();
    Task<Outcome<ImportResult>> ImportAsync(Stream file, UserContext user, CancellationToken ct = default);
}

/// <summary>List, read, write, history, import and export of one registry, for the API and the UI alike.</summary>
public sealed class RegistryService<TEntity, TDto>(
    IRegistryDescriptor<TEntity, TDto> registry,
    IDbContextFactory<AppDbContext> dbFactory,
    ExcelCodec excel,
    Localizer l) : IRegistryFiles
    where TEntity : class, IAudited, new()
    where TDto : RegistryDto, new()
{
    public IRegistryDescriptor<TEntity, TDto> Descriptor => registry;

    public string Name => registry.Name;

    public async Task<PageResult<TDto>> ListAsync(RegistryFilter filter, UserContext user, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = registry.Filter(registry.Scope(registry.Query(db).AsNoTracking(), user), filter);
        var total = await q.CountAsync(ct);
        var items = await registry.Order(q)
            .Skip((filter.SafePage - 1) * filter.SafePageSize).Take(filter.SafePageSize)
            .ToListAsync(ct);
        return new PageResult<TDto>(items.Select(Dto).ToList(), total, filter.SafePage, filter.SafePageSize);
    }

    public async Task<TDto?> GetAsync(int id, UserContext user, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var e = await registry.Scope(registry.Query(db).AsNoTracking(), user).FirstOrDefaultAsync(x => x.Id == id, ct);
        return e is null ? null : Dto(e);
    }

    public async Task<Outcome<TDto>> CreateAsync(TDto dto, UserContext user, CancellationToken ct = default)
    {
        if (!registry.CanWrite(user, null)) return Outcome<TDto>.Forbidden;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var errors = new FieldErrors();
        await registry.ValidateAsync(dto, null, db, user, errors, ct);
        if (!errors.Ok) return Outcome<TDto>.Invalid(errors);
        var entity = new TEntity();
        registry.Apply(dto, entity, user);
        db.Add(entity);
        db.AuditUser = user.UserName;
        await db.SaveChangesAsync(ct);
        return Outcome<TDto>.Ok(await ReloadAsync(db, entity.Id, ct));
    }

    public async Task<Outcome<TDto>> UpdateAsync(int id, TDto dto, UserContext user, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entity = await registry.Scope(db.Set<TEntity>(), user).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (entity is null) return Outcome<TDto>.NotFound;
        if (!registry.CanWrite(user, entity)) return Outcome<TDto>.Forbidden;
        dto.Id = id;
        var errors = new FieldErrors();
        await registry.ValidateAsync(dto, entity, db, user, errors, ct);
        if (!errors.Ok) return Outcome<TDto>.Invalid(errors);
        registry.Apply(dto, entity, user);
        if (dto.Version is { } seen && entity is IVersioned)
            db.Entry(entity).Property(nameof(IVersioned.Version)).OriginalValue = seen;
        db.AuditUser = user.UserName;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<TDto>.Conflict("record.changed");
        }
        return Outcome<TDto>.Ok(await ReloadAsync(db, id, ct));
    }

    public async Task<Outcome<bool>> DeleteAsync(int id, UserContext user, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entity = await registry.Scope(db.Set<TEntity>(), user).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (entity is null) return Outcome<bool>.NotFound;
        if (!registry.CanDelete(user, entity)) return Outcome<bool>.Forbidden;
        if (await registry.DeleteBlockerAsync(entity, db, ct) is { } blocker) return Outcome<bool>.Conflict(blocker);
        db.Remove(entity);
        db.AuditUser = user.UserName;
        await db.SaveChangesAsync(ct);
        return Outcome<bool>.Ok(true);
    }

    /// <summary>The record's audit history, newest first; null when the user may not see the record.</summary>
    public async Task<IReadOnlyList<AuditEntryDto>?> HistoryAsync(int id, UserContext user, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var visible = await registry.Scope(registry.Query(db), user).AnyAsync(x => x.Id == id, ct);
        // A deleted record's history stays readable by government users.
        if (!visible && !(user.IsGovernment && await AnyHistory(db, id, ct))) return null;
        var type = typeof(TEntity).Name;
        var key = id.ToString(CultureInfo.InvariantCulture);
        var rows = await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == type && a.EntityId == key)
            .OrderByDescending(a => a.Id).ToListAsync(ct);
        return rows.Select(ToDto).ToList();
    }

    Task<bool> AnyHistory(AppDbContext db, int id, CancellationToken ct)
    {
        var type = typeof(TEntity).Name;
        var key = id.ToString(CultureInfo.InvariantCulture);
        return db.AuditEntries.AnyAsync(a => a.EntityType == type && a.EntityId == key, ct);
    }

    static AuditEntryDto ToDto(AuditEntry a)
    {
        var changes = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, AuditChange>>(a.Changes,
            new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)) ?? [];
        return new AuditEntryDto(a.At, a.UserName, a.Action.ToString(), changes);
    }

    TDto Dto(TEntity e)
    {
        var d = registry.ToDto(e);
        d.Version = (e as IVersioned)?.Version;
        return d;
    }

    async Task<TDto> ReloadAsync(AppDbContext db, int id, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        return Dto(await registry.Query(db).AsNoTracking().FirstAsync(x => x.Id == id, ct));
    }

    /// <summary>All records the user may see that match the filter, as an Excel workbook (paging ignored).</summary>
    public async Task<byte[]> ExportAsync(RegistryFilter filter, UserContext user, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await registry.Order(registry.Filter(registry.Scope(registry.Query(db).AsNoTracking(), user), filter)).ToListAsync(ct);
        return excel.Write(registry.Columns, rows.Select(registry.ToDto));
    }

    public byte[] Template() => excel.Write<TDto>(registry.Columns, []);

    /// <summary>
    /// Imports an Excel file: every row is checked first (fields, references, duplicates in the file and in the
    /// registry); if any row has an error nothing is stored and the row-level report is returned. Rows with an
    /// id of an existing record update it; other rows create records. All in one transaction.
    /// </summary>
    public async Task<Outcome<ImportResult>> ImportAsync(Stream file, UserContext user, CancellationToken ct = default)
    {
        if (!registry.CanWrite(user, null)) return Outcome<ImportResult>.Forbidden;
        var parsed = excel.Read<TDto>(registry.Columns, file);
        var errors = new List<ImportRowError>(parsed.FileErrors.Select(m => new ImportRowError(0, "", "", m)));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var seen = new Dictionary<(string, string), int>();
        var accepted = new List<(TDto Dto, TEntity? Existing)>();
        foreach (var row in parsed.Rows)
        {
            var rowErrors = new FieldErrors();
            rowErrors.AddRange(row.Errors);
            TEntity? existing = null;
            if (row.Dto.Id != 0)
            {
                existing = await registry.Scope(db.Set<TEntity>(), user).FirstOrDefaultAsync(x => x.Id == row.Dto.Id, ct);
                if (existing is null || !registry.CanWrite(user, existing)) rowErrors.Add("id", "import.id.unknown", row.Dto.Id);
            }
            if (row.Errors.Count == 0)
                await registry.ValidateAsync(row.Dto, existing, db, user, rowErrors, ct);
            foreach (var key in registry.UniqueKeys(row.Dto))
            {
                if (seen.TryGetValue(key, out var first)) rowErrors.Add(key.Field, "import.duplicate", first);
                else seen[key] = row.RowNumber;
            }
            foreach (var e in rowErrors)
                errors.Add(new ImportRowError(row.RowNumber, e.Field, excel.HeaderFor(registry.Columns, e.Field), l[e.Key, e.Args]));
            if (rowErrors.Ok) accepted.Add((row.Dto, existing));
        }
        if (parsed.Rows.Count == 0 && errors.Count == 0)
            errors.Add(new ImportRowError(0, "", "", l["import.empty"]));
        if (errors.Count > 0) return Outcome<ImportResult>.Invalid([]) with { Value = new ImportResult(0, errors) };

        foreach (var (dto, existing) in accepted)
        {
            var entity = existing ?? new TEntity();
            registry.Apply(dto, entity, user);
            if (existing is null) db.Add(entity);
        }
        db.AuditUser = user.UserName;
        await db.SaveChangesAsync(ct);
        return Outcome<ImportResult>.Ok(new ImportResult(accepted.Count, []));
    }
}
