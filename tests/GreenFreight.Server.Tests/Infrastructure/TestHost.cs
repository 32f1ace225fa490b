using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace GreenFreight.Server.Tests.Infrastructure;

public enum Provider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// The platform on a fresh database: SQLite in a temp file, or a new PostgreSQL database on the server named by
/// <c>GREENFREIGHT_TEST_PG</c> (set by test.sh). Migrations and the Linzi demo data are applied at start, as in production.
/// </summary>
public class GreenFreightFactory : WebApplicationFactory<Program>
{
    public const string AdminPassword = "Admin#Test2026";
    public const string DemoPassword = "Demo#Test2026";

    readonly string _connection;
    readonly string? _pgDatabase;
    readonly string _dir = Path.Combine(Path.GetTempPath(), "gf-tests", Guid.NewGuid().ToString("N"));

    public Provider Provider { get; }
    public int LoginRateLimit { get; init; } = 10_000;
    public bool Kestrel { get; init; }
    /// <summary>Further configuration of the host (key, value).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    public GreenFreightFactory(Provider provider)
    {
        Provider = provider;
        Directory.CreateDirectory(_dir);
        if (provider == Provider.Sqlite)
        {
            _connection = $"Data Source={Path.Combine(_dir, "gf.db")}";
        }
        else
        {
            var baseCs = PostgresServer.ConnectionString;
            _pgDatabase = "gf_test_" + Guid.NewGuid().ToString("N")[..12];
            using (var conn = new NpgsqlConnection(baseCs))
            {
                conn.Open();
                using var cmd = new NpgsqlCommand($"CREATE DATABASE {_pgDatabase}", conn);
                cmd.ExecuteNonQuery();
            }
            _connection = new NpgsqlConnectionStringBuilder(baseCs) { Database = _pgDatabase, Pooling = false }.ConnectionString;
        }
    }

    /// <summary>Another app instance on the database of <paramref name="first"/> (as behind a load balancer); it neither creates nor drops it.</summary>
    protected GreenFreightFactory(GreenFreightFactory first)
    {
        Provider = first.Provider;
        Directory.CreateDirectory(_dir);
        _connection = first._connection;
        Settings = first.Settings;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("ConnectionStrings:Main", _connection);
        builder.UseSetting("Seed:AdminPassword", AdminPassword);
        builder.UseSetting("Seed:DemoPassword", DemoPassword);
        builder.UseSetting("Jt808:Port", "0");   // any free port: test hosts run side by side
        builder.UseSetting("Auth:LoginRateLimitPerMinute", LoginRateLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseEnvironment("Testing");
        builder.UseContentRoot(Path.Combine(RepoPaths.Root, "src", "GreenFreight.Server"));
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        if (Kestrel) UseKestrel(0);
    }

    public async Task<HttpClient> ClientForAsync(string userName, string? password = null)
    {
        var client = CreateClient();
        var token = await TokenAsync(client, userName, password ?? (userName == "admin" ? AdminPassword : DemoPassword));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static async Task<string> TokenAsync(HttpClient client, string userName, string password)
    {
        var r = await client.PostAsJsonAsync("/api/auth/token", new { userName, password });
        r.EnsureSuccessStatusCode();
        var body = await r.Content.ReadFromJsonAsync<TokenBody>();
        return body!.AccessToken;
    }

    sealed record TokenBody(string AccessToken, DateTimeOffset ExpiresAt);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        if (_pgDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            using var conn = new NpgsqlConnection(PostgresServer.ConnectionString);
            conn.Open();
            using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_pgDatabase} WITH (FORCE)", conn);
            cmd.ExecuteNonQuery();
        }
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

public sealed class SqliteFactory() : GreenFreightFactory(Provider.Sqlite);

/// <summary>A second instance of the platform sharing another factory's database.</summary>
public sealed class SecondInstanceFactory(GreenFreightFactory first) : GreenFreightFactory(first);

public sealed class PostgresFactory() : GreenFreightFactory(Provider.Postgres);

/// <summary>The PostgreSQL server for tests: <c>GREENFREIGHT_TEST_PG</c>, as test.sh sets it.</summary>
public static class PostgresServer
{
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("GREENFREIGHT_TEST_PG") is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException(
                "PostgreSQL tests need GREENFREIGHT_TEST_PG (e.g. Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres;Database=postgres). Run ./test.sh, which installs and starts PostgreSQL 15 and sets it.");
}

public static class RepoPaths
{
    public static string Root => GreenFreight.Testing.RepoRoot.Path;

    public static string Shared => GreenFreight.Testing.RepoRoot.Shared;
}
