using GreenFreight.Domain.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

// The document archive's table (picked up by AppDbContext from this namespace).
namespace GreenFreight.Server.Data.Configurations;

sealed class ArchiveDocumentConfiguration : IEntityTypeConfiguration<ArchiveDocument>
{
    public void Configure(EntityTypeBuilder<ArchiveDocument> b)
    {
        b.ToTable("archive_documents");
        b.Property(x => x.DocumentNo).HasMaxLength(100);
        b.Property(x => x.Title).HasMaxLength(300);
        b.Property(x => x.Issuer).HasMaxLength(200);
        b.Property(x => x.Notes).HasMaxLength(2000);
        b.Property(x => x.FileName).HasMaxLength(255);
        b.Property(x => x.ContentType).HasMaxLength(100);
        b.Property(x => x.UploadedBy).HasMaxLength(100);
        b.HasIndex(x => x.IssuedOn);
        b.HasIndex(x => x.DocumentNo);
    }
}
