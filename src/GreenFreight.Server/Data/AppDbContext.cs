using GreenFreight.Domain.Auditing;
using GreenFreight.Domain.Indicators;
using GreenFreight.Domain.Registry;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace GreenFreight.Server.Data;

/// <summary>
/// The platform's database. Provider-neutral: <see cref="SqliteAppDbContext"/> and <see cref="PostgresAppDbContext"/>
/// only exist so that each provider has its own migrations.
/// </summary>
public abstract class AppDbContext(DbContextOptions options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<OrgUnit> Units => Set<OrgUnit>();
    public DbSet<Enterprise> Enterprises => Set<Enterprise>();
    public DbSet<Facility> Facilities => Set<Facility>();
    public DbSet<Vehicle> Vehicles => Set<Vehicle>();
    public DbSet<RetailOutlet> Outlets => Set<RetailOutlet>();
    public DbSet<IndicatorDefinition> IndicatorDefinitions => Set<IndicatorDefinition>();
    public DbSet<IndicatorEntry> IndicatorEntries => Set<IndicatorEntry>();
    public DbSet<EvidenceAttachment> EvidenceAttachments => Set<EvidenceAttachment>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<GreenFreight.Domain.Campaign.OutboundMessage> OutboundMessages => Set<GreenFreight.Domain.Campaign.OutboundMessage>();
    public DbSet<PlatformSecret> Secrets => Set<PlatformSecret>();
    public DbSet<GreenFreight.Domain.Tracking.TrackPoint> TrackPoints => Set<GreenFreight.Domain.Tracking.TrackPoint>();
    /// <summary>
    /// Every stored position, for reading. On SQLite recent positions wait in an unindexed inbox before they are moved
    /// into <see cref="TrackPoints"/> (see <c>SqlitePositionStore</c>), so reads go through this, not the table.
    /// </summary>
    public IQueryable<GreenFreight.Domain.Tracking.TrackPoint> StoredPositions =>
        Database.IsSqlite() ? TrackPoints.FromSqlRaw(GreenFreight.Server.Tracking.SqliteTrackInbox.AllPointsSql) : TrackPoints;
    public DbSet<GreenFreight.Domain.Tracking.VehicleLiveState> VehicleLive => Set<GreenFreight.Domain.Tracking.VehicleLiveState>();
    public DbSet<GreenFreight.Domain.Tracking.TerminalCommand> TerminalCommands => Set<GreenFreight.Domain.Tracking.TerminalCommand>();
    public DbSet<Tracking.ApiKey> ApiKeys => Set<Tracking.ApiKey>();
    public DbSet<GreenFreight.Domain.Access.AccessZone> Zones => Set<GreenFreight.Domain.Access.AccessZone>();
    public DbSet<GreenFreight.Domain.Access.AccessRule> AccessRules => Set<GreenFreight.Domain.Access.AccessRule>();
    public DbSet<GreenFreight.Domain.Access.AccessSettings> AccessSettings => Set<GreenFreight.Domain.Access.AccessSettings>();
    public DbSet<GreenFreight.Domain.Access.PolicyPublication> Policies => Set<GreenFreight.Domain.Access.PolicyPublication>();
    public DbSet<GreenFreight.Domain.Access.PolicyAttachment> PolicyAttachments => Set<GreenFreight.Domain.Access.PolicyAttachment>();
    public DbSet<GreenFreight.Domain.Access.DeliveryPass> Passes => Set<GreenFreight.Domain.Access.DeliveryPass>();
    public DbSet<GreenFreight.Domain.Access.PassMaterial> PassMaterials => Set<GreenFreight.Domain.Access.PassMaterial>();
    public DbSet<GreenFreight.Domain.Access.BayVisit> BayVisits => Set<GreenFreight.Domain.Access.BayVisit>();
    public DbSet<GreenFreight.Domain.Access.BaySlotClaim> BaySlotClaims => Set<GreenFreight.Domain.Access.BaySlotClaim>();
    public DbSet<GreenFreight.Domain.Tracking.TrackingEvent> TrackingEvents => Set<GreenFreight.Domain.Tracking.TrackingEvent>();
    public DbSet<GreenFreight.Domain.Campaign.Campaign> Campaigns => Set<GreenFreight.Domain.Campaign.Campaign>();
    public DbSet<GreenFreight.Domain.Campaign.CampaignMember> CampaignMembers => Set<GreenFreight.Domain.Campaign.CampaignMember>();
    public DbSet<GreenFreight.Domain.Campaign.CampaignTask> CampaignTasks => Set<GreenFreight.Domain.Campaign.CampaignTask>();
    public DbSet<GreenFreight.Domain.Campaign.CampaignTaskUnit> CampaignTaskUnits => Set<GreenFreight.Domain.Campaign.CampaignTaskUnit>();
    public DbSet<GreenFreight.Domain.Campaign.QuarterlyReport> QuarterlyReports => Set<GreenFreight.Domain.Campaign.QuarterlyReport>();
    public DbSet<GreenFreight.Domain.Campaign.ReportTaskProgress> ReportTaskProgress => Set<GreenFreight.Domain.Campaign.ReportTaskProgress>();
    public DbSet<GreenFreight.Domain.Campaign.ReportIndicatorValue> ReportIndicatorValues => Set<GreenFreight.Domain.Campaign.ReportIndicatorValue>();
    public DbSet<GreenFreight.Domain.Campaign.ReportEvent> ReportEvents => Set<GreenFreight.Domain.Campaign.ReportEvent>();
    public DbSet<GreenFreight.Domain.Campaign.Circular> Circulars => Set<GreenFreight.Domain.Campaign.Circular>();
    public DbSet<GreenFreight.Domain.Campaign.CircularSection> CircularSections => Set<GreenFreight.Domain.Campaign.CircularSection>();
    public DbSet<GreenFreight.Domain.Campaign.CircularIndicatorRow> CircularIndicatorRows => Set<GreenFreight.Domain.Campaign.CircularIndicatorRow>();
    public DbSet<GreenFreight.Domain.Campaign.Notification> Notifications => Set<GreenFreight.Domain.Campaign.Notification>();
    public DbSet<GreenFreight.Domain.Planning.PlanningJob> PlanningJobs => Set<GreenFreight.Domain.Planning.PlanningJob>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>User name written to the audit log by the next <c>SaveChanges</c>; "system" when unset.</summary>
    public string? AuditUser { get; set; }

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
    {
        // Stateful (it holds the changes between saving and saved), so one per context instance.
        optionsBuilder.AddInterceptors(new AuditInterceptor(TimeProvider.System));
    }

    /// <summary>Saves the changes and their audit rows in one transaction.</summary>
    /// <summary>Each update of a versioned record increases its version; a stale version in the update fails it.</summary>
    void BumpVersions()
    {
        foreach (var e in ChangeTracker.Entries<GreenFreight.Domain.Registry.IVersioned>().Where(e => e.State == EntityState.Modified))
            e.Entity.Version = e.Property(x => x.Version).OriginalValue + 1;
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BumpVersions();
        if (Database.CurrentTransaction is not null)
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        await using var tx = await Database.BeginTransactionAsync(cancellationToken);
        var n = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return n;
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BumpVersions();
        if (Database.CurrentTransaction is not null) return base.SaveChanges(acceptAllChangesOnSuccess);
        using var tx = Database.BeginTransaction();
        var n = base.SaveChanges(acceptAllChangesOnSuccess);
        tx.Commit();
        return n;
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly, t => t.Namespace == typeof(Configurations.GeometryConverters).Namespace);
        builder.Entity<AppUser>().Property(u => u.DisplayName).HasMaxLength(100);
        builder.Entity<PlatformSecret>().HasKey(s => s.Name);
        foreach (var type in builder.Model.GetEntityTypes().Where(t => typeof(GreenFreight.Domain.Registry.IVersioned).IsAssignableFrom(t.ClrType)))
            builder.Entity(type.ClrType).Property(nameof(GreenFreight.Domain.Registry.IVersioned.Version)).IsConcurrencyToken();
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<decimal>().HavePrecision(18, 4);
        configurationBuilder.Properties<NetTopologySuite.Geometries.Point>().HaveConversion<Configurations.PointToWkt>();
        configurationBuilder.Properties<NetTopologySuite.Geometries.Polygon>().HaveConversion<Configurations.PolygonToWkt>();
    }
}

public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options);

public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options);
