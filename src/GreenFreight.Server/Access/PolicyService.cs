using GreenFreight.Domain.Access;
using GreenFreight.Server.Auth;
using GreenFreight.Server.Data;
using GreenFreight.Server.Infrastructure;
using GreenFreight.Server.Registry;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GreenFreight.Server.Access;

public sealed record AttachmentDto(int Id, string FileName, long Size);

public sealed record PolicyDto(int Id, int Version, string Title, string? DocumentNo, string Issuer, DateOnly? IssuedOn, string Body, DateTimeOffset? PublishedAt,
    bool IsDemo, IReadOnlyList<AttachmentDto> Attachments);

public sealed record PolicyIn(string? Title, string? DocumentNo, string? Issuer, DateOnly? IssuedOn, string? Body, bool? Publish, int? Version);

/// <summary>Policy publications (政务发布): written by the office and the police, shown on the public pages once published.</summary>
public sealed class PolicyService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{

    public static bool MayWrite(UserContext u) => u.IsOffice || u.IsPolice;

    static PolicyDto ToDto(PolicyPublication p) => new(p.Id, p.Version, p.Title, p.DocumentNo, p.Issuer, p.IssuedOn, p.Body, p.PublishedAt, p.IsDemo,
        p.Attachments.OrderBy(a => a.Id).Select(a => new AttachmentDto(a.Id, a.FileName, a.Size)).ToList());

    public async Task<List<PolicyDto>> ListAsync(bool publishedOnly, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.Policies.AsNoTracking();
        if (publishedOnly) q = q.Where(p => p.PublishedAt != null);
        var list = await q.OrderByDescending(p => p.IssuedOn).ThenByDescending(p => p.Id).ToListAsync(ct);
        var ids = list.Select(p => p.Id).ToList();
        var atts = await db.PolicyAttachments.AsNoTracking().Where(a => ids.Contains(a.PolicyId))
            .Select(a => new { a.Id, a.PolicyId, a.FileName, a.Size }).ToListAsync(ct);
        foreach (var p in list) p.Attachments = atts.Where(a => a.PolicyId == p.Id).Select(a => new PolicyAttachment { Id = a.Id, FileName = a.FileName, Size = a.Size }).ToList();
        return list.Select(ToDto).ToList();
    }

    public async Task<PolicyDto?> GetAsync(int id, bool publishedOnly, CancellationToken ct = default) =>
        (await ListAsync(publishedOnly, ct)).FirstOrDefault(p => p.Id == id);

