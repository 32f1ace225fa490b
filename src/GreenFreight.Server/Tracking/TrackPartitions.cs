using System.Globalization;
using GreenFreight.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace GreenFreight.Server.Tracking;

/// <summary>
/// PostgreSQL only: keeps monthly partitions of <c>track_points</c> ahead of time (this month and the next two), at
/// start-up and then daily, so that "this vehicle between these times" reads one or two partitions and old months can
/// be detached or dropped as a whole. Idempotent; harmless when several instances run it.
/// </summary>
public sealed class TrackPartitions(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, ILogger<TrackPartitions> log) : BackgroundService
{
    public static string NameFor(DateOnly month) => $"track_points_y{month.Year:D4}m{month.Month:D2}";

    public async Task EnsureAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!db.Database.IsNpgsql()) return;
        var now = clock.GetUtcNow();
        var first = new DateOnly(now.Year, now.Month, 1);
        for (var i = 0; i < 3; i++)
        {
            var month = first.AddMonths(i);
            var from = new DateTimeOffset(month.Year, month.Month, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
            var to = new DateTimeOffset(month.AddMonths(1).Year, month.AddMonths(1).Month, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
            var name = NameFor(month);
            var exists = await db.Database.SqlQuery<int>($"SELECT 1 AS \"Value\" FROM pg_class WHERE relname = {name}").AnyAsync(ct);
            if (exists) continue;
            try
            {
                await db.Database.ExecuteSqlRawAsync(string.Create(CultureInfo.InvariantCulture,
                    $"CREATE TABLE IF NOT EXISTS {name} PARTITION OF track_points FOR VALUES FROM ({from}) TO ({to})"), ct);
                log.LogInformation("Created partition {Partition}", name);
            }
            catch (Npgsql.PostgresException ex) when (ex.SqlState is "23514" or "42P07" or "42P17")
            {
                // Rows of that month already sit in the default partition (23514), or another instance created it.
                log.LogWarning("Partition {Partition} not created: {Message}", name, ex.MessageText);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(24));
        do
        {
            try { await EnsureAsync(stoppingToken); }
            catch (Exception ex) when (ex is not OperationCanceledException) { log.LogError(ex, "Maintaining track partitions failed"); }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
