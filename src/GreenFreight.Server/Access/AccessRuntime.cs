using System.Collections.Frozen;
using GreenFreight.Domain.Access;
using GreenFreight.Domain.Registry;
using GreenFreight.Server.Data;
using GreenFreight.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GreenFreight.Server.Access;

/// <summary>Zones, rules and settings as loaded, with the compiled engine.</summary>
public sealed record AccessSnapshot(long Version, AccessEngine Engine, AccessSettings Settings,
    FrozenDictionary<int, AccessZone> Zones, FrozenDictionary<int, AccessRule> Rules)
{
    public static readonly AccessSnapshot Empty = new(-1, AccessEngine.Empty, new AccessSettings(), FrozenDictionary<int, AccessZone>.Empty, FrozenDictionary<int, AccessRule>.Empty);
}

/// <summary>
/// The access engine of this instance. Every change of zones, rules or settings increases <c>access_settings.RulesVersion</c>
/// in the same transaction; API checks compare it before answering (one indexed read) and reload when it moved, so
/// every instance behind a load balancer answers by the same rules. The position stream (tracking) uses the engine
/// without that read; a timer reloads it within <see cref="PollInterval"/>. Vehicle facts the registry's vehicle
/// directory lacks (emission, cold chain) and the valid passes' grants are kept per vehicle for tracking, refreshed
/// on the same timer.
/// </summary>
public sealed class AccessRuntime(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, ILogger<AccessRuntime> log) : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);
    static readonly TimeSpan FactsInterval = TimeSpan.FromSeconds(30);

    volatile AccessSnapshot _current = AccessSnapshot.Empty;
    volatile FrozenDictionary<int, VehicleFacts> _facts = FrozenDictionary<int, VehicleFacts>.Empty;
    volatile FrozenDictionary<int, PassGrant[]> _grants = FrozenDictionary<int, PassGrant[]>.Empty;
    readonly SemaphoreSlim _reload = new(1, 1);

    /// <summary>The snapshot in use (no I/O; for the position stream).</summary>
    public AccessSnapshot Current => _current;

    /// <summary>Facts of a vehicle for the engine, if known here (no I/O).</summary>
    public bool TryFacts(int vehicleId, out VehicleFacts facts) => _facts.TryGetValue(vehicleId, out facts);

    /// <summary>Grants of the vehicle's approved passes (no I/O).</summary>
    public ReadOnlySpan<PassGrant> GrantsOf(int vehicleId) => _grants.TryGetValue(vehicleId, out var g) ? g : [];

    /// <summary>The snapshot by the database's current rules version (reloads when another instance changed them).</summary>
    public async Task<AccessSnapshot> FreshAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var version = await db.AccessSettings.AsNoTracking().Where(s => s.Id == 1).Select(s => (long?)s.RulesVersion).FirstOrDefaultAsync(ct) ?? 0;
        var current = _current;
        return current.Version == version ? current : await ReloadAsync(ct);
    }

    public async Task<AccessSnapshot> ReloadAsync(CancellationToken ct = default)
    {
        await _reload.WaitAsync(ct);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var settings = await db.AccessSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Id == 1, ct) ?? new AccessSettings();
            var zones = await db.Zones.AsNoTracking().OrderBy(z => z.Id).ToListAsync(ct);
            var rules = await db.AccessRules.AsNoTracking().OrderBy(r => r.Id).ToListAsync(ct);
            var snapshot = new AccessSnapshot(settings.RulesVersion, new AccessEngine(zones, rules, settings.ColdChainAsNewEnergy), settings,
                zones.ToFrozenDictionary(z => z.Id), rules.ToFrozenDictionary(r => r.Id));
            _current = snapshot;
            return snapshot;
        }
        finally
        {
            _reload.Release();
        }
    }

    /// <summary>Reloads the per-vehicle facts and the valid passes' grants (tracking).</summary>
    public async Task ReloadVehiclesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var facts = await db.Vehicles.AsNoTracking()
            .Select(v => new { v.Id, f = new VehicleFacts(v.Class, v.Energy, v.GrossWeightKg, v.Emission, v.ColdChain, false) }).ToListAsync(ct);
        _facts = facts.ToFrozenDictionary(x => x.Id, x => x.f);
        _grants = await LoadGrantsAsync(db, null, clock.Today().AddDays(-1), ct);
    }

    /// <summary>Grants of the approved passes still valid on or after <paramref name="since"/>, per vehicle (all vehicles or the given ones).</summary>
    public static async Task<FrozenDictionary<int, PassGrant[]>> LoadGrantsAsync(AppDbContext db, IReadOnlyList<int>? vehicleIds, DateOnly since, CancellationToken ct)
    {
        var q = db.Passes.AsNoTracking().Where(p => p.Status == PassStatus.Approved && p.ValidTo >= since);
        if (vehicleIds is not null) q = q.Where(p => vehicleIds.Contains(p.VehicleId));
        var passes = await q.ToListAsync(ct);
        return passes.GroupBy(p => p.VehicleId).ToFrozenDictionary(g => g.Key, g => g.SelectMany(p => PassRules.Grants(p, p.Id)).ToArray());
    }

    /// <summary>Marks a change of zones, rules or settings (call inside the transaction that saves it).</summary>
    public static Task BumpVersionAsync(AppDbContext db, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync("UPDATE access_settings SET \"RulesVersion\" = \"RulesVersion\" + 1 WHERE \"Id\" = 1", ct);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Loaded before the host serves (the database is migrated by then: DatabaseInitializer starts first).
        try
        {
            await ReloadAsync(cancellationToken);
            await ReloadVehiclesAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogError(ex, "Loading access rules failed");
        }
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(PollInterval);
        var lastFacts = DateTime.UtcNow;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await FreshAsync(stoppingToken);
                    if (DateTime.UtcNow - lastFacts >= FactsInterval)
                    {
                        await ReloadVehiclesAsync(stoppingToken);
                        lastFacts = DateTime.UtcNow;
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    log.LogWarning(ex, "Reloading access rules failed");
                }
            }
        }
        catch (OperationCanceledException) { }
    }
}
