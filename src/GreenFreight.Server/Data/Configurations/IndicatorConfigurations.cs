using GreenFreight.Domain.Auditing;
using GreenFreight.Domain.Indicators;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GreenFreight.Server.Data.Configurations;

sealed class IndicatorDefinitionConfiguration : IEntityTypeConfiguration<IndicatorDefinition>
{
    public void Configure(EntityTypeBuilder<IndicatorDefinition> b)
    {
        b.ToTable("indicator_definitions");
        b.Property(x => x.Code).HasMaxLength(40);
        b.HasIndex(x => x.Code).IsUnique();
        b.Property(x => x.SetCode).HasMaxLength(20);
        b.Property(x => x.Category).HasMaxLength(100);
        b.Property(x => x.CategoryEn).HasMaxLength(200);
        b.Property(x => x.NameZh).HasMaxLength(300);
        b.Property(x => x.NameEn).HasMaxLength(300);
        b.Property(x => x.Unit).HasMaxLength(20);
        b.Property(x => x.Calculator).HasMaxLength(80);
        b.Property(x => x.ChecklistOptions).HasMaxLength(500);
        b.Property(x => x.Method).HasMaxLength(1000);
        b.Property(x => x.ParentCode).HasMaxLength(40);
        b.HasOne(x => x.OwnerUnit).WithMany().HasForeignKey(x => x.OwnerUnitId).OnDelete(DeleteBehavior.SetNull);
        b.Ignore(x => x.HasTarget);
        b.Ignore(x => x.Checklist);
    }
}

sealed class IndicatorEntryConfiguration : IEntityTypeConfiguration<IndicatorEntry>
{
    public void Configure(EntityTypeBuilder<IndicatorEntry> b)
    {
        b.ToTable("indicator_entries");
        b.HasOne(x => x.Definition).WithMany().HasForeignKey(x => x.DefinitionId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Attachments).WithOne().HasForeignKey(a => a.EntryId).OnDelete(DeleteBehavior.Cascade);
        b.Property(x => x.Checked).HasMaxLength(500);
        b.Property(x => x.Description).HasMaxLength(4000);
        b.Property(x => x.EnteredBy).HasMaxLength(100);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(x => new { x.DefinitionId, x.AsOf });
    }
}

sealed class EvidenceAttachmentConfiguration : IEntityTypeConfiguration<EvidenceAttachment>
{
    public void Configure(EntityTypeBuilder<EvidenceAttachment> b)
    {
        b.ToTable("evidence_attachments");
        b.Property(x => x.FileName).HasMaxLength(255);
        b.Property(x => x.ContentType).HasMaxLength(100);
    }
}

sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("audit_log");
        b.Property(x => x.UserName).HasMaxLength(100);
        b.Property(x => x.EntityType).HasMaxLength(60);
        b.Property(x => x.EntityId).HasMaxLength(60);
        b.HasIndex(x => new { x.EntityType, x.EntityId });
        b.HasIndex(x => x.At);
    }
}
