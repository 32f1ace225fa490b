using System.Security.Cryptography;
using GreenFreight.Domain.Indicators;
using GreenFreight.Domain.Registry;
using GreenFreight.Domain.Seed;
using GreenFreight.Server.Auth;
using GreenFreight.Server.Geo;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace GreenFreight.Server.Data;

public sealed record DemoLogin(string UserName, string Role, string Description);

/// <summary>Applies migrations and seeds at start-up, before the server accepts requests.</summary>
public sealed class DatabaseInitializer(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => DatabaseSetup.InitializeAsync(services, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>What start-up did to the database, for the console banner.</summary>
public sealed class SeedReport
{
    public string Provider { get; set; } = "";
    public string Database { get; set; } = "";
    public string? GeneratedAdminPassword { get; set; }
    public string? GeneratedDemoPassword { get; set; }
    public string? PasswordFile { get; set; }
    public bool DemoDataCreated { get; set; }
    public List<DemoLogin> Logins { get; } = [];
}

public static class DatabaseSetup
{
    public const string AdminUser = "admin";

    public static bool IsPostgres(IConfiguration config) =>
        string.Equals(config["Database:Provider"], "Postgres", StringComparison.OrdinalIgnoreCase)
        || string.Equals(config["Database:Provider"], "PostgreSQL", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// <c>Database:Provider</c> = <c>Sqlite</c> (default: file <c>data/greenfreight.db</c> under the working directory, or
    /// <c>ConnectionStrings:Main</c>) or <c>Postgres</c> (<c>ConnectionStrings:Main</c> required).
    /// </summary>
    public static void AddDatabase(IServiceCollection services)
    {
        // Options are built when first resolved, from the final configuration (test hosts override it after Program runs).
        services.AddSingleton<IDbContextFactory<AppDbContext>>(sp => CreateFactory(sp.GetRequiredService<IConfiguration>()));
        services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext());
    }

    /// <summary>
    /// <c>ids.Contains(x.Id)</c> becomes one array parameter (SQLite <c>json_each</c>, PostgreSQL <c>= ANY</c>), not EF 10's
    /// default of one parameter per element: lists of thousands of vehicle ids are common here, SQLite binds named
    /// parameters by a linear search (quadratic in their number) and refuses more than 32,766 of them.
    /// </summary>
    public const ParameterTranslationMode CollectionMode = ParameterTranslationMode.Parameter;

    public static IDbContextFactory<AppDbContext> CreateFactory(IConfiguration config)
    {
        var cs = config.GetConnectionString("Main");
        if (IsPostgres(config))
        {
            if (string.IsNullOrWhiteSpace(cs))
                throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Main is not set (e.g. ConnectionStrings__Main=\"Host=...;Database=...;Username=...;Password=...\").");
            var pg = new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(cs, x => x.MigrationsHistoryTable("__ef_migrations").UseParameterizedCollectionMode(CollectionMode)).Options;
            return new Factory(() => new PostgresAppDbContext(pg));
        }
        cs = string.IsNullOrWhiteSpace(cs) ? $"Data Source={Path.Combine(Directory.GetCurrentDirectory(), "data", "greenfreight.db")}" : cs;
        var lite = new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(cs, x => x.UseParameterizedCollectionMode(CollectionMode)).Options;
        return new Factory(() => new SqliteAppDbContext(lite));
    }

    sealed class Factory(Func<AppDbContext> create) : IDbContextFactory<AppDbContext>
    {
        public AppDbContext CreateDbContext() => create();
    }

    public static async Task<SeedReport> InitializeAsync(IServiceProvider root, CancellationToken ct = default)
    {
        await using var scope = root.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var config = sp.GetRequiredService<IConfiguration>();
        var db = sp.GetRequiredService<AppDbContext>();
        var report = root.GetService<SeedReport>() ?? new SeedReport();
        report.Provider = db.Database.ProviderName ?? "";

        if (db.Database.IsSqlite())
        {
            var builder = new SqliteConnectionStringBuilder(db.Database.GetConnectionString());
            report.Database = Path.GetFullPath(builder.DataSource);
            var dir = Path.GetDirectoryName(report.Database);
            if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        }
        else
        {
            var builder = new Npgsql.NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());
            report.Database = $"{builder.Host}:{builder.Port}/{builder.Database}";
        }

        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        await sp.GetRequiredService<JwtKeyProvider>().LoadAsync(db, ct);

        db.AuditUser = "seed";
        var roles = sp.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var r in Roles.All)
            if (!await roles.RoleExistsAsync(r)) await roles.CreateAsync(new IdentityRole(r));

        if (!await db.Units.AnyAsync(ct))
        {
            db.Units.AddRange(OrgUnitSeed.All());
            await db.SaveChangesAsync(ct);
        }
        await SeedIndicatorDefinitionsAsync(db, ct);
        await Campaigns.CampaignSetup.SeedAsync(db, ct);

        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var adminPassword = config["Seed:AdminPassword"];
        if (await users.FindByNameAsync(AdminUser) is null)
        {
            if (string.IsNullOrWhiteSpace(adminPassword)) report.GeneratedAdminPassword = adminPassword = GeneratePassword();
            var office = await db.Units.FirstOrDefaultAsync(u => u.Kind == UnitKind.LeadingGroupOffice, ct);
            await CreateUserAsync(users, new AppUser { UserName = AdminUser, DisplayName = "领导小组办公室管理员", UnitId = office?.Id }, adminPassword, Roles.Office);
        }
        report.Logins.Add(new DemoLogin(AdminUser, Roles.Office, "领导小组办公室（全部权限）"));

        if (config.GetValue("Seed:DemoData", true))
            await SeedDemoAsync(sp, db, users, config, report, ct);
        else if (!await db.Secrets.AnyAsync(s => s.Name == DemoMarker, ct))
        {
            // A database first started without demo data never gets it later.
            db.Secrets.Add(new PlatformSecret { Name = DemoMarker, Value = "declined", CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync(ct);
        }
        await Access.AccessSetup.SeedAsync(db, config.GetValue("Seed:DemoData", true) && await db.Enterprises.AnyAsync(e => e.IsDemo, ct), ct);

        if ((report.GeneratedAdminPassword ?? report.GeneratedDemoPassword) is not null && db.Database.IsSqlite())
        {
            report.PasswordFile = Path.Combine(Path.GetDirectoryName(report.Database) ?? ".", "initial-passwords.txt");
            var lines = new List<string> { $"# GreenFreight first-start passwords, {DateTimeOffset.Now:yyyy-MM-dd HH:mm:ss zzz}. Change them after logging in." };
            if (report.GeneratedAdminPassword is { } a) lines.Add($"{AdminUser}\t{a}");
            if (report.GeneratedDemoPassword is { } d) lines.AddRange(report.Logins.Where(l => l.UserName != AdminUser).Select(l => $"{l.UserName}\t{d}"));
            await File.WriteAllLinesAsync(report.PasswordFile, lines, ct);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(report.PasswordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return report;
    }

    static async Task SeedIndicatorDefinitionsAsync(AppDbContext db, CancellationToken ct)
    {
        var existing = await db.IndicatorDefinitions.Select(d => d.Code).ToListAsync(ct);
        var units = await db.Units.ToDictionaryAsync(u => u.Code, u => u.Id, ct);
        var added = false;
        foreach (var row in IndicatorSeed.All().Where(r => !existing.Contains(r.Definition.Code)))
        {
            row.Definition.OwnerUnitId = units.TryGetValue(row.OwnerUnitCode, out var id) ? id : null;
            db.IndicatorDefinitions.Add(row.Definition);
            added = true;
        }
        if (added) await db.SaveChangesAsync(ct);
    }

    const string DemoMarker = "demo-data-seeded";

    static async Task SeedDemoAsync(IServiceProvider sp, AppDbContext db, UserManager<AppUser> users, IConfiguration config, SeedReport report, CancellationToken ct)
    {
        // Seed once per database: if the demo data was deleted or replaced by real data, it does not come back.
        if (!await db.Secrets.AnyAsync(s => s.Name == DemoMarker, ct) && !await db.Enterprises.AnyAsync(ct))
        {
            var demo = LinziDemoData.Generate(sp.GetRequiredService<DistrictOutline>().Core);
            db.Enterprises.AddRange(demo.Enterprises);
            db.Facilities.AddRange(demo.Facilities);
            db.Vehicles.AddRange(demo.Vehicles);
            db.Outlets.AddRange(demo.Outlets);
            await db.SaveChangesAsync(ct);

            var defs = await db.IndicatorDefinitions.ToDictionaryAsync(d => d.Code, ct);
            var unitIds = await db.Units.ToDictionaryAsync(u => u.Code, u => u.Id, ct);
            foreach (var e in IndicatorSeed.DemoManualEntries().Where(e => defs.ContainsKey(e.Code)))
            {
                db.IndicatorEntries.Add(new IndicatorEntry
                {
                    DefinitionId = defs[e.Code].Id, AsOf = e.AsOf, Value = e.Value, Checked = e.Checked, Description = e.Description,
                    UnitId = unitIds.TryGetValue(e.UnitCode, out var u) ? u : null, EnteredBy = "seed", EnteredAt = DateTimeOffset.UtcNow,
                });
            }
            db.Secrets.Add(new PlatformSecret { Name = DemoMarker, Value = "1", CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync(ct);
            report.DemoDataCreated = true;
        }

        var demoPassword = config["Seed:DemoPassword"];
        var unitsByCode = await db.Units.ToDictionaryAsync(u => u.Code, ct);
        var enterprise = await db.Enterprises.Where(e => e.IsDemo && e.PilotStatus == PilotStatus.Pilot).OrderBy(e => e.Id).FirstOrDefaultAsync(ct)
                         ?? await db.Enterprises.OrderBy(e => e.Id).FirstOrDefaultAsync(ct);
        var demoUsers = new List<(AppUser User, string Role, string Description)>
        {
            (new AppUser { UserName = "jtj", DisplayName = "区交通运输局", UnitId = unitsByCode.GetValueOrDefault("JTYSJ")?.Id }, Roles.Unit, "成员单位：区交通运输局"),
            (new AppUser { UserName = "swj", DisplayName = "区商务局", UnitId = unitsByCode.GetValueOrDefault("SWJ")?.Id }, Roles.Unit, "成员单位：区商务局"),
            (new AppUser { UserName = "police", DisplayName = "临淄交警大队", UnitId = unitsByCode.GetValueOrDefault("JJDD")?.Id }, Roles.Police, "交警：临淄交警大队"),
        };
        if (enterprise is not null)
            demoUsers.Add((new AppUser { UserName = "qiye", DisplayName = enterprise.Name, EnterpriseId = enterprise.Id }, Roles.Enterprise, $"企业：{enterprise.Name}"));
        foreach (var (user, role, description) in demoUsers)
        {
            if (await users.FindByNameAsync(user.UserName!) is null)
            {
                if (string.IsNullOrWhiteSpace(demoPassword)) report.GeneratedDemoPassword = demoPassword = GeneratePassword();
                await CreateUserAsync(users, user, demoPassword, role);
            }
            report.Logins.Add(new DemoLogin(user.UserName!, role, description));
        }
    }

    static async Task CreateUserAsync(UserManager<AppUser> users, AppUser user, string password, string role)
    {
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
            throw new InvalidOperationException($"Cannot create user {user.UserName}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        await users.AddToRoleAsync(user, role);
    }

    /// <summary>A 16-character password with upper, lower, digit and symbol, from the OS random generator.</summary>
    public static string GeneratePassword()
    {
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", lower = "abcdefghijkmnpqrstuvwxyz", digits = "23456789", symbols = "!@#$%*-_";
        const string all = upper + lower + digits + symbols;
        var chars = new List<char> { Pick(upper), Pick(lower), Pick(digits), Pick(symbols) };
        while (chars.Count < 16) chars.Add(Pick(all));
        return new string(chars.OrderBy(_ => RandomNumberGenerator.GetInt32(int.MaxValue)).ToArray());

        static char Pick(string s) => s[RandomNumberGenerator.GetInt32(s.Length)];
    }
}
