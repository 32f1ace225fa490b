using System.Data.Common;
using GreenFreight.Domain.Indicators;
using GreenFreight.Server.Data;
using GreenFreight.Server.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace GreenFreight.Server.Tests.Api;

/// <summary>
/// The migration that gives indicator entries a status sets it from the report each entry belongs to, on a database
/// that was in use before it: entries of a returned report are withdrawn, evidence entries of a draft pending, the rest
/// (direct entries, entries of submitted or accepted reports) stay in force.
/// </summary>
public sealed class IndicatorEntryStatusMigrationTests
{
    const string Before = "Planning";   // the migration before IndicatorEntryStatus (by name: the two providers' IDs differ)

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Existing_entries_take_the_status_of_their_report(Provider provider)
    {
        var dir = Path.Combine(Path.GetTempPath(), "gf-mig-" + Guid.NewGuid().ToString("N"));
        var pgDatabase = "gf_mig_" + Guid.NewGuid().ToString("N")[..12];
        Directory.CreateDirectory(dir);
        try
        {
            await using var db = await CreateAsync(provider, dir, pgDatabase);
            await db.GetService<IMigrator>().MigrateAsync(Before);

            var conn = db.Database.GetDbConnection();
            await conn.OpenAsync();
            // The rows as the earlier schema stored them; foreign keys are left out (only the three tables matter here).
            await ExecAsync(conn, provider == Provider.Sqlite ? "PRAGMA foreign_keys = OFF" : "SET session_replication_role = replica");
            var reports = new (int Id, string Status)[] { (1, "Draft"), (2, "Submitted"), (3, "Returned"), (4, "Resubmitted"), (5, "Accepted") };
            foreach (var (id, status) in reports)
                await ExecAsync(conn, $"""
                    INSERT INTO quarterly_reports ("Id", "Version", "CampaignId", "UnitId", "Year", "Quarter", "OpensOn", "DueOn", "Status")
                    VALUES ({id}, 1, 1, {id}, 2025, 2, '2025-07-01', '2025-07-07', '{status}')
                    """);
            // Entries 1-5 belong to reports 1-5; entry 6 was entered directly; entry 7 belongs to no report any more.
            for (var e = 1; e <= 7; e++)
                await ExecAsync(conn, $"""
                    INSERT INTO indicator_entries ("Id", "DefinitionId", "AsOf", "Value", "EnteredBy", "EnteredAt")
                    VALUES ({e}, 30, '2025-06-30', {e}, 'jtj', '2025-07-02 08:00:00+08:00')
                    """);
            for (var r = 1; r <= 5; r++)
                await ExecAsync(conn, $"""
                    INSERT INTO report_indicator_values ("Id", "ReportId", "DefinitionId", "Value", "EntryId") VALUES ({r}, {r}, 30, {r}, {r})
                    """);
            await ExecAsync(conn, """INSERT INTO report_indicator_values ("Id", "ReportId", "DefinitionId", "Value", "EntryId") VALUES (6, 2, 31, 9, NULL)""");
            await ExecAsync(conn, provider == Provider.Sqlite ? "PRAGMA foreign_keys = ON" : "SET session_replication_role = DEFAULT");
            await conn.CloseAsync();

            await db.GetService<IMigrator>().MigrateAsync();

            var statuses = await db.IndicatorEntries.AsNoTracking().OrderBy(e => e.Id).Select(e => e.Status).ToListAsync();
            Assert.Equal(
            [
                IndicatorEntryStatus.Pending, IndicatorEntryStatus.InForce, IndicatorEntryStatus.Withdrawn, IndicatorEntryStatus.InForce,
                IndicatorEntryStatus.InForce, IndicatorEntryStatus.InForce, IndicatorEntryStatus.InForce,
            ], statuses);
            Assert.Equal(7, await db.IndicatorEntries.CountAsync());
            Assert.Equal(6, await db.ReportIndicatorValues.CountAsync());
        }
        finally
        {
            if (provider == Provider.Postgres)
            {
                NpgsqlConnection.ClearAllPools();
                await using var c = new NpgsqlConnection(PostgresServer.ConnectionString);
                await c.OpenAsync();
                await ExecAsync(c, $"DROP DATABASE IF EXISTS {pgDatabase} WITH (FORCE)");
            }
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    static async Task<AppDbContext> CreateAsync(Provider provider, string dir, string pgDatabase)
    {
        if (provider == Provider.Sqlite)
            return new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={Path.Combine(dir, "m.db")}").Options);
        await using (var c = new NpgsqlConnection(PostgresServer.ConnectionString))
        {
            await c.OpenAsync();
            await ExecAsync(c, $"CREATE DATABASE {pgDatabase}");
        }
        var cs = new NpgsqlConnectionStringBuilder(PostgresServer.ConnectionString) { Database = pgDatabase, Pooling = false }.ConnectionString;
        return new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>()
            .UseNpgsql(cs, x => x.MigrationsHistoryTable("__ef_migrations")).Options);
    }

    static async Task ExecAsync(DbConnection conn, string sql)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync();
    }
}
