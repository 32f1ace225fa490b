using GreenFreight.Domain.Tracking;
using GreenFreight.Server.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GreenFreight.Server.Data.Configurations;

sealed class TrackPointConfiguration : IEntityTypeConfiguration<TrackPoint>
{
    public void Configure(EntityTypeBuilder<TrackPoint> b)
    {
        b.ToTable("track_points");
        b.HasKey(x => x.Id);
        b.Ignore(x => x.Time);
        // Compact codes, not names: this is the platform's largest table.
        b.Property(x => x.Verdict).HasConversion<byte>();
        b.Property(x => x.Source).HasConversion<byte>();
        b.HasIndex(x => new { x.VehicleId, x.TimeMs });
        b.HasOne<GreenFreight.Domain.Registry.Vehicle>().WithMany().HasForeignKey(x => x.VehicleId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> b)
    {
        b.ToTable("api_keys");
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.Hash).HasMaxLength(64);
        b.Property(x => x.CreatedBy).HasMaxLength(100);
        b.HasOne<GreenFreight.Domain.Registry.Enterprise>().WithMany().HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class TrackingEventConfiguration : IEntityTypeConfiguration<TrackingEvent>
{
    public void Configure(EntityTypeBuilder<TrackingEvent> b)
    {
        b.ToTable("tracking_events");
        b.Property(x => x.Detail).HasMaxLength(500);
        b.Property(x => x.AcknowledgedBy).HasMaxLength(100);
        b.HasIndex(x => new { x.VehicleId, x.StartMs });
        b.HasIndex(x => x.StartMs);
        b.HasOne<GreenFreight.Domain.Registry.Vehicle>().WithMany().HasForeignKey(x => x.VehicleId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class VehicleLiveStateConfiguration : IEntityTypeConfiguration<VehicleLiveState>
{
    public void Configure(EntityTypeBuilder<VehicleLiveState> b)
    {
        b.ToTable("vehicle_live");
        b.HasKey(x => x.VehicleId);
        b.Property(x => x.VehicleId).ValueGeneratedNever();
        b.Property(x => x.Instance).HasMaxLength(100);
        b.HasOne<GreenFreight.Domain.Registry.Vehicle>().WithMany().HasForeignKey(x => x.VehicleId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class TerminalCommandConfiguration : IEntityTypeConfiguration<TerminalCommand>
{
    public void Configure(EntityTypeBuilder<TerminalCommand> b)
    {
        b.ToTable("terminal_commands");
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(40);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(40);
        b.Property(x => x.Description).HasMaxLength(300);
        b.Property(x => x.CreatedBy).HasMaxLength(100);
        b.Property(x => x.Instance).HasMaxLength(100);
        b.HasIndex(x => new { x.Status, x.VehicleId });
        b.HasIndex(x => new { x.VehicleId, x.CreatedAt });
        b.HasOne<GreenFreight.Domain.Registry.Vehicle>().WithMany().HasForeignKey(x => x.VehicleId).OnDelete(DeleteBehavior.Cascade);
    }
}
