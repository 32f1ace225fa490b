using GreenFreight.Domain.Registry;
using GreenFreight.Domain.Validation;
using GreenFreight.Server.Auth;
using GreenFreight.Server.Data;
using GreenFreight.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GreenFreight.Server.Registry;

public sealed class EnterpriseDto : RegistryDto
{
    public string? Name { get; set; }
    /// <summary>Unified social credit code (统一社会信用代码), 18 characters with the GB 32100 check character.</summary>
    public string? Uscc { get; set; }
    public EnterpriseKind? Kind { get; set; }
    public ALevel Rating { get; set; }
    public DateOnly? RatingDate { get; set; }
    public PilotStatus PilotStatus { get; set; }
    public DateOnly? PilotAppliedOn { get; set; }
    public DateOnly? PilotSince { get; set; }
    public DateOnly? PilotRevokedOn { get; set; }
    public bool HasPlatform { get; set; }
    public string? PlatformUrl { get; set; }
    public DockingStatus DockingStatus { get; set; }
    public DateOnly? DockedSince { get; set; }
    public string? ContactName { get; set; }
    public string? ContactPhone { get; set; }
    public string? Address { get; set; }
}

public sealed class EnterpriseRegistry : IRegistryDescriptor<Enterprise, EnterpriseDto>
{
    public string Name => "enterprises";

    public IQueryable<Enterprise> Query(AppDbContext db) => db.Enterprises;

    public IQueryable<Enterprise> Scope(IQueryable<Enterprise> query, UserContext user) =>
        user.IsEnterpriseOnly ? query.Where(e => e.Id == user.EnterpriseId) : query;

    public IQueryable<Enterprise> Filter(IQueryable<Enterprise> q, RegistryFilter f)
    {
        if (!string.IsNullOrWhiteSpace(f.Q)) q = q.Where(e => e.Name.Contains(f.Q) || e.Uscc.Contains(f.Q.ToUpper()) || (e.Address != null && e.Address.Contains(f.Q)));
        if (f.TryEnum<EnterpriseKind>(f.Kind, out var kind)) q = q.Where(e => e.Kind == kind);
        if (f.TryEnum<PilotStatus>(f.Status, out var status)) q = q.Where(e => e.PilotStatus == status);
        if (f.EnterpriseId is { } id) q = q.Where(e => e.Id == id);
        return q;
    }

    public IQueryable<Enterprise> Order(IQueryable<Enterprise> q) => q.OrderBy(e => e.Name).ThenBy(e => e.Id);

    public EnterpriseDto ToDto(Enterprise e) => new()
    {
        Id = e.Id, Name = e.Name, Uscc = e.Uscc, Kind = e.Kind, Rating = e.Rating, RatingDate = e.RatingDate,
        PilotStatus = e.PilotStatus, PilotAppliedOn = e.PilotAppliedOn, PilotSince = e.PilotSince, PilotRevokedOn = e.PilotRevokedOn,
        HasPlatform = e.HasPlatform, PlatformUrl = e.PlatformUrl, DockingStatus = e.DockingStatus, DockedSince = e.DockedSince,
        ContactName = e.ContactName, ContactPhone = e.ContactPhone, Address = e.Address, IsDemo = e.IsDemo,
    };

    /// <summary>The office creates enterprises; an enterprise may edit its own record.</summary>
    public bool CanWrite(UserContext user, Enterprise? entity) =>
        user.IsOffice || entity is not null && user.IsEnterpriseOnly && entity.Id == user.EnterpriseId;

    /// <summary>Only the office removes an enterprise from the registry.</summary>
    public bool CanDelete(UserContext user, Enterprise entity) => user.IsOffice;

    public async Task ValidateAsync(EnterpriseDto d, Enterprise? existing, AppDbContext db, UserContext user, FieldErrors errors, CancellationToken ct)
    {
        RegistryRules.Required(errors, "name", d.Name);
        RegistryRules.MaxLength(errors, "name", d.Name, 200);
        RegistryRules.Required(errors, "kind", d.Kind);
        errors.AddDomain("uscc", Uscc.Validate(d.Uscc));
        RegistryRules.Phone(errors, "contactPhone", d.ContactPhone);
        RegistryRules.MaxLength(errors, "address", d.Address, 300);
        RegistryRules.MaxLength(errors, "contactName", d.ContactName, 50);
        RegistryRules.MaxLength(errors, "contactPhone", d.ContactPhone, 30);
        RegistryRules.MaxLength(errors, "platformUrl", d.PlatformUrl, 500);
        RegistryRules.Defined(errors, "kind", d.Kind);
        RegistryRules.Defined(errors, "rating", d.Rating);
        RegistryRules.Defined(errors, "pilotStatus", d.PilotStatus);
        RegistryRules.Defined(errors, "dockingStatus", d.DockingStatus);
        errors.AddIf(d.Rating != ALevel.None && d.RatingDate is null, "ratingDate", "enterprise.rating.date");
        errors.AddIf(d.PilotStatus == PilotStatus.Pilot && d.PilotSince is null, "pilotSince", "enterprise.pilot.since");
        errors.AddIf(d.PilotStatus == PilotStatus.Revoked && d.PilotRevokedOn is null, "pilotRevokedOn", "enterprise.pilot.revoked");
        RegistryRules.DateOrder(errors, "pilotSince", d.PilotAppliedOn, d.PilotSince);
        RegistryRules.DateOrder(errors, "pilotRevokedOn", d.PilotSince, d.PilotRevokedOn);
        errors.AddIf(!d.HasPlatform && d.DockingStatus != DockingStatus.NotDocked, "dockingStatus", "enterprise.docking.noplatform");
        errors.AddIf(d.DockingStatus == DockingStatus.Connected && d.DockedSince is null, "dockedSince", "enterprise.docking.since");
        if (!string.IsNullOrWhiteSpace(d.PlatformUrl) && !Uri.TryCreate(d.PlatformUrl.Trim(), UriKind.Absolute, out _)) errors.Add("platformUrl", "url.format");
        // Fields that drive the district's indicators are the authorities' to set, not the enterprise's.
        if (user.IsEnterpriseOnly && existing is not null)
        {
            void Locked<T>(string field, T given, T stored)
            {
                if (!EqualityComparer<T>.Default.Equals(given, stored)) errors.Add(field, "enterprise.government.fields");
            }
            Locked("kind", d.Kind, existing.Kind);
            Locked("rating", d.Rating, existing.Rating);
            Locked("ratingDate", d.RatingDate, existing.RatingDate);
            Locked("pilotStatus", d.PilotStatus, existing.PilotStatus);
            Locked("pilotAppliedOn", d.PilotAppliedOn, existing.PilotAppliedOn);
            Locked("pilotSince", d.PilotSince, existing.PilotSince);
            Locked("pilotRevokedOn", d.PilotRevokedOn, existing.PilotRevokedOn);
            Locked("dockingStatus", d.DockingStatus, existing.DockingStatus);
            Locked("dockedSince", d.DockedSince, existing.DockedSince);
        }
        if (errors.Any(e => e.Field == "uscc")) return;
        var uscc = Uscc.Normalize(d.Uscc!);
        var id = existing?.Id ?? 0;
        if (await db.Enterprises.AnyAsync(e => e.Uscc == uscc && e.Id != id, ct)) errors.Add("uscc", "unique.taken", uscc);
    }

