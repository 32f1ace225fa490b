using GreenFreight.Domain.Planning;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

// The Planning capability's table (picked up by AppDbContext from this namespace).
namespace GreenFreight.Server.Data.Configurations;

sealed class PlanningJobConfiguration : IEntityTypeConfiguration<PlanningJob>
{
    public void Configure(EntityTypeBuilder<PlanningJob> b)
    {
        b.ToTable("planning_jobs");
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.CreatedBy).HasMaxLength(100);
        b.Property(x => x.ClaimedBy).HasMaxLength(200);
        b.Property(x => x.Error).HasMaxLength(2000);
        b.HasIndex(x => new { x.Status, x.Id });
        b.HasIndex(x => x.EnterpriseId);
    }
}
