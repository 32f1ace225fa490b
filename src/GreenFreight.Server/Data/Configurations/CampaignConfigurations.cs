using GreenFreight.Domain.Campaign;
using GreenFreight.Domain.Indicators;
using GreenFreight.Domain.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

// The Campaign capability's tables (picked up by AppDbContext from this namespace).
namespace GreenFreight.Server.Data.Configurations;

sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> b)
    {
        b.ToTable("campaigns");
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.DocumentNumber).HasMaxLength(100);
        b.Property(x => x.Goal).HasMaxLength(4000);
        b.Ignore(x => x.EffectiveEnd);
        b.HasMany(x => x.Tasks).WithOne().HasForeignKey(t => t.CampaignId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Members).WithOne().HasForeignKey(m => m.CampaignId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class CampaignMemberConfiguration : IEntityTypeConfiguration<CampaignMember>
{
    public void Configure(EntityTypeBuilder<CampaignMember> b)
    {
        b.ToTable("campaign_members");
        b.Property(x => x.Duties).HasMaxLength(4000);
        b.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.CampaignId, x.UnitId }).IsUnique();
    }
}

sealed class CampaignTaskConfiguration : IEntityTypeConfiguration<CampaignTask>
{
    public void Configure(EntityTypeBuilder<CampaignTask> b)
    {
        b.ToTable("campaign_tasks");
        b.Property(x => x.Number).HasMaxLength(20);
        b.Property(x => x.Title).HasMaxLength(300);
        b.Property(x => x.Content).HasMaxLength(4000);
        b.Property(x => x.UnitsText).HasMaxLength(1000);
        b.Property(x => x.TargetText).HasMaxLength(1000);
        b.HasOne<CampaignTask>().WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<IndicatorDefinition>().WithMany().HasForeignKey(x => x.TargetIndicatorId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(x => x.Units).WithOne().HasForeignKey(u => u.TaskId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.CampaignId, x.SortOrder });
    }
}

sealed class CampaignTaskUnitConfiguration : IEntityTypeConfiguration<CampaignTaskUnit>
{
    public void Configure(EntityTypeBuilder<CampaignTaskUnit> b)
    {
        b.ToTable("campaign_task_units");
        b.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.TaskId, x.UnitId }).IsUnique();
    }
}

sealed class QuarterlyReportConfiguration : IEntityTypeConfiguration<QuarterlyReport>
{
    public void Configure(EntityTypeBuilder<QuarterlyReport> b)
    {
        b.ToTable("quarterly_reports");
        b.Property(x => x.Problems).HasMaxLength(8000);
        b.Property(x => x.NextPlan).HasMaxLength(8000);
        b.Property(x => x.SubmittedBy).HasMaxLength(100);
        b.Property(x => x.ReviewedBy).HasMaxLength(100);
        b.Property(x => x.ReturnComment).HasMaxLength(4000);
        b.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Campaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.CampaignId, x.UnitId, x.Year, x.Quarter }).IsUnique();
        b.HasMany(x => x.Progress).WithOne().HasForeignKey(p => p.ReportId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.IndicatorValues).WithOne().HasForeignKey(p => p.ReportId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Events).WithOne().HasForeignKey(p => p.ReportId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class ReportTaskProgressConfiguration : IEntityTypeConfiguration<ReportTaskProgress>
{
    public void Configure(EntityTypeBuilder<ReportTaskProgress> b)
    {
        b.ToTable("report_task_progress");
        b.Property(x => x.Narrative).HasMaxLength(8000);
        b.HasOne<CampaignTask>().WithMany().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.ReportId, x.TaskId }).IsUnique();
    }
}

