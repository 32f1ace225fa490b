using GreenFreight.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace GreenFreight.Cli.Simulation;

/// <summary>
/// Where the simulated terminals come from: the vehicles with a terminal phone in the database the server uses (the
/// gateway refuses any other phone), or a file of phones.
/// </summary>
public static class TerminalSource
{
    /// <summary>
    /// The configuration of a database given as <c>--db</c>: a PostgreSQL connection string (<c>Host=…</c>), a SQLite
    /// connection string (<c>Data Source=…</c>) or a SQLite file path. Without it, the CLI's own database options
    /// (<c>--ConnectionStrings:Main</c>, <c>--Database:Provider</c>, environment), as for the other commands.
    /// </summary>
    public static IConfiguration DatabaseConfiguration(string? db, IEnumerable<string> options)
    {
        var builder = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(options.ToArray());
        if (!string.IsNullOrWhiteSpace(db))
        {
            var isPostgres = db.Contains("Host=", StringComparison.OrdinalIgnoreCase) || db.Contains("Server=", StringComparison.OrdinalIgnoreCase);
            var cs = isPostgres || db.Contains('=') ? db : $"Data Source={db}";
            builder.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = isPostgres ? "Postgres" : "Sqlite",
                ["ConnectionStrings:Main"] = cs,
            });
        }
        return builder.Build();
    }

    /// <summary>Vehicles with a terminal phone, in registry order.</summary>
    public static async Task<List<TerminalIdentity>> FromDatabaseAsync(IConfiguration config, CancellationToken ct = default)
    {
        var factory = DatabaseSetup.CreateFactory(config);
        await using var db = await factory.CreateDbContextAsync(ct);
        if (db.Database.IsSqlite())
        {
            var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            if (!File.Exists(file)) throw new InvalidOperationException($"database file not found: {Path.GetFullPath(file)}");
        }
        var rows = await db.Vehicles.AsNoTracking()
            .Where(v => v.TerminalPhone != null && v.TerminalPhone != "")
            .OrderBy(v => v.Id)
            .Select(v => new { v.TerminalPhone, v.Plate })
            .ToListAsync(ct);
        return rows.Select(r => new TerminalIdentity(r.TerminalPhone!, r.Plate)).ToList();
    }

    /// <summary>A text file: one terminal a line, <c>phone</c> or <c>phone,plate</c> (comma or tab); # starts a comment.</summary>
    public static List<TerminalIdentity> FromFile(string path)
    {
        var list = new List<TerminalIdentity>();
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Split('#')[0].Trim();
            if (line.Length == 0) continue;
            var parts = line.Split([',', '\t', ';'], StringSplitOptions.TrimEntries);
            if (!parts[0].All(char.IsAsciiDigit) || parts[0].Length is 0 or > 20)
                throw new InvalidOperationException($"not a terminal phone (digits only): '{parts[0]}' in {path}");
            list.Add(new TerminalIdentity(parts[0], parts.Length > 1 && parts[1].Length > 0 ? parts[1] : "鲁C00000"));
        }
        return list;
    }
}
