using System.Net.Http.Json;
using System.Text.Json;
using GreenFreight.Server.Tests.Api;
using GreenFreight.Server.Tests.Infrastructure;
using GreenFreight.Server.Tracking;
using Microsoft.Extensions.DependencyInjection;

namespace GreenFreight.Server.Tests.Tracking;

/// <summary>
/// Two app instances on one database, as behind a load balancer: positions posted to one show on the other's live map
/// once the first has written its live state, and the newer state wins.
/// </summary>
public abstract class LiveStateTests(GreenFreightFactory factory) : ApiTestBase(factory)
{
    /// <summary>No periodic live-state write within a test's time.</summary>
    internal static readonly IReadOnlyDictionary<string, string> ManualSync = new Dictionary<string, string> { ["Tracking:LiveSyncSeconds"] = "86400" };

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