    public void Apply(EnterpriseDto d, Enterprise e, UserContext user)
    {
        e.Name = d.Name!.Trim();
        e.Uscc = Uscc.Normalize(d.Uscc!);
        e.Kind = d.Kind!.Value;
        e.Rating = d.Rating;
        e.RatingDate = d.Rating == ALevel.None ? null : d.RatingDate;
        e.PilotStatus = d.PilotStatus;
        e.PilotAppliedOn = d.PilotAppliedOn;
        // The indicators read the dates: keep only those the status has (a pilot set back to none is no pilot).
        e.PilotSince = d.PilotStatus is PilotStatus.Pilot or PilotStatus.Revoked ? d.PilotSince : null;
        e.PilotRevokedOn = d.PilotStatus == PilotStatus.Revoked ? d.PilotRevokedOn : null;
        e.HasPlatform = d.HasPlatform;
        e.PlatformUrl = RegistryRules.Clean(d.PlatformUrl);
        e.DockingStatus = d.DockingStatus;
        e.DockedSince = d.DockedSince;
        e.ContactName = RegistryRules.Clean(d.ContactName);
        e.ContactPhone = RegistryRules.Clean(d.ContactPhone);
        e.Address = RegistryRules.Clean(d.Address);
        if (e.Id == 0) e.IsDemo = d.IsDemo && user.IsOffice; // demo marking is kept by edits and re-imports
    }

    public IEnumerable<(string Field, string Value)> UniqueKeys(EnterpriseDto d)
    {
        if (!string.IsNullOrWhiteSpace(d.Uscc)) yield return ("uscc", Uscc.Normalize(d.Uscc));
    }

    public async Task<string?> DeleteBlockerAsync(Enterprise e, AppDbContext db, CancellationToken ct) =>
        await db.Vehicles.AnyAsync(v => v.OwnerEnterpriseId == e.Id, ct)
        || await db.Facilities.AnyAsync(f => f.OperatorEnterpriseId == e.Id, ct)
        || await db.Outlets.AnyAsync(o => o.OwnerEnterpriseId == e.Id, ct)
        || await db.Users.AnyAsync(u => u.EnterpriseId == e.Id, ct)
            ? "delete.enterprise.in.use" : null;

    public IReadOnlyList<ExcelColumn> Columns { get; } =
    [
        new(nameof(EnterpriseDto.Id), "col.id"),
        new(nameof(EnterpriseDto.Name), "col.enterprise.name", true),
        new(nameof(EnterpriseDto.Uscc), "col.enterprise.uscc", true),
        new(nameof(EnterpriseDto.Kind), "col.enterprise.kind", true),
        new(nameof(EnterpriseDto.Rating), "col.enterprise.rating"),
        new(nameof(EnterpriseDto.RatingDate), "col.enterprise.ratingDate"),
        new(nameof(EnterpriseDto.PilotStatus), "col.enterprise.pilotStatus"),
        new(nameof(EnterpriseDto.PilotAppliedOn), "col.enterprise.pilotAppliedOn"),
        new(nameof(EnterpriseDto.PilotSince), "col.enterprise.pilotSince"),
        new(nameof(EnterpriseDto.PilotRevokedOn), "col.enterprise.pilotRevokedOn"),
        new(nameof(EnterpriseDto.HasPlatform), "col.enterprise.hasPlatform"),
        new(nameof(EnterpriseDto.PlatformUrl), "col.enterprise.platformUrl"),
        new(nameof(EnterpriseDto.DockingStatus), "col.enterprise.dockingStatus"),
        new(nameof(EnterpriseDto.DockedSince), "col.enterprise.dockedSince"),
        new(nameof(EnterpriseDto.ContactName), "col.contactName"),
        new(nameof(EnterpriseDto.ContactPhone), "col.contactPhone"),
        new(nameof(EnterpriseDto.Address), "col.address"),
    ];
}
