using System.Net.Http.Json;
using System.Text.Json;
using GreenFreight.Server.Tests.Api;
using GreenFreight.Server.Tests.Infrastructure;
using GreenFreight.Domain.Tracking;
using GreenFreight.Server.Data;
using GreenFreight.Server.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GreenFreight.Server.Tests.Tracking;

/// <summary>
/// Two app instances on one database, as behind a load balancer: positions posted to one show on the other's live map
/// once the first has written its live state, and the newer state wins.
/// </summary>
public abstract class LiveStateTests(GreenFreightFactory factory) : ApiTestBase(factory)
{
    /// <summary>No periodic live-state write within a test's time.</summary>
    internal static readonly IReadOnlyDictionary<string, string> ManualSync = new Dictionary<string, string>
    {
        ["Tracking:LiveSyncSeconds"] = "86400",
        ["Tracking:LiveSliceRows"] = "100",
    };

    [Fact]
    public async Task A_vehicle_heard_by_one_instance_is_live_on_the_other()
    {
        using var second = new SecondInstanceFactory(Factory);
        var a = await Factory.ClientForAsync("admin");
        var b = await second.ClientForAsync("admin");
        var plate = (await Ok(await a.GetAsync("/api/vehicles?pageSize=1&sort=plate"))).GetProperty("items")[0].GetProperty("plate").GetString()!;
        var time = DateTimeOffset.UtcNow.AddMinutes(-2).ToOffset(TimeSpan.FromHours(8));
        time = time.AddTicks(-(time.Ticks % TimeSpan.TicksPerSecond));

        JsonElement Row(JsonElement live) => live.EnumerateArray().Single(v => v.GetProperty("plate").GetString() == plate);
        await Ok(await a.PostAsJsonAsync("/api/positions", new { positions = new[] { new { plate, time, lat = 36.8123, lon = 118.3045, speedKmh = 31.5, direction = 90 } } }));

        // The receiving instance knows at once; the other does not until the state is written.
        var onA = Row(await Ok(await a.GetAsync("/api/tracking/live")));
        Assert.True(onA.GetProperty("online").GetBoolean());
        var before = (await Ok(await b.GetAsync("/api/tracking/live"))).EnumerateArray().Where(v => v.GetProperty("plate").GetString() == plate).ToList();
        Assert.True(before.Count == 0 || !before[0].GetProperty("online").GetBoolean());

        Assert.True(await Factory.Services.GetRequiredService<LiveStateSync>().FlushAsync() >= 1);
        Assert.Equal(0, await Factory.Services.GetRequiredService<LiveStateSync>().FlushAsync());   // nothing changed since

        var onB = Row(await Ok(await b.GetAsync("/api/tracking/live")));
        Assert.True(onB.GetProperty("online").GetBoolean());
        Assert.Equal(36.8123, onB.GetProperty("lat").GetDouble(), 6);
        Assert.Equal(118.3045, onB.GetProperty("lon").GetDouble(), 6);
        Assert.Equal(31.5, onB.GetProperty("speedKmh").GetDouble(), 3);
        Assert.Equal(time, onB.GetProperty("time").GetDateTimeOffset());

        // A newer position arrives through the second instance; after both flush, the newer one stands on both.
        var later = time.AddSeconds(30);
        await Ok(await b.PostAsJsonAsync("/api/positions", new { positions = new[] { new { plate, time = later, lat = 36.8140, lon = 118.3050, speedKmh = 12.0, direction = 80 } } }));
        await second.Services.GetRequiredService<LiveStateSync>().FlushAsync();
        await Factory.Services.GetRequiredService<LiveStateSync>().FlushAsync();
        var again = Row(await Ok(await a.GetAsync("/api/tracking/live")));
        Assert.Equal(36.8140, again.GetProperty("lat").GetDouble(), 6);
        Assert.Equal(later, again.GetProperty("time").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_flush_larger_than_a_slice_is_written_whole_while_position_batches_go_in_between()
    {
        var pipeline = Factory.Services.GetRequiredService<PositionPipeline>();
        var dbFactory = Factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        List<int> ids;
        await using (var db = await dbFactory.CreateDbContextAsync()) ids = await db.Vehicles.OrderBy(v => v.Id).Select(v => v.Id).ToListAsync();
        Assert.Equal(100, pipeline.LiveSliceRows);
        Assert.True(ids.Count > 3 * pipeline.LiveSliceRows);   // several slices (a flush holds each vehicle once)
        // Later than anything the other test wrote (a live row only ever moves forward in time).
        var baseMs = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeMilliseconds();
        var rows = ids.Select((id, i) => new VehicleLiveState
        {
            VehicleId = id, LastSeenMs = baseMs + i, FixTimeMs = i % 3 == 0 ? null : baseMs + i - 500,
            Latitude = i % 3 == 0 ? null : 36.8 + i * 1e-6, Longitude = i % 3 == 0 ? null : 118.3, SpeedKmh = i % 3 == 0 ? null : 20, Direction = i % 3 == 0 ? null : 90,
            Instance = "test/slices",
        }).ToList();
        var time = DateTimeOffset.UtcNow.AddMinutes(-3);
        var appends = Enumerable.Range(0, 20).Select(k => pipeline.StoreAsync([new TrackPoint
        {
            VehicleId = ids[k], TimeMs = time.AddSeconds(k).ToUnixTimeMilliseconds(), Latitude = 36.81, Longitude = 118.30, Verdict = PositionVerdict.Valid,
            Source = PositionSource.Api, ReceivedMs = time.ToUnixTimeMilliseconds(),
        }])).ToList();
        await pipeline.WriteLiveAsync(rows);
        await Task.WhenAll(appends);

        await using var check = await dbFactory.CreateDbContextAsync();
        var stored = await check.VehicleLive.AsNoTracking().Where(l => l.Instance == "test/slices").ToDictionaryAsync(l => l.VehicleId);
        Assert.Equal(ids.Count, stored.Count);
        foreach (var id in ids)
        {
            var last = rows.Single(r => r.VehicleId == id);
            var row = stored[id];
            Assert.Equal(last.LastSeenMs, row.LastSeenMs);
            Assert.Equal(last.FixTimeMs, row.FixTimeMs);
            Assert.Equal(last.Latitude, row.Latitude);
            Assert.Equal(last.Direction, row.Direction);
        }
    }
}

public sealed class SqliteLiveStateTests(SqliteLiveStateTests.Host factory) : LiveStateTests(factory), IClassFixture<SqliteLiveStateTests.Host>
{
    /// <summary>Live state is written only when the test flushes (the periodic write would race the "not yet on the other" check).</summary>
    public sealed class Host : GreenFreightFactory
    {
        public Host() : base(Provider.Sqlite) => Settings = LiveStateTests.ManualSync;
    }
}

public sealed class PostgresLiveStateTests(PostgresLiveStateTests.Host factory) : LiveStateTests(factory), IClassFixture<PostgresLiveStateTests.Host>
{
    public sealed class Host : GreenFreightFactory
    {
        public Host() : base(Provider.Postgres) => Settings = LiveStateTests.ManualSync;
    }
}