    public async Task<Outcome<PolicyDto>> SaveAsync(int? id, PolicyIn input, UserContext user, CancellationToken ct = default)
    {
        if (!MayWrite(user)) return Outcome<PolicyDto>.Forbidden;
        var errors = new FieldErrors();
        RegistryRules.Required(errors, "title", input.Title);
        RegistryRules.MaxLength(errors, "title", input.Title, 300);
        RegistryRules.MaxLength(errors, "documentNo", input.DocumentNo, 100);
        RegistryRules.Required(errors, "issuer", input.Issuer);
        RegistryRules.MaxLength(errors, "issuer", input.Issuer, 200);
        RegistryRules.Required(errors, "body", input.Body);
        RegistryRules.MaxLength(errors, "body", input.Body, 20_000);
        if (!errors.Ok) return Outcome<PolicyDto>.Invalid(errors);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var p = id is { } pid ? await db.Policies.FirstOrDefaultAsync(x => x.Id == pid, ct) : new PolicyPublication();
        if (p is null) return Outcome<PolicyDto>.NotFound;
        p.Title = input.Title!.Trim();
        p.DocumentNo = RegistryRules.Clean(input.DocumentNo);
        p.Issuer = input.Issuer!.Trim();
        p.IssuedOn = input.IssuedOn;
        p.Body = input.Body!.Trim();
        if (input.Publish == true) p.PublishedAt ??= clock.GetUtcNow();
        else if (input.Publish == false) p.PublishedAt = null;
        if (id is null) db.Policies.Add(p);
        else if (input.Version is { } v) db.Entry(p).Property(x => x.Version).OriginalValue = v;
        db.AuditUser = user.UserName;
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Outcome<PolicyDto>.Conflict("record.changed"); }
        return Outcome<PolicyDto>.Ok((await GetAsync(p.Id, false, ct))!);
    }

    public async Task<Outcome<AttachmentDto>> AddAttachmentAsync(int id, string fileName, string contentType, byte[] content, UserContext user, CancellationToken ct = default)
    {
        if (!MayWrite(user)) return Outcome<AttachmentDto>.Forbidden;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Policies.AnyAsync(p => p.Id == id, ct)) return Outcome<AttachmentDto>.NotFound;
        var errors = new FieldErrors();
        if (content.Length == 0) errors.Add("file", "field.required");
        if (Uploads.TooLarge(content.Length)) errors.Add("file", "indicator.attachment.size", fileName, Uploads.MaxFileMegabytes);
        if (!errors.Ok) return Outcome<AttachmentDto>.Invalid(errors);
        var a = new PolicyAttachment { PolicyId = id, FileName = Path.GetFileName(fileName), ContentType = string.IsNullOrWhiteSpace(contentType) ? "application/octet-stream" : contentType,
            Size = content.Length, Content = content, UploadedAt = clock.GetUtcNow() };
        db.PolicyAttachments.Add(a);
        db.AuditUser = user.UserName;
        await db.SaveChangesAsync(ct);
        return Outcome<AttachmentDto>.Ok(new AttachmentDto(a.Id, a.FileName, a.Size));
    }

    public async Task<PolicyAttachment?> AttachmentAsync(int id, int attachmentId, bool publishedOnly, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Policies.AnyAsync(p => p.Id == id && (!publishedOnly || p.PublishedAt != null), ct)) return null;
        return await db.PolicyAttachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == attachmentId && a.PolicyId == id, ct);
    }

    public static IEndpointRouteBuilder MapPolicyApi(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/policies").WithTags("Policy publications (政务发布)").RequireAuthorization();
        g.MapGet("/", (PolicyService s, CancellationToken ct) => s.ListAsync(false, ct)).WithSummary("All publications, drafts too");
        g.MapPost("/", async (PolicyIn body, HttpContext ctx, PolicyService s, Localizer l, CancellationToken ct) =>
                OutcomeResults.From(await s.SaveAsync(null, body, UserContext.From(ctx.User), ct), l))
            .WithSummary("Write a publication (office, police); `publish: true` shows it on the public pages");
        g.MapPut("/{id:int}", async (int id, PolicyIn body, HttpContext ctx, PolicyService s, Localizer l, CancellationToken ct) =>
                OutcomeResults.From(await s.SaveAsync(id, body, UserContext.From(ctx.User), ct), l))
            .WithSummary("Change, publish (`publish: true`) or withdraw (`publish: false`) a publication");
        g.MapPost("/{id:int}/attachments", async (int id, IFormFile file, HttpContext ctx, PolicyService s, Localizer l, CancellationToken ct) =>
            {
                using var ms = new MemoryStream();
                await file.CopyToAsync(ms, ct);
                return OutcomeResults.From(await s.AddAttachmentAsync(id, file.FileName, file.ContentType, ms.ToArray(), UserContext.From(ctx.User), ct), l);
            }).DisableAntiforgery().WithSummary("Attach a file (multipart `file`, ≤ 20 MB)");
        g.MapGet("/{id:int}/attachments/{attachmentId:int}", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (int id, int attachmentId, PolicyService s, Localizer l, CancellationToken ct) =>
            await s.AttachmentAsync(id, attachmentId, false, ct) is { } a ? TypedResults.File(a.Content, a.ContentType, a.FileName) : Problems.NotFound(l)).WithSummary("Download an attachment");
        return app;
    }
}
