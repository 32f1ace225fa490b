using System.Collections.Concurrent;
using GreenFreight.Domain.Tracking;
using GreenFreight.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace GreenFreight.Server.Tracking;

/// <summary>What the platform last knows of a vehicle: its last accepted fix and when it was last heard of.</summary>
public sealed class VehicleLive
{
    public required int VehicleId { get; init; }
    public PositionReport? LastValid { get; set; }
    public DateTimeOffset LastSeen
    {
        get => _lastSeen;
        set { _lastSeen = value; Interlocked.Increment(ref _version); }
    }
    DateTimeOffset _lastSeen;
    long _version;
    /// <summary>Bumped on every change, so the shared copy is written only for vehicles that changed.</summary>
    public long Version => Interlocked.Read(ref _version);
}

/// <summary>Vehicles known by plate and by JT/T 808 terminal phone, refreshed from the registry.</summary>
public sealed class VehicleDirectory(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public sealed record Entry(int Id, string Plate, int? EnterpriseId, string? TerminalPhone,
        GreenFreight.Domain.Registry.VehicleClass Class, GreenFreight.Domain.Registry.EnergyType Energy, int GrossWeightKg);

    volatile IReadOnlyDictionary<string, Entry> _byPhone = new Dictionary<string, Entry>();
    volatile IReadOnlyDictionary<string, Entry> _byPlate = new Dictionary<string, Entry>();
    volatile IReadOnlyDictionary<int, Entry> _byId = new Dictionary<int, Entry>();
    DateTimeOffset _loaded = DateTimeOffset.MinValue;
    readonly SemaphoreSlim _lock = new(1, 1);

    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    async Task EnsureAsync(bool force, CancellationToken ct)
    {
        if (!force && clock.GetUtcNow() - _loaded < MaxAge) return;
        await _lock.WaitAsync(ct);
        try
        {
            if (!force && clock.GetUtcNow() - _loaded < MaxAge) return;
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var all = await db.Vehicles.AsNoTracking().Select(v => new Entry(v.Id, v.Plate, v.OwnerEnterpriseId, v.TerminalPhone, v.Class, v.Energy, v.GrossWeightKg)).ToListAsync(ct);
            _byPhone = all.Where(v => !string.IsNullOrEmpty(v.TerminalPhone)).GroupBy(v => NormalizePhone(v.TerminalPhone!)).ToDictionary(g => g.Key, g => g.First());
            _byPlate = all.ToDictionary(v => v.Plate);
            _byId = all.ToDictionary(v => v.Id);
            _loaded = clock.GetUtcNow();
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Terminal phones compare without leading zeros (2013 headers pad to 12 digits, 2019 to 20).</summary>
    public static string NormalizePhone(string phone) => phone.TrimStart('0') is { Length: > 0 } p ? p : "0";

    /// <summary>The vehicle of a terminal; a miss reloads once (a vehicle registered a moment ago is found).</summary>
    public async Task<Entry?> ByPhoneAsync(string phone, CancellationToken ct = default)
    {
        await EnsureAsync(false, ct);
        var key = NormalizePhone(phone);
        if (_byPhone.TryGetValue(key, out var e)) return e;
        await EnsureAsync(true, ct);
        return _byPhone.GetValueOrDefault(key);
    }

    public async Task<Entry?> ByIdAsync(int id, CancellationToken ct = default)
    {
        await EnsureAsync(false, ct);
        if (_byId.TryGetValue(id, out var e)) return e;
        await EnsureAsync(true, ct);
        return _byId.GetValueOrDefault(id);
    }

    /// <summary>The entry if loaded (no I/O: for the rules on the hot path).</summary>
    public Entry? Cached(int id) => _byId.GetValueOrDefault(id);

    public async Task<Entry?> ByPlateAsync(string plate, CancellationToken ct = default)
    {
        await EnsureAsync(false, ct);
        if (_byPlate.TryGetValue(plate, out var e)) return e;
        await EnsureAsync(true, ct);
        return _byPlate.GetValueOrDefault(plate);
    }
}

/// <summary>
/// The ingestion path shared by the JT/T 808 gateway and <c>POST /api/positions</c>: check each position
/// (<see cref="PositionRules"/>), store it durably with its verdict, keep the live state, and notify the rules.
/// </summary>
public sealed class PositionIngest(PositionPipeline pipeline, TimeProvider clock, IEnumerable<IPositionObserver> observers)
{
    readonly ConcurrentDictionary<int, VehicleLive> _live = new();
    readonly IPositionObserver[] _observers = observers.ToArray();

    public IReadOnlyDictionary<int, VehicleLive> Live => _live;

    public VehicleLive? LiveOf(int vehicleId) => _live.GetValueOrDefault(vehicleId);

    /// <summary>Marks a vehicle as heard from (heartbeat, registration) without a position.</summary>
    public void Touch(int vehicleId) => _live.GetOrAdd(vehicleId, id => new VehicleLive { VehicleId = id }).LastSeen = clock.GetUtcNow();

    /// <summary>Checks and stores the positions of one vehicle; returns their verdicts once they are committed.</summary>
    public async Task<PositionVerdict[]> IngestAsync(int vehicleId, IReadOnlyList<PositionReport> reports, PositionSource source, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var live = _live.GetOrAdd(vehicleId, id => new VehicleLive { VehicleId = id });
        var verdicts = new PositionVerdict[reports.Count];
        var rows = new TrackPoint[reports.Count];
        var accepted = new List<PositionReport>(reports.Count);
        lock (live)
        {
            for (var i = 0; i < reports.Count; i++)
            {
                var r = reports[i];
                // Blind-area re-uploads older than the last accepted fix are checked against nothing: they are history.
                var previous = live.LastValid is { } last && r.Time >= last.Time ? last : (PositionReport?)null;
                verdicts[i] = PositionRules.Check(r, now, previous);
                rows[i] = new TrackPoint
                {
                    VehicleId = vehicleId, TimeMs = r.Time.ToUnixTimeMilliseconds(), Latitude = r.Latitude, Longitude = r.Longitude,
                    SpeedKmh = (float)r.SpeedKmh, Direction = (short)Math.Clamp(r.Direction, short.MinValue, short.MaxValue),
                    AltitudeM = (short)Math.Clamp(r.AltitudeM, short.MinValue, short.MaxValue), Alarm = r.Alarm, Status = r.Status,
                    MileageKm = r.MileageKm, Verdict = verdicts[i], Source = source, ReceivedMs = now.ToUnixTimeMilliseconds(),
                };
                if (verdicts[i] == PositionVerdict.Valid)
                {
                    accepted.Add(r);
                    if (live.LastValid is not { } l || r.Time >= l.Time) live.LastValid = r;
                }
            }
            live.LastSeen = now;
        }
        await pipeline.StoreAsync(rows, ct);
        foreach (var o in _observers) o.OnPositions(vehicleId, accepted);
        return verdicts;
    }
}

/// <summary>Told of every vehicle's accepted positions after they are stored (rules, live views).</summary>
public interface IPositionObserver
{
    void OnPositions(int vehicleId, IReadOnlyList<PositionReport> accepted);
}