sealed class ReportIndicatorValueConfiguration : IEntityTypeConfiguration<ReportIndicatorValue>
{
    public void Configure(EntityTypeBuilder<ReportIndicatorValue> b)
    {
        b.ToTable("report_indicator_values");
        b.Property(x => x.Checked).HasMaxLength(500);
        b.Property(x => x.Description).HasMaxLength(4000);
        b.HasOne<IndicatorDefinition>().WithMany().HasForeignKey(x => x.DefinitionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<IndicatorEntry>().WithMany().HasForeignKey(x => x.EntryId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(x => new { x.ReportId, x.DefinitionId }).IsUnique();
    }
}

sealed class ReportEventConfiguration : IEntityTypeConfiguration<ReportEvent>
{
    public void Configure(EntityTypeBuilder<ReportEvent> b)
    {
        b.ToTable("report_events");
        b.Property(x => x.By).HasMaxLength(100);
        b.Property(x => x.Comment).HasMaxLength(4000);
    }
}

sealed class CircularConfiguration : IEntityTypeConfiguration<Circular>
{
    public void Configure(EntityTypeBuilder<Circular> b)
    {
        b.ToTable("circulars");
        b.Property(x => x.Title).HasMaxLength(300);
        b.Property(x => x.DocumentNumber).HasMaxLength(100);
        b.Property(x => x.Issuer).HasMaxLength(200);
        b.Property(x => x.PublishedBy).HasMaxLength(100);
        b.HasOne<Campaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.CampaignId, x.Year, x.Half }).IsUnique();
        b.HasMany(x => x.Sections).WithOne().HasForeignKey(s => s.CircularId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.IndicatorRows).WithOne().HasForeignKey(s => s.CircularId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class CircularSectionConfiguration : IEntityTypeConfiguration<CircularSection>
{
    public void Configure(EntityTypeBuilder<CircularSection> b)
    {
        b.ToTable("circular_sections");
        b.Property(x => x.Heading).HasMaxLength(300);
        b.Property(x => x.Body).HasMaxLength(20000);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.SetNull);
    }
}

sealed class CircularIndicatorRowConfiguration : IEntityTypeConfiguration<CircularIndicatorRow>
{
    public void Configure(EntityTypeBuilder<CircularIndicatorRow> b)
    {
        b.ToTable("circular_indicator_rows");
        b.Property(x => x.Code).HasMaxLength(40);
        b.Property(x => x.Name).HasMaxLength(300);
        b.Property(x => x.Value).HasMaxLength(100);
        b.Property(x => x.Target).HasMaxLength(100);
        b.Property(x => x.Met).HasMaxLength(20);
    }
}

sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.ToTable("notifications");
        b.Property(x => x.UserName).HasMaxLength(256);
        b.Property(x => x.Title).HasMaxLength(300);
        b.Property(x => x.Body).HasMaxLength(4000);
        b.Property(x => x.Link).HasMaxLength(500);
        b.Property(x => x.DedupKey).HasMaxLength(200);
        b.HasIndex(x => new { x.UserName, x.ReadAt });
        b.HasIndex(x => new { x.UserName, x.DedupKey }).IsUnique();
    }
}

sealed class OutboundMessageConfiguration : IEntityTypeConfiguration<OutboundMessage>
{
    public void Configure(EntityTypeBuilder<OutboundMessage> b)
    {
        b.ToTable("outbound_messages");
        b.Property(x => x.Channel).HasConversion<string>().HasMaxLength(10);
        b.Property(x => x.UserName).HasMaxLength(256);
        b.Property(x => x.Address).HasMaxLength(200);
        b.Property(x => x.Subject).HasMaxLength(300);
        b.Property(x => x.Body).HasMaxLength(8000);
        b.Property(x => x.DedupKey).HasMaxLength(200);
        b.Property(x => x.ClaimedBy).HasMaxLength(100);
        b.Property(x => x.LastError).HasMaxLength(2000);
        // The dispatcher's question: what is due and not yet sent or given up.
        b.HasIndex(x => new { x.SentAt, x.FailedAt, x.NextAttemptMs });
        b.HasIndex(x => new { x.DedupKey, x.UserName, x.Channel });
    }
}
