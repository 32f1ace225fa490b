using GreenFreight.Domain.Campaign;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

// The assessment's tables (picked up by AppDbContext from this namespace).
namespace GreenFreight.Server.Data.Configurations;

sealed class AssessmentSchemeConfiguration : IEntityTypeConfiguration<AssessmentScheme>
{
    public void Configure(EntityTypeBuilder<AssessmentScheme> b)
    {
        b.ToTable("assessment_schemes");
        b.Property(x => x.Name).HasMaxLength(200);
        b.HasIndex(x => x.Year).IsUnique();
        b.HasMany(x => x.Items).WithOne().HasForeignKey(i => i.SchemeId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class AssessmentItemConfiguration : IEntityTypeConfiguration<AssessmentItem>
{
    public void Configure(EntityTypeBuilder<AssessmentItem> b)
    {
        b.ToTable("assessment_items");
        b.Property(x => x.Code).HasMaxLength(20);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Steps).HasMaxLength(200);
    }
}

sealed class AssessmentScoreConfiguration : IEntityTypeConfiguration<AssessmentScore>
{
    public void Configure(EntityTypeBuilder<AssessmentScore> b)
    {
        b.ToTable("assessment_scores");
        b.Property(x => x.Comment).HasMaxLength(2000);
        b.Property(x => x.ScoredBy).HasMaxLength(100);
        b.HasIndex(x => new { x.SchemeId, x.UnitId, x.ItemId });
        b.HasOne<AssessmentScheme>().WithMany().HasForeignKey(x => x.SchemeId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AssessmentItem>().WithMany().HasForeignKey(x => x.ItemId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<GreenFreight.Domain.Registry.OrgUnit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Cascade);
    }
}
