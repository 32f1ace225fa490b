using GreenFreight.Domain.Registry;
using GreenFreight.Server.Auth;
using GreenFreight.Server.Data;
using GreenFreight.Server.Infrastructure;

namespace GreenFreight.Server.Registry;

/// <summary>List query of a registry. Each registry applies the filters it has (see its OpenAPI description).</summary>
public sealed record RegistryFilter
{
    /// <summary>Free text: name, plate, VIN, USCC or address contains this.</summary>
    public string? Q { get; init; }
    /// <summary>1-based page number (default 1).</summary>
    public int? Page { get; init; }
    /// <summary>Rows per page (1–200, default 20).</summary>
    public int? PageSize { get; init; }
    /// <summary>Kind: enterprise kind, facility kind, vehicle class, outlet type or unit kind (enum name).</summary>
    public string? Kind { get; init; }
    /// <summary>Facility status, enterprise pilot status (enum name).</summary>
    public string? Status { get; init; }
    /// <summary>Vehicles: energy type (enum name).</summary>
    public string? Energy { get; init; }
    /// <summary>Records of this enterprise (owner or operator).</summary>
    public int? EnterpriseId { get; init; }

    public int SafePage => Math.Clamp(Page ?? 1, 1, 1_000_000);
    public int SafePageSize => Math.Clamp(PageSize ?? 20, 1, 200);

    public bool TryEnum<T>(string? value, out T result) where T : struct, Enum =>
        Enum.TryParse(value, ignoreCase: true, out result) && Enum.IsDefined(result);
}

public sealed record PageResult<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize);

/// <summary>A column of a registry's Excel template, import and export: the DTO property and the header's resource key.</summary>
public sealed record ExcelColumn(string Property, string HeaderKey, bool Required = false);

/// <summary>Base of the registry DTOs: the record's id (0 when creating) and whether it is demo data.</summary>
public abstract class RegistryDto
{
    public int Id { get; set; }
    /// <summary>Version of the record as read; send it back with an update to have a concurrent change detected (409).</summary>
    public int? Version { get; set; }
    /// <summary>Generated demo data (演示数据), replaced by real data through the same import paths.</summary>
    public bool IsDemo { get; set; }
}

/// <summary>
/// What makes one registry: how its records are queried, scoped to the user, shown, checked and written.
/// <see cref="RegistryService{TEntity,TDto}"/> and <see cref="RegistryApi"/> do the rest the same way for all.
/// </summary>
public interface IRegistryDescriptor<TEntity, TDto>
    where TEntity : class, IAudited, new()
    where TDto : RegistryDto, new()
{
    /// <summary>Route segment and file name, e.g. <c>vehicles</c>.</summary>
    string Name { get; }
    IQueryable<TEntity> Query(AppDbContext db);
    /// <summary>The records the user may see (an enterprise sees only its own).</summary>
    IQueryable<TEntity> Scope(IQueryable<TEntity> query, UserContext user);
    IQueryable<TEntity> Filter(IQueryable<TEntity> query, RegistryFilter filter);
    IQueryable<TEntity> Order(IQueryable<TEntity> query);
    TDto ToDto(TEntity entity);
    /// <summary>Whether the user may create (entity null) or change/delete this record.</summary>
    bool CanWrite(UserContext user, TEntity? entity);
    /// <summary>Checks a create or update; <paramref name="existing"/> is null on create. May resolve references on the DTO.</summary>
    Task ValidateAsync(TDto dto, TEntity? existing, AppDbContext db, UserContext user, FieldErrors errors, CancellationToken ct);
    /// <summary>Copies the DTO's values onto the entity (after validation passed).</summary>
    void Apply(TDto dto, TEntity entity, UserContext user);
    /// <summary>Values that must be unique (field, normalised value), to catch duplicates inside one import file.</summary>
    IEnumerable<(string Field, string Value)> UniqueKeys(TDto dto);
    /// <summary>Whether the user may delete this record (by default: whoever may change it).</summary>
    bool CanDelete(UserContext user, TEntity entity) => CanWrite(user, entity);
    /// <summary>Why the record cannot be deleted (a resource key), or null.</summary>
    Task<string?> DeleteBlockerAsync(TEntity entity, AppDbContext db, CancellationToken ct);
    IReadOnlyList<ExcelColumn> Columns { get; }
}
