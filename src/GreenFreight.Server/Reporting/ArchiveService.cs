using System.Globalization;
using GreenFreight.Domain.Reporting;
using GreenFreight.Server.Auth;
using GreenFreight.Server.Data;
using GreenFreight.Server.Infrastructure;
using GreenFreight.Server.Registry;
using Microsoft.EntityFrameworkCore;

namespace GreenFreight.Server.Reporting;

public sealed record ArchiveDocumentDto(int Id, int Version, string? DocumentNo, string Title, DateOnly IssuedOn, string Issuer, string Category, string CategoryText,
    string? Notes, string FileName, string ContentType, long Size, DateTimeOffset UploadedAt, string UploadedBy, string Url);

/// <summary>Metadata of an upload, as the multipart form gives it (strings, checked here so the field at fault is named).</summary>
public sealed record ArchiveUpload(string? DocumentNo, string? Title, string? IssuedOn, string? Issuer, string? Category, string? Notes);

/// <summary>The office's document archive (文件档案): upload with metadata, search by title or 文号, download, delete.</summary>
public sealed class ArchiveService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, Localizer l)
{
    /// <summary>Reads: government users (office, units, police). Writes: the office only.</summary>
    public static bool MayRead(UserContext u) => u.IsGovernment;

    public static bool MayWrite(UserContext u) => u.IsOffice;

    ArchiveDocumentDto ToDto(ArchiveDocument d) => new(d.Id, d.Version, d.DocumentNo, d.Title, d.IssuedOn, d.Issuer, d.Category.ToString(),
        l[$"reporting.category.{d.Category}"], d.Notes, d.FileName, d.ContentType, d.Size, d.UploadedAt, d.UploadedBy, $"/api/documents/{d.Id}/file");

    /// <summary>Without the files' content.</summary>
    static IQueryable<ArchiveDocument> Meta(IQueryable<ArchiveDocument> q) => q.Select(d => new ArchiveDocument
    {
        Id = d.Id, Version = d.Version, DocumentNo = d.DocumentNo, Title = d.Title, IssuedOn = d.IssuedOn, Issuer = d.Issuer, Category = d.Category, Notes = d.Notes,
        FileName = d.FileName, ContentType = d.ContentType, Size = d.Size, UploadedAt = d.UploadedAt, UploadedBy = d.UploadedBy,
    });

    public async Task<Outcome<List<ArchiveDocumentDto>>> SearchAsync(string? q, string? category, int? year, UserContext user, CancellationToken ct = default)
    {
        if (!MayRead(user)) return Outcome<List<ArchiveDocumentDto>>.Forbidden;
        var errors = new FieldErrors();
        ArchiveCategory? cat = null;
        if (!string.IsNullOrWhiteSpace(category))
        {
            if (Enum.TryParse<ArchiveCategory>(category, true, out var c) && Enum.IsDefined(c)) cat = c;
            else errors.Add("category", "field.enum");
        }
        if (year is < 2000 or > 2100) errors.Add("year", "reporting.year.range");
        if (!errors.Ok) return Outcome<List<ArchiveDocumentDto>>.Invalid(errors);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Set<ArchiveDocument>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var t = q.Trim();
            query = query.Where(d => d.Title.Contains(t) || (d.DocumentNo != null && d.DocumentNo.Contains(t)));
        }
        if (cat is { } cc) query = query.Where(d => d.Category == cc);
        if (year is { } y)
        {
            var from = new DateOnly(y, 1, 1);
            var to = new DateOnly(y, 12, 31);
            query = query.Where(d => d.IssuedOn >= from && d.IssuedOn <= to);
        }
        var list = await Meta(query.OrderByDescending(d => d.IssuedOn).ThenByDescending(d => d.Id)).Take(500).ToListAsync(ct);
        return Outcome<List<ArchiveDocumentDto>>.Ok(list.Select(ToDto).ToList());
    }

    public async Task<ArchiveDocumentDto?> GetAsync(int id, UserContext user, CancellationToken ct = default)
    {
        if (!MayRead(user)) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var d = await Meta(db.Set<ArchiveDocument>().AsNoTracking().Where(x => x.Id == id)).FirstOrDefaultAsync(ct);
        return d is null ? null : ToDto(d);
    }

    public async Task<ArchiveDocument?> FileAsync(int id, UserContext user, CancellationToken ct = default)
    {
        if (!MayRead(user)) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<ArchiveDocument>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
    }

    public async Task<Outcome<ArchiveDocumentDto>> UploadAsync(ArchiveUpload meta, string? fileName, string? contentType, byte[]? content, UserContext user, CancellationToken ct = default)
    {
        if (!MayWrite(user)) return Outcome<ArchiveDocumentDto>.Forbidden;
        var errors = new FieldErrors();
        RegistryRules.Required(errors, "title", meta.Title);
        RegistryRules.MaxLength(errors, "title", meta.Title, 300);
        RegistryRules.MaxLength(errors, "documentNo", meta.DocumentNo, 100);
        RegistryRules.Required(errors, "issuer", meta.Issuer);
        RegistryRules.MaxLength(errors, "issuer", meta.Issuer, 200);
        RegistryRules.MaxLength(errors, "notes", meta.Notes, 2000);
        DateOnly issued = default;
        if (string.IsNullOrWhiteSpace(meta.IssuedOn)) errors.Add("issuedOn", "field.required");
        else if (!DateOnly.TryParseExact(meta.IssuedOn.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out issued) || issued.Year is < 2000 or > 2100)
            errors.Add("issuedOn", "date.format");
        ArchiveCategory category = ArchiveCategory.Other;
        if (string.IsNullOrWhiteSpace(meta.Category)) errors.Add("category", "field.required");
        else if (!Enum.TryParse(meta.Category.Trim(), true, out category) || !Enum.IsDefined(category)) errors.Add("category", "field.enum");
        if (content is null || content.Length == 0) errors.Add("file", "field.required");
        else if (Uploads.TooLarge(content.LongLength)) errors.Add("file", "indicator.attachment.size", fileName ?? "", Uploads.MaxFileMegabytes);
        if (!errors.Ok) return Outcome<ArchiveDocumentDto>.Invalid(errors);

        var name = Path.GetFileName(string.IsNullOrWhiteSpace(fileName) ? "document" : fileName);
        if (name.Length > 200) name = name[^200..];
        var d = new ArchiveDocument
        {
            DocumentNo = RegistryRules.Clean(meta.DocumentNo), Title = meta.Title!.Trim(), IssuedOn = issued, Issuer = meta.Issuer!.Trim(), Category = category,
            Notes = RegistryRules.Clean(meta.Notes), FileName = name, ContentType = string.IsNullOrWhiteSpace(contentType) ? "application/octet-stream" : contentType,
            Size = content!.LongLength, Content = content, UploadedAt = clock.GetUtcNow(), UploadedBy = user.UserName,
        };
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Set<ArchiveDocument>().Add(d);
        db.AuditUser = user.UserName;
        await db.SaveChangesAsync(ct);
        d.Content = [];
        return Outcome<ArchiveDocumentDto>.Ok(ToDto(d));
    }

    public async Task<Outcome<bool>> DeleteAsync(int id, UserContext user, CancellationToken ct = default)
    {
        if (!MayWrite(user)) return Outcome<bool>.Forbidden;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var d = await db.Set<ArchiveDocument>().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (d is null) return Outcome<bool>.NotFound;
        db.Set<ArchiveDocument>().Remove(d);
        db.AuditUser = user.UserName;
        await db.SaveChangesAsync(ct);
        return Outcome<bool>.Ok(true);
    }
}
