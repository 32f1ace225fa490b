using GreenFreight.Domain.Registry;
using GreenFreight.Server.Auth;
using GreenFreight.Server.Data;
using GreenFreight.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GreenFreight.Server.Registry;

public sealed class UnitDto : RegistryDto
{
    public string? Code { get; set; }
    public string? Name { get; set; }
    public string? NameEn { get; set; }
    public UnitKind? Kind { get; set; }
    /// <summary>Duties from the work plan's annex (成员单位职责).</summary>
    public string? Duties { get; set; }
    public int SortOrder { get; set; }
    public string? ContactName { get; set; }
    public string? ContactPhone { get; set; }
}

public sealed class UnitRegistry : IRegistryDescriptor<OrgUnit, UnitDto>
{
    public string Name => "units";

    public IQueryable<OrgUnit> Query(AppDbContext db) => db.Units;

    public IQueryable<OrgUnit> Scope(IQueryable<OrgUnit> query, UserContext user) => query;

    public IQueryable<OrgUnit> Filter(IQueryable<OrgUnit> q, RegistryFilter f)
    {
        if (!string.IsNullOrWhiteSpace(f.Q)) q = q.Where(u => u.Name.Contains(f.Q) || u.Code.Contains(f.Q.ToUpper()) || u.Duties.Contains(f.Q));
        if (f.TryEnum<UnitKind>(f.Kind, out var kind)) q = q.Where(u => u.Kind == kind);
        return q;
    }

    public IQueryable<OrgUnit> Order(IQueryable<OrgUnit> q) => q.OrderBy(u => u.SortOrder).ThenBy(u => u.Id);

    public UnitDto ToDto(OrgUnit u) => new()
    {
        Id = u.Id, Code = u.Code, Name = u.Name, NameEn = u.NameEn, Kind = u.Kind, Duties = u.Duties, SortOrder = u.SortOrder,
        ContactName = u.ContactName, ContactPhone = u.ContactPhone,
    };

    public bool CanWrite(UserContext user, OrgUnit? entity) => user.IsOffice;

    public async Task ValidateAsync(UnitDto d, OrgUnit? existing, AppDbContext db, UserContext user, FieldErrors errors, CancellationToken ct)
    {
        RegistryRules.Required(errors, "code", d.Code);
        RegistryRules.Required(errors, "name", d.Name);
        RegistryRules.Required(errors, "kind", d.Kind);
        RegistryRules.MaxLength(errors, "code", d.Code, 20);
        RegistryRules.MaxLength(errors, "name", d.Name, 100);
        RegistryRules.Phone(errors, "contactPhone", d.ContactPhone);
        RegistryRules.MaxLength(errors, "nameEn", d.NameEn, 200);
        RegistryRules.MaxLength(errors, "contactName", d.ContactName, 50);
        RegistryRules.MaxLength(errors, "contactPhone", d.ContactPhone, 30);
        RegistryRules.Defined(errors, "kind", d.Kind);
        var id = existing?.Id ?? 0;
        var code = d.Code?.Trim().ToUpperInvariant();
        var name = d.Name?.Trim();
        if (code is { Length: > 0 } && await db.Units.AnyAsync(u => u.Code == code && u.Id != id, ct)) errors.Add("code", "unique.taken", code);
        if (name is { Length: > 0 } && await db.Units.AnyAsync(u => u.Name == name && u.Id != id, ct)) errors.Add("name", "unique.taken", name);
    }

    public void Apply(UnitDto d, OrgUnit u, UserContext user)
    {
        u.Code = d.Code!.Trim().ToUpperInvariant();
        u.Name = d.Name!.Trim();
        u.NameEn = RegistryRules.Clean(d.NameEn);
        u.Kind = d.Kind!.Value;
        u.Duties = d.Duties?.Trim() ?? "";
        u.SortOrder = d.SortOrder;
        u.ContactName = RegistryRules.Clean(d.ContactName);
        u.ContactPhone = RegistryRules.Clean(d.ContactPhone);
    }

    public IEnumerable<(string Field, string Value)> UniqueKeys(UnitDto d)
    {
        if (!string.IsNullOrWhiteSpace(d.Code)) yield return ("code", d.Code.Trim().ToUpperInvariant());
        if (!string.IsNullOrWhiteSpace(d.Name)) yield return ("name", d.Name.Trim());
    }

    public async Task<string?> DeleteBlockerAsync(OrgUnit u, AppDbContext db, CancellationToken ct) =>
        await db.Users.AnyAsync(x => x.UnitId == u.Id, ct)
        || await db.CampaignMembers.AnyAsync(x => x.UnitId == u.Id, ct) || await db.CampaignTaskUnits.AnyAsync(x => x.UnitId == u.Id, ct)
        || await db.QuarterlyReports.AnyAsync(x => x.UnitId == u.Id, ct) ? "delete.unit.in.use" : null;

    public IReadOnlyList<ExcelColumn> Columns { get; } =
    [
        new(nameof(UnitDto.Id), "col.id"),
        new(nameof(UnitDto.Code), "col.unit.code", true),
        new(nameof(UnitDto.Name), "col.unit.name", true),
        new(nameof(UnitDto.NameEn), "col.unit.nameEn"),
        new(nameof(UnitDto.Kind), "col.unit.kind", true),
        new(nameof(UnitDto.Duties), "col.unit.duties"),
        new(nameof(UnitDto.SortOrder), "col.unit.sortOrder"),
        new(nameof(UnitDto.ContactName), "col.contactName"),
        new(nameof(UnitDto.ContactPhone), "col.contactPhone"),
    ];
}
