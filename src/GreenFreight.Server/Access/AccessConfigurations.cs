using GreenFreight.Domain.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NetTopologySuite.Geometries;

// The Access capability's tables (picked up by AppDbContext from this namespace).
namespace GreenFreight.Server.Data.Configurations;

sealed class LineStringToWkt() : ValueConverter<LineString, string>(p => GeometryConverters.ToWkt(p), s => GeometryConverters.FromWkt<LineString>(s));

sealed class AccessZoneConfiguration : IEntityTypeConfiguration<AccessZone>
{
    public void Configure(EntityTypeBuilder<AccessZone> b)
    {
        b.ToTable("access_zones");
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Source).HasMaxLength(500);
        b.Property(x => x.Line).HasConversion((Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<LineString?, string>)(object)new LineStringToWkt());
    }
}

sealed class AccessRuleConfiguration : IEntityTypeConfiguration<AccessRule>
{
    public void Configure(EntityTypeBuilder<AccessRule> b)
    {
        b.ToTable("access_rules");
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Classes).HasMaxLength(300);
        b.Property(x => x.Windows).HasMaxLength(300);
        b.Property(x => x.Notes).HasMaxLength(2000);
        // Flags as their numbers (the string convention would write "Restricted, Limited").
        b.Property(x => x.ZoneKinds).HasConversion<int>();
        b.Property(x => x.Days).HasConversion<int>();
        b.HasOne<AccessZone>().WithMany().HasForeignKey(x => x.ZoneId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<PolicyPublication>().WithMany().HasForeignKey(x => x.PolicyId).OnDelete(DeleteBehavior.SetNull);
    }
}

sealed class AccessSettingsConfiguration : IEntityTypeConfiguration<AccessSettings>
{
    public void Configure(EntityTypeBuilder<AccessSettings> b)
    {
        b.ToTable("access_settings");
        b.Property(x => x.Id).ValueGeneratedNever();
    }
}

sealed class PolicyPublicationConfiguration : IEntityTypeConfiguration<PolicyPublication>
{
    public void Configure(EntityTypeBuilder<PolicyPublication> b)
    {
        b.ToTable("policy_publications");
        b.Property(x => x.Title).HasMaxLength(300);
        b.Property(x => x.DocumentNo).HasMaxLength(100);
        b.Property(x => x.Issuer).HasMaxLength(200);
        b.Property(x => x.Body).HasMaxLength(20_000);
        b.HasMany(x => x.Attachments).WithOne().HasForeignKey(a => a.PolicyId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.PublishedAt);
    }
}

sealed class PolicyAttachmentConfiguration : IEntityTypeConfiguration<PolicyAttachment>
{
    public void Configure(EntityTypeBuilder<PolicyAttachment> b)
    {
        b.ToTable("policy_attachments");
        b.Property(x => x.FileName).HasMaxLength(255);
        b.Property(x => x.ContentType).HasMaxLength(100);
    }
}

sealed class DeliveryPassConfiguration : IEntityTypeConfiguration<DeliveryPass>
{
    public void Configure(EntityTypeBuilder<DeliveryPass> b)
    {
        b.ToTable("delivery_passes");
        b.Property(x => x.Number).HasMaxLength(40);
        b.HasIndex(x => x.Number).IsUnique();
        b.Property(x => x.Plate).HasMaxLength(20);
        b.Property(x => x.Periods).HasMaxLength(200);
        b.Property(x => x.ZoneIds).HasMaxLength(500);
        b.Property(x => x.Roads).HasMaxLength(200);
        b.Property(x => x.Purpose).HasMaxLength(500);
        b.Property(x => x.CreatedBy).HasMaxLength(100);
        b.Property(x => x.ReviewedBy).HasMaxLength(100);
        b.Property(x => x.RejectReason).HasMaxLength(500);
        b.Property(x => x.RevokeReason).HasMaxLength(500);
        b.Property(x => x.Token).HasMaxLength(2000);
        b.HasIndex(x => x.Plate);
        b.HasIndex(x => new { x.EnterpriseId, x.Status });
        b.HasIndex(x => new { x.Status, x.ReviewDueAt });
        b.HasOne<GreenFreight.Domain.Registry.Enterprise>().WithMany().HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<GreenFreight.Domain.Registry.Vehicle>().WithMany().HasForeignKey(x => x.VehicleId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Materials).WithOne().HasForeignKey(m => m.PassId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class PassMaterialConfiguration : IEntityTypeConfiguration<PassMaterial>
{
    public void Configure(EntityTypeBuilder<PassMaterial> b)
    {
        b.ToTable("pass_materials");
        b.Property(x => x.FileName).HasMaxLength(255);
        b.Property(x => x.ContentType).HasMaxLength(100);
        b.Property(x => x.UploadedBy).HasMaxLength(100);
    }
}

sealed class BayVisitConfiguration : IEntityTypeConfiguration<BayVisit>
{
    public void Configure(EntityTypeBuilder<BayVisit> b)
    {
        b.ToTable("bay_visits");
        b.Property(x => x.Plate).HasMaxLength(20);
        b.Property(x => x.CreatedBy).HasMaxLength(100);
        b.HasIndex(x => new { x.FacilityId, x.Status });
        b.HasIndex(x => new { x.EnterpriseId, x.SlotStartMs });
        b.HasOne<GreenFreight.Domain.Registry.Facility>().WithMany().HasForeignKey(x => x.FacilityId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class BaySlotClaimConfiguration : IEntityTypeConfiguration<BaySlotClaim>
{
    public void Configure(EntityTypeBuilder<BaySlotClaim> b)
    {
        b.ToTable("bay_slot_claims");
        // The guarantee against double-booking, in the database: one claim per bay, slot and space.
        b.HasIndex(x => new { x.FacilityId, x.SlotStartMs, x.Space }).IsUnique();
        b.HasIndex(x => x.VisitId);
        b.HasOne<BayVisit>().WithMany().HasForeignKey(x => x.VisitId).OnDelete(DeleteBehavior.Cascade);
    }
}
