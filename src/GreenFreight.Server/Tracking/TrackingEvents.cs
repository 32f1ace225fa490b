using GreenFreight.Domain.Tracking;
using GreenFreight.Server.Auth;
using GreenFreight.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace GreenFreight.Server.Tracking;

/// <summary>Tracking events (alarms) as the user may see them, and their acknowledgement: shared by the API and the pages.</summary>
public sealed class TrackingEventService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    static readonly TimeSpan China = TimeSpan.FromHours(8);

    public static bool MayAcknowledge(UserContext user) => user.IsOffice || user.IsPolice || user.IsUnit;

    /// <summary>Newest first, at most 1,000; an enterprise sees only its own vehicles' events.</summary>
    public async Task<List<TrackingEventDto>> QueryAsync(UserContext user, DateTimeOffset? from, DateTimeOffset? to, TrackingEventKind? kind,
        bool unacknowledged, int? vehicleId, CancellationToken ct = default)
    {
        var end = to ?? clock.GetUtcNow();
        var start = from ?? end.AddDays(-7);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        long a = start.ToUnixTimeMilliseconds(), b = end.ToUnixTimeMilliseconds();
        var q = from e in db.TrackingEvents.AsNoTracking()
                join v in db.Vehicles.AsNoTracking() on e.VehicleId equals v.Id
                where e.StartMs >= a && e.StartMs <= b
                select new { e, v.Plate, v.OwnerEnterpriseId };
        if (user.IsEnterpriseOnly) q = q.Where(x => x.OwnerEnterpriseId == user.EnterpriseId);
        if (kind is { } k) q = q.Where(x => x.e.Kind == k);
        if (unacknowledged) q = q.Where(x => x.e.AcknowledgedAt == null);
        if (vehicleId is { } vid) q = q.Where(x => x.e.VehicleId == vid);
        var rows = await q.OrderByDescending(x => x.e.StartMs).Take(1000).ToListAsync(ct);
        return rows.Select(x => ToDto(x.e, x.Plate)).ToList();
    }

    /// <summary>Acknowledges an event (idempotent: the first acknowledgement stays) with an audit entry; null when there is no such event.</summary>
    public async Task<TrackingEventDto?> AcknowledgeAsync(UserContext user, long id, CancellationToken ct = default)
    {
        if (!MayAcknowledge(user)) throw new UnauthorizedAccessException();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var e = await db.TrackingEvents.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (e is null) return null;
        e.AcknowledgedBy ??= user.UserName;
        e.AcknowledgedAt ??= clock.GetUtcNow();
        db.AuditEntries.Add(new Domain.Auditing.AuditEntry
        {
            At = clock.GetUtcNow(), UserName = user.UserName, EntityType = nameof(TrackingEvent), EntityId = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Action = Domain.Auditing.AuditAction.Updated, Changes = """{"AcknowledgedAt":{"old":null,"new":"acknowledged"}}""",
        });
        await db.SaveChangesAsync(ct);
        var plate = await db.Vehicles.Where(v => v.Id == e.VehicleId).Select(v => v.Plate).FirstAsync(ct);
        return ToDto(e, plate);
    }

    public static TrackingEventDto ToDto(TrackingEvent e, string plate) => new(e.Id, e.VehicleId, plate, e.Kind.ToString(),
        DateTimeOffset.FromUnixTimeMilliseconds(e.StartMs).ToOffset(China), e.EndMs is { } end ? DateTimeOffset.FromUnixTimeMilliseconds(end).ToOffset(China) : null,
        e.Latitude, e.Longitude, e.ZoneId, e.FacilityId, e.Value, e.Detail, e.AcknowledgedBy, e.AcknowledgedAt);
}
