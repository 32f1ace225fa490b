using GreenFreight.Domain.Campaign;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

// The meetings' tables (picked up by AppDbContext from this namespace).
namespace GreenFreight.Server.Data.Configurations;

sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> b)
    {
        b.ToTable("meetings");
        b.Property(x => x.Title).HasMaxLength(300);
        b.Property(x => x.Location).HasMaxLength(200);
        b.Property(x => x.Agenda).HasMaxLength(4000);
        b.Property(x => x.Minutes).HasMaxLength(20_000);
        b.Property(x => x.CreatedBy).HasMaxLength(100);
        b.HasMany(x => x.Attendance).WithOne().HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.ActionItems).WithOne().HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.Date);
    }
}

sealed class MeetingAttendanceConfiguration : IEntityTypeConfiguration<MeetingAttendance>
{
    public void Configure(EntityTypeBuilder<MeetingAttendance> b)
    {
        b.ToTable("meeting_attendance");
        b.Property(x => x.Representative).HasMaxLength(100);
        b.HasIndex(x => new { x.MeetingId, x.UnitId }).IsUnique();
        b.HasOne<GreenFreight.Domain.Registry.OrgUnit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class ActionItemConfiguration : IEntityTypeConfiguration<ActionItem>
{
    public void Configure(EntityTypeBuilder<ActionItem> b)
    {
        b.ToTable("meeting_action_items");
        b.Property(x => x.Decision).HasMaxLength(2000);
        b.Property(x => x.Progress).HasMaxLength(2000);
        b.Property(x => x.UpdatedBy).HasMaxLength(100);
        b.HasIndex(x => new { x.OwnerUnitId, x.Status });
        b.HasOne<GreenFreight.Domain.Registry.OrgUnit>().WithMany().HasForeignKey(x => x.OwnerUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
