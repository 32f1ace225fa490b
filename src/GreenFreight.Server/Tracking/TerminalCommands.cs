using System.Collections.Concurrent;
using GreenFreight.Domain.Tracking;
using GreenFreight.Jt808;
using GreenFreight.Server.Auth;
using GreenFreight.Server.Data;
using GreenFreight.Server.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GreenFreight.Server.Tracking;

public sealed record TerminalCommandDto(int Id, int VehicleId, string Kind, int? ZoneId, string Description, string Status, string CreatedBy,
    DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? SentAt, DateTimeOffset? RepliedAt, int? Result);

public sealed record PushZonesRequest(IReadOnlyList<int>? ZoneIds);

/// <summary>A zone as a terminal area: ID, name, outer ring (WGS-84, not closed) and speed limit.</summary>
public sealed record TerminalArea(int Id, string Name, IReadOnlyList<(double Lat, double Lon)> Ring, int? SpeedLimitKmh);

/// <summary>
/// Commands to terminals (pushing the restricted zones as JT/T 808 polygon areas): queued in <c>terminal_commands</c>,
/// sent by whichever instance holds the terminal's connection (checked every 2 s and when a terminal authenticates),
/// matched with the terminal's 0x0001 reply by serial number, expired after <c>Jt808:CommandMinutes</c> (default 30).
/// </summary>
public sealed class TerminalCommandService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, IConfiguration config, ILogger<TerminalCommandService> log)
    : BackgroundService
{
    /// <summary>Sends a body to a vehicle's terminal if this instance holds its connection; returns the serial used.</summary>
    public delegate Task<ushort?> Sender(int vehicleId, IJt808MessageBody body, CancellationToken ct);

    Sender? _send;
    Func<int, bool>? _connected;
    readonly ConcurrentQueue<(int VehicleId, ushort Serial, Jt808MessageId Id, Jt808TerminalResult Result)> _replies = new();
    /// <summary>At most one wake-up pending: 10,000 terminals authenticating after a restart ask for one round, not 10,000.</summary>
    readonly SemaphoreSlim _wake = new(0, 1);
    long _rounds;

    /// <summary>Rounds run since start (tests, diagnostics).</summary>
    public long Rounds => Interlocked.Read(ref _rounds);

    /// <summary>Called by the gateway: how to send, and which vehicles are connected here.</summary>
    public void Attach(Sender send, Func<int, bool> connected)
    {
        _send = send;
        _connected = connected;
    }

    /// <summary>A terminal authenticated or replied: look at the queue now rather than at the next tick.</summary>
    public void Wake()
    {
        if (_wake.CurrentCount > 0) return;
        try { _wake.Release(); }
        catch (SemaphoreFullException) { }   // another thread woke it meanwhile: one round serves both
    }

    public void OnReply(int vehicleId, in Jt808TerminalGeneralReply reply)
    {
        if (reply.ReplyMessageId is Jt808MessageId.SetPolygonArea or Jt808MessageId.DeletePolygonAreas)
        {
            _replies.Enqueue((vehicleId, reply.ReplySerial, reply.ReplyMessageId, reply.Result));
            Wake();
        }
    }

    TimeSpan Lifetime => TimeSpan.FromMinutes(Math.Max(1, config.GetValue("Jt808:CommandMinutes", 30)));

    public async Task<List<TerminalCommandDto>> QueueAsync(UserContext user, int vehicleId, IReadOnlyList<TerminalArea> zones, bool delete, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.AuditUser = user.UserName;
        var list = new List<TerminalCommand>();
        if (delete)
            list.Add(new TerminalCommand { VehicleId = vehicleId, Kind = TerminalCommandKind.DeleteZones, Description = "删除终端全部多边形区域" });
        else
            list.AddRange(zones.Select(z => new TerminalCommand { VehicleId = vehicleId, Kind = TerminalCommandKind.SetZone, ZoneId = z.Id, Description = $"设置多边形区域：{z.Name}" }));
        foreach (var c in list)
        {
            c.CreatedBy = user.UserName;
            c.CreatedAt = now;
            c.ExpiresAtMs = (now + Lifetime).ToUnixTimeMilliseconds();
            c.Status = TerminalCommandStatus.Pending;
            if (c.Description.Length > 300) c.Description = c.Description[..300];
        }
        db.TerminalCommands.AddRange(list);
        await db.SaveChangesAsync(ct);
        Wake();
        return list.Select(ToDto).ToList();
    }

    public async Task<List<TerminalCommandDto>> ListAsync(int vehicleId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var list = await db.TerminalCommands.AsNoTracking().Where(c => c.VehicleId == vehicleId).OrderByDescending(c => c.Id).Take(200).ToListAsync(ct);
        return list.Select(ToDto).ToList();
    }

    public static TerminalCommandDto ToDto(TerminalCommand c) => new(c.Id, c.VehicleId, c.Kind.ToString(), c.ZoneId, c.Description, c.Status.ToString(), c.CreatedBy,
        c.CreatedAt, DateTimeOffset.FromUnixTimeMilliseconds(c.ExpiresAtMs), c.SentAt, c.RepliedAt, c.Result);

    /// <summary>The zones a terminal can be given, by ID (all when none named). Only polygons become terminal areas.</summary>
    public static async Task<List<TerminalArea>> AreasAsync(AppDbContext db, IReadOnlyList<int>? ids, CancellationToken ct)
    {
        var q = db.Zones.AsNoTracking().Where(z => z.Area != null);
        if (ids is { Count: > 0 }) q = q.Where(z => ids.Contains(z.Id));
        var zones = await q.OrderBy(z => z.Id).ToListAsync(ct);
        return zones.Select(z => new TerminalArea(z.Id, z.Name,
            z.Area!.ExteriorRing.Coordinates.Take(z.Area.ExteriorRing.NumPoints - 1).Select(c => (c.Y, c.X)).ToList(), z.SpeedLimitKmh)).ToList();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _wake.WaitAsync(TimeSpan.FromSeconds(2), stoppingToken);
                await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                log.LogWarning(ex, "Terminal command round failed; retrying");
            }
        }
    }

    /// <summary>Records replies, expires old commands, sends pending ones to terminals connected here.</summary>
    public async Task RunOnceAsync(CancellationToken ct = default)
    {
        Interlocked.Increment(ref _rounds);
        var now = clock.GetUtcNow();
        var nowMs = now.ToUnixTimeMilliseconds();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.AuditUser = "jt808-gateway";
        while (_replies.TryDequeue(out var r))
        {
            var c = await db.TerminalCommands.FirstOrDefaultAsync(x => x.VehicleId == r.VehicleId && x.Serial == r.Serial && x.Status == TerminalCommandStatus.Sent
                                                                     && x.Instance == LiveStateSync.InstanceName, ct);
            if (c is null) continue;
            c.Status = r.Result == Jt808TerminalResult.Success ? TerminalCommandStatus.Acknowledged : TerminalCommandStatus.Failed;
            c.Result = (int)r.Result;
            c.RepliedAt = now;
        }
        // Look before writing: on SQLite a write takes the database's one write lock, which the position writer holds most
        // of the time under load, and waiting for it blocks a thread-pool thread that the gateway's sockets need.
        var expired = db.TerminalCommands.Where(x => (x.Status == TerminalCommandStatus.Pending || x.Status == TerminalCommandStatus.Sent) && x.ExpiresAtMs < nowMs);
        if (await expired.AnyAsync(ct))
            await expired.ExecuteUpdateAsync(u => u.SetProperty(x => x.Status, TerminalCommandStatus.Expired), ct);
        await db.SaveChangesAsync(ct);

        if (_send is null || _connected is null) return;
        // Which vehicles have pending commands (usually none) is asked first, and matched with the connections here in memory:
        // sending the IDs of 10,000 connected terminals to the database every round cost more than everything else it does.
        var waiting = await db.TerminalCommands.Where(x => x.Status == TerminalCommandStatus.Pending).Select(x => x.VehicleId).Distinct().ToListAsync(ct);
        if (waiting.Count == 0) return;
        var mine = waiting.Where(_connected).ToList();
        if (mine.Count == 0) return;
        var pending = await db.TerminalCommands.Where(x => x.Status == TerminalCommandStatus.Pending && mine.Contains(x.VehicleId))
            .OrderBy(x => x.Id).Take(500).ToListAsync(ct);
        if (pending.Count == 0) return;
        var zoneIds = pending.Where(p => p.ZoneId is not null).Select(p => p.ZoneId!.Value).Distinct().ToList();
        var areas = zoneIds.Count == 0 ? [] : (await AreasAsync(db, zoneIds, ct)).ToDictionary(a => a.Id);
        foreach (var c in pending)
        {
            IJt808MessageBody body;
            if (c.Kind == TerminalCommandKind.DeleteZones)
                body = c.ZoneId is { } one ? Jt808DeleteAreas.Polygons((uint)one) : Jt808DeleteAreas.Polygons();
            else if (c.ZoneId is { } id && areas.TryGetValue(id, out var a))
                body = ToPolygon(a);
            else
            {
                c.Status = TerminalCommandStatus.Failed;   // the zone is gone
                continue;
            }
            var serial = await _send(c.VehicleId, body, ct);
            if (serial is null) continue;   // disconnected meanwhile: stays pending
            c.Status = TerminalCommandStatus.Sent;
            c.Serial = serial;
            c.SentAt = clock.GetUtcNow();
            c.Instance = LiveStateSync.InstanceName;
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>0x8604 for a zone: the driver is alarmed on entry; the platform checks the hours itself (the rules differ by vehicle class).</summary>
    public static Jt808SetPolygonArea ToPolygon(TerminalArea a) => new(
        (uint)a.Id, Jt808AreaAttributes.EnterAlarmToDriver,
        a.Ring.Select(p => Jt808GeoPoint.FromDegrees(p.Lat, p.Lon)).ToList(),
        SpeedLimit: a.SpeedLimitKmh is { } s ? new Jt808SpeedLimit((ushort)s, 10) : null);
}

/// <summary><c>/api/tracking/vehicles/{plate}/commands</c>: push zones to a terminal, clear them, see the commands.</summary>
public static class TerminalCommandsApi
{
    public static IEndpointRouteBuilder MapTerminalCommandsApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/tracking/vehicles/{plate}").WithTags("Tracking (车辆监管)").RequireAuthorization();

        g.MapPost("/zones/push", async Task<Results<Ok<List<TerminalCommandDto>>, ProblemHttpResult>> (string plate, PushZonesRequest? body, HttpContext ctx,
                IDbContextFactory<AppDbContext> dbFactory, TerminalCommandService commands, Localizer l, CancellationToken ct) =>
            {
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                var vehicle = await VehicleAsync(db, plate, ct);
                if (vehicle is null) return Problems.NotFound(l);
                if (vehicle.TerminalPhone is null) return Problems.Validation(l, ("plate", "sup.cmd.noterminal"));
                var areas = await TerminalCommandService.AreasAsync(db, body?.ZoneIds, ct);
                if (body?.ZoneIds is { Count: > 0 } ids && ids.Except(areas.Select(a => a.Id)).Any()) return Problems.Validation(l, ("zoneIds", "sup.cmd.nozone"));
                if (areas.Count == 0) return Problems.Validation(l, ("zoneIds", "sup.cmd.nozone"));
                return TypedResults.Ok(await commands.QueueAsync(UserContext.From(ctx.User), vehicle.Id, areas, delete: false, ct));
            })
            .RequireAuthorization(p => p.RequireRole(Roles.Office, Roles.Police))
            .WithSummary("Push restricted zones to a vehicle's terminal (JT/T 808 0x8604)")
            .WithDescription("Body `{ \"zoneIds\": [..] }` (omit for all zones). One command per zone, queued; the instance holding the terminal's connection sends it and records the terminal's 0x0001 reply. Office and traffic police.");

        g.MapPost("/zones/clear", async Task<Results<Ok<List<TerminalCommandDto>>, ProblemHttpResult>> (string plate, HttpContext ctx,
                IDbContextFactory<AppDbContext> dbFactory, TerminalCommandService commands, Localizer l, CancellationToken ct) =>
            {
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                var vehicle = await VehicleAsync(db, plate, ct);
                if (vehicle is null) return Problems.NotFound(l);
                if (vehicle.TerminalPhone is null) return Problems.Validation(l, ("plate", "sup.cmd.noterminal"));
                return TypedResults.Ok(await commands.QueueAsync(UserContext.From(ctx.User), vehicle.Id, [], delete: true, ct));
            })
            .RequireAuthorization(p => p.RequireRole(Roles.Office, Roles.Police))
            .WithSummary("Delete all polygon areas on a vehicle's terminal (JT/T 808 0x8605)");

        g.MapGet("/commands", async Task<Results<Ok<List<TerminalCommandDto>>, ProblemHttpResult>> (string plate, HttpContext ctx,
                IDbContextFactory<AppDbContext> dbFactory, TerminalCommandService commands, Localizer l, CancellationToken ct) =>
            {
                var user = UserContext.From(ctx.User);
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                var vehicle = await VehicleAsync(db, plate, ct);
                if (vehicle is null || user.IsEnterpriseOnly && vehicle.OwnerEnterpriseId != user.EnterpriseId) return Problems.NotFound(l);
                return TypedResults.Ok(await commands.ListAsync(vehicle.Id, ct));
            })
            .WithSummary("Commands sent to a vehicle's terminal, newest first, with their state (Pending, Sent, Acknowledged, Failed, Expired)");
        return app;
    }

    static Task<GreenFreight.Domain.Registry.Vehicle?> VehicleAsync(AppDbContext db, string plate, CancellationToken ct)
    {
        var normalized = GreenFreight.Domain.Validation.Plate.Normalize(plate);
        return db.Vehicles.AsNoTracking().FirstOrDefaultAsync(v => v.Plate == normalized, ct);
    }
}
