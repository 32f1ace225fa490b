using GreenFreight.Domain.Access;
using GreenFreight.Server.Auth;
using GreenFreight.Server.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace GreenFreight.Server.Access;

public sealed record PublicKeyDto(string KeyId, string Algorithm, string Pem);

/// <summary>Electronic delivery passes: application, materials, review, revocation, QR code, verification.</summary>
public static class PassApi
{
    /// <summary>The base URL the QR codes point to: <c>Passes:PublicBaseUrl</c>, or this request's.</summary>
    public static string BaseUrl(HttpContext ctx) =>
        ctx.RequestServices.GetRequiredService<IConfiguration>()["Passes:PublicBaseUrl"] is { Length: > 0 } b ? b : $"{ctx.Request.Scheme}://{ctx.Request.Host}";

    public static IEndpointRouteBuilder MapPassApi(this IEndpointRouteBuilder app)
    {
        var open = app.MapGroup("/api/passes").WithTags("Passes (电子通行证)");
        open.MapGet("/public-key", async (PassKeys keys, CancellationToken ct) =>
            {
                await keys.KeyAsync(ct);
                return TypedResults.Ok(new PublicKeyDto(keys.KeyId, "ES256 (ECDSA P-256, SHA-256, IEEE P1363 signature)", keys.PublicKeyPem));
            })
            .AllowAnonymous().WithSummary("The public key that checks pass tokens (PEM, SubjectPublicKeyInfo)")
            .WithDescription("Tokens are `GFP1.` + base64url(JSON payload) + `.` + base64url(signature over the payload part). `greenfreight pass verify <token> --public-key key.pem` checks one offline.");
        open.MapPost("/verify", (TokenIn body, PassService s, CancellationToken ct) => s.VerifyAsync(body.Token, ct))
            .AllowAnonymous().WithSummary("Check a pass token (or the URL of its QR code): signature, dates, and whether the pass was revoked");

        var g = app.MapGroup("/api/passes").WithTags("Passes (电子通行证)").RequireAuthorization();
        g.MapGet("/", (HttpContext ctx, PassStatus? status, bool? overdue, string? plate, PassService s, CancellationToken ct) =>
                s.ListAsync(UserContext.From(ctx.User), status, overdue == true, plate, ct))
            .WithSummary("Passes: an enterprise sees its own; police and office all (`status`, `overdue=true`: review deadline passed, `plate`)");
        g.MapGet("/{id:int}", async Task<Results<Ok<PassDto>, ProblemHttpResult>> (int id, HttpContext ctx, PassService s, Localizer l, CancellationToken ct) =>
                await s.GetAsync(id, UserContext.From(ctx.User), ct) is { } p ? TypedResults.Ok(p) : Problems.NotFound(l))
            .WithSummary("A pass with its materials (without their content)");
        g.MapPost("/", async (PassIn body, HttpContext ctx, PassService s, Localizer l, CancellationToken ct) =>
                OutcomeResults.From(await s.CreateAsync(body, UserContext.From(ctx.User), ct), l))
            .RequireAuthorization(p => p.RequireRole(Roles.Enterprise, Roles.Office))
            .WithSummary("Apply for a pass (a draft): vehicle, kind (Temporary: one day; Quarterly; Annual), dates, daily periods, zones, roads")
            .WithDescription("`periods`: \"07:00-09:00;17:00-19:00\" or \"00:00-24:00\"; `zoneIds`: zones covered (empty: every zone). Then upload the materials and submit.");
        g.MapPut("/{id:int}", async (int id, PassIn body, HttpContext ctx, PassService s, Localizer l, CancellationToken ct) =>
                OutcomeResults.From(await s.UpdateAsync(id, body, UserContext.From(ctx.User), ct), l))
            .RequireAuthorization(p => p.RequireRole(Roles.Enterprise, Roles.Office)).WithSummary("Edit a draft or rejected application (submit it again afterwards)");
        g.MapPost("/{id:int}/materials", async (int id, IFormFile file, [FromForm] MaterialKind kind, HttpContext ctx, PassService s, Localizer l, CancellationToken ct) =>
            {
                using var ms = new MemoryStream();
                if (file.Length > PassService.MaxMaterialBytes) return OutcomeResults.From(Registry.Outcome<MaterialDto>.Invalid(new FieldErrors { new FieldError("file", "indicator.attachment.size", file.FileName, PassService.MaxMaterialBytes / 1024 / 1024) }), l);
                await file.CopyToAsync(ms, ct);
                return OutcomeResults.From(await s.AddMaterialAsync(id, kind, file.FileName, file.ContentType, ms.ToArray(), UserContext.From(ctx.User), ct), l);
            })
            .DisableAntiforgery().RequireAuthorization(p => p.RequireRole(Roles.Enterprise, Roles.Office))
            .WithSummary("Upload a material (multipart: `file`, `kind` = VehicleLicence | DriverLicence | ContractOrCargoList | Other; PDF, JPEG or PNG, ≤ 5 MB)");
        g.MapGet("/{id:int}/materials/{materialId:int}", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (int id, int materialId, HttpContext ctx, PassService s, Localizer l, CancellationToken ct) =>
                await s.MaterialAsync(id, materialId, UserContext.From(ctx.User), ct) is { } m ? TypedResults.File(m.Content, m.ContentType, m.FileName) : Problems.NotFound(l))
            .WithSummary("Download a material (the applicant, police, office)");
        g.MapDelete("/{id:int}/materials/{materialId:int}", async (int id, int materialId, HttpContext ctx, PassService s, Localizer l, CancellationToken ct) =>
                OutcomeResults.From(await s.DeleteMaterialAsync(id, materialId, UserContext.From(ctx.User), ct), l))
            .RequireAuthorization(p => p.RequireRole(Roles.Enterprise, Roles.Office)).WithSummary("Remove a material from a draft or rejected application");
        g.MapPost("/{id:int}/submit", async (int id, HttpContext ctx, PassService s, Localizer l, CancellationToken ct) =>
                OutcomeResults.From(await s.SubmitAsync(id, UserContext.From(ctx.User), ct), l))
            .RequireAuthorization(p => p.RequireRole(Roles.Enterprise, Roles.Office))
            .WithSummary("Submit for review: checks the national rules (temporary passes 24 h ahead, quarterly or annual long-term passes, NEV and cold-chain treatment) and the three materials; sets the promised review deadline");
        g.MapPost("/{id:int}/approve", async (int id, HttpContext ctx, PassService s, Localizer l, CancellationToken ct) =>
                OutcomeResults.From(await s.ApproveAsync(id, UserContext.From(ctx.User), ct), l))
            .RequireAuthorization(p => p.RequireRole(Roles.Police, Roles.Office)).WithSummary("Approve (police): the pass gets its number and signed token");
        g.MapPost("/{id:int}/reject", async (int id, ReasonIn body, HttpContext ctx, PassService s, Localizer l, CancellationToken ct) =>
                OutcomeResults.From(await s.RejectAsync(id, body.Reason, UserContext.From(ctx.User), ct), l))
            .RequireAuthorization(p => p.RequireRole(Roles.Police, Roles.Office)).WithSummary("Reject with a reason (police); the applicant may edit and resubmit");
        g.MapPost("/{id:int}/revoke", async (int id, ReasonIn body, HttpContext ctx, PassService s, Localizer l, CancellationToken ct) =>
                OutcomeResults.From(await s.RevokeAsync(id, body.Reason, UserContext.From(ctx.User), ct), l))
            .RequireAuthorization(p => p.RequireRole(Roles.Police, Roles.Office)).WithSummary("Revoke an approved pass with a reason (police)");
        g.MapGet("/{id:int}/qr.svg", async Task<Results<ContentHttpResult, ProblemHttpResult>> (int id, HttpContext ctx, PassService s, Localizer l, CancellationToken ct) =>
                await s.GetAsync(id, UserContext.From(ctx.User), ct) is { Token: { } token }
                    ? TypedResults.Content(PassService.QrSvg(PassService.VerifyUrl(BaseUrl(ctx), token)), "image/svg+xml")
                    : Problems.NotFound(l))
            .WithSummary("The pass's QR code (SVG): the public verify URL with the signed token");
        return app;
    }
}
