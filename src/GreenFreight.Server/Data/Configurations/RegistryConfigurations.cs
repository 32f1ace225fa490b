using GreenFreight.Domain.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GreenFreight.Server.Data.Configurations;

sealed class OrgUnitConfiguration : IEntityTypeConfiguration<OrgUnit>
{
    public void Configure(EntityTypeBuilder<OrgUnit> b)
    {
        b.ToTable("units");
        b.Property(x => x.Code).HasMaxLength(20);
        b.HasIndex(x => x.Code).IsUnique();
        b.Property(x => x.Name).HasMaxLength(100);
        b.HasIndex(x => x.Name).IsUnique();
        b.Property(x => x.NameEn).HasMaxLength(200);
        b.Property(x => x.ContactName).HasMaxLength(50);
        b.Property(x => x.ContactPhone).HasMaxLength(30);
    }
}

sealed class EnterpriseConfiguration : IEntityTypeConfiguration<Enterprise>
{
    public void Configure(EntityTypeBuilder<Enterprise> b)
    {
        b.ToTable("enterprises");
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Uscc).HasMaxLength(18);
        b.HasIndex(x => x.Uscc).IsUnique();
        b.Property(x => x.PlatformUrl).HasMaxLength(500);
        b.Property(x => x.ContactName).HasMaxLength(50);
        b.Property(x => x.ContactPhone).HasMaxLength(30);
        b.Property(x => x.Address).HasMaxLength(300);
        b.HasIndex(x => x.Name);
    }
}

sealed class FacilityConfiguration : IEntityTypeConfiguration<Facility>
{
    public void Configure(EntityTypeBuilder<Facility> b)
    {
        b.ToTable("facilities");
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Address).HasMaxLength(300);
        b.Property(x => x.Notes).HasMaxLength(2000);
        b.Property(x => x.PilePowerKw).HasPrecision(9, 2);
        b.HasOne(x => x.OperatorEnterprise).WithMany().HasForeignKey(x => x.OperatorEnterpriseId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.Kind, x.Status });
    }
}

sealed class VehicleConfiguration : IEntityTypeConfiguration<Vehicle>
{
    public void Configure(EntityTypeBuilder<Vehicle> b)
    {
        b.ToTable("vehicles");
        b.Property(x => x.Plate).HasMaxLength(10);
        b.HasIndex(x => x.Plate).IsUnique();
        b.Property(x => x.Vin).HasMaxLength(17);
        b.HasIndex(x => x.Vin).IsUnique();
        b.Property(x => x.CourierNumber).HasMaxLength(40);
        b.Property(x => x.RfidTag).HasMaxLength(64);
        b.Property(x => x.TerminalPhone).HasMaxLength(20);
        b.HasIndex(x => x.TerminalPhone).IsUnique();
        b.HasOne(x => x.OwnerEnterprise).WithMany().HasForeignKey(x => x.OwnerEnterpriseId).OnDelete(DeleteBehavior.Restrict);
    }
}

sealed class RetailOutletConfiguration : IEntityTypeConfiguration<RetailOutlet>
{
    public void Configure(EntityTypeBuilder<RetailOutlet> b)
    {
        b.ToTable("retail_outlets");
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Address).HasMaxLength(300);
        b.HasOne(x => x.OwnerEnterprise).WithMany().HasForeignKey(x => x.OwnerEnterpriseId).OnDelete(DeleteBehavior.Restrict);
    }
}
