using System.Net.Http.Json;
using GreenFreight.Server.Data;
using GreenFreight.Server.Tests.Api;
using GreenFreight.Server.Tests.Infrastructure;
using GreenFreight.Server.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GreenFreight.Server.Tests.Tracking;

/// <summary>On PostgreSQL, positions go to monthly partitions of track_points.</summary>
public sealed class PartitionTests(PostgresFactory factory) : ApiTestBase(factory), IClassFixture<PostgresFactory>
{
    [Fact]
    public async Task Positions_of_this_month_are_stored_in_this_months_partition()
    {
        var admin = await Factory.ClientForAsync("admin");
        await Factory.Services.GetRequiredService<TrackPartitions>().EnsureAsync(CancellationToken.None);
        var plate = (await Ok(await admin.GetAsync("/api/vehicles?pageSize=1"))).GetProperty("items")[0].GetProperty("plate").GetString();
        var now = DateTimeOffset.UtcNow.AddMinutes(-2);
        await Ok(await admin.PostAsJsonAsync("/api/positions", new { positions = new[] { new { plate, time = now, lat = 36.8, lon = 118.3, speedKmh = 10.0 } } }));

        await using var db = await Factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var partition = TrackPartitions.NameFor(new DateOnly(now.Year, now.Month, 1));
        var partitioned = await db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM pg_partitioned_table pt JOIN pg_class c ON c.oid = pt.partrelid WHERE c.relname = 'track_points'").SingleAsync();
        Assert.Equal(1, partitioned);
        var sql = "SELECT count(*)::int AS \"Value\" FROM " + partition;   // a table name cannot be a parameter
        var inPartition = await db.Database.SqlQueryRaw<int>(sql).SingleAsync();
        Assert.Equal(1, inPartition);
        var next = TrackPartitions.NameFor(new DateOnly(now.Year, now.Month, 1).AddMonths(2));
        Assert.Equal(1, await db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM pg_class WHERE relname = {next}").SingleAsync());
    }
}
