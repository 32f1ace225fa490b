using GreenFreight.Server.Access;
using GreenFreight.Server.Auth;
using GreenFreight.Server.Infrastructure;
using GreenFreight.Server.Registry;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace GreenFreight.Server.Reporting;

/// <summary>The Reporting capability's services and endpoints (one call each from GreenFreightApp).</summary>
public static class ReportingModule
{
    public static void AddReporting(IServiceCollection services)
    {
        services.AddSingleton<MinistryFormService>();
        services.AddSingleton<ArchiveService>();
        services.AddSingleton<Meetings.MeetingsService>();
        services.AddSingleton<Assessments.IAssessmentInputs, Assessments.CampaignAssessmentInputs>();
        services.AddSingleton<Assessments.AssessmentService>();
    }

    public static void MapReporting(WebApplication app)
    {
        app.MapReportingApi();
        Meetings.MeetingsApi.MapMeetingsApi(app);
        Assessments.AssessmentService.MapAssessmentApi(app);
    }
}

/// <summary>Reports upward (the ministry's quarterly form) and the office's document archive.</summary>
public static class ReportingApi
{
    public static IEndpointRouteBuilder MapReportingApi(this IEndpointRouteBuilder app)
    {
        var r = app.MapGroup("/api/reports").WithTags("Reports (上报报表)").RequireAuthorization(p => p.RequireRole(Roles.Office, Roles.Unit, Roles.Police));
        const string formDescription = "城市绿色货运配送示范工程运行情况信息表 for `year` (2000–2100) and `quarter` (1–4): header fields (示范城市, 示范期, 填报人, 联系电话, 填报周期) "
            + "and `rows`, the 32 indicators with `no`, `category`, `indicator`, `kind` (YesNo | Integer | Decimal2 | Percent | HasWithAttachment | Has | HasWithChecklist), "
            + "`value` (1/0 for yes/no and has/has-not), `display`, `computed`, `description` and `attachments` (file names). Values are the indicator engine's as of the "
            + "quarter's last day (China time); manual indicators take the unit's entry in force on that day with its description and evidence files. "
            + "Row 28 carries the platform's six-function checklist (政务发布、信息查询、车辆监管、数据分析、电子围栏、交通诱导). `reporter` and `phone` override the "
            + "office's contact person. Government roles only.";

        r.MapGet("/ministry-form", async Task<Results<Ok<MinistryFormDto>, ProblemHttpResult>> (string? year, string? quarter, string? reporter, string? phone,
                HttpContext ctx, MinistryFormService s, Localizer l, CancellationToken ct) =>
            {
                var errors = MinistryFormService.Parse(year, quarter, out var y, out var q);
                if (!errors.Ok) return Problems.Validation(l, errors);
                return TypedResults.Ok(await s.BuildAsync(y, q, UserContext.From(ctx.User), reporter, phone, ct));
            })
            .WithSummary("The ministry's quarterly form as JSON").WithDescription(formDescription);

        r.MapGet("/ministry-form.xlsx", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (string? year, string? quarter, string? reporter, string? phone,
                HttpContext ctx, MinistryFormService s, Localizer l, CancellationToken ct) =>
            {
                var errors = MinistryFormService.Parse(year, quarter, out var y, out var q);
                if (!errors.Ok) return Problems.Validation(l, errors);
                var form = await s.BuildAsync(y, q, UserContext.From(ctx.User), reporter, phone, ct);
                return TypedResults.File(MinistryFormExcel.Write(form), XlsxWriter.ContentType, MinistryFormExcel.FileName(form));
            })
            .WithSummary("The ministry's quarterly form as Excel, in the form's layout")
            .WithDescription("Title; header fields; the five columns 指标分类 | 具体指标 | 值 | 描述 | 附件名称; the 32 rows with each category merged down its rows; "
                + "the platform's function checklist (第28项) and the filling notes. Same data as `/api/reports/ministry-form`.");

        var d = app.MapGroup("/api/documents").WithTags("Document archive (文件档案)").RequireAuthorization(p => p.RequireRole(Roles.Office, Roles.Unit, Roles.Police));
        d.MapGet("/", async (string? q, string? category, int? year, HttpContext ctx, ArchiveService s, Localizer l, CancellationToken ct) =>
                OutcomeResults.From(await s.SearchAsync(q, category, year, UserContext.From(ctx.User), ct), l))
            .WithSummary("Search the archive")
            .WithDescription("`q`: part of the title or the 文号 (document number); `category`: WorkPlan | Notice | Policy | Minutes | Circular | Report | Other; "
                + "`year`: issued that year. Newest first, at most 500, without the files' content. Government roles read; enterprises are refused (403).");
        d.MapGet("/{id:int}", async Task<Results<Ok<ArchiveDocumentDto>, ProblemHttpResult>> (int id, HttpContext ctx, ArchiveService s, Localizer l, CancellationToken ct) =>
                await s.GetAsync(id, UserContext.From(ctx.User), ct) is { } doc ? TypedResults.Ok(doc) : Problems.NotFound(l))
            .WithSummary("One archived document's metadata");
        d.MapGet("/{id:int}/file", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (int id, HttpContext ctx, ArchiveService s, Localizer l, CancellationToken ct) =>
                await s.FileAsync(id, UserContext.From(ctx.User), ct) is { } doc ? TypedResults.File(doc.Content, doc.ContentType, doc.FileName) : Problems.NotFound(l))
            .WithSummary("Download the archived file");
        d.MapPost("/", async ([FromForm] string? documentNo, [FromForm] string? title, [FromForm] string? issuedOn, [FromForm] string? issuer, [FromForm] string? category,
                [FromForm] string? notes, IFormFile? file, HttpContext ctx, ArchiveService s, Localizer l, CancellationToken ct) =>
            {
                var (read, fileErrors) = await Uploads.ReadAsync(file is null ? null : [file], "file", ct);
                if (!fileErrors.Ok) return OutcomeResults.From(Outcome<ArchiveDocumentDto>.Invalid(fileErrors), l);
                var content = read.FirstOrDefault()?.Content;
                return OutcomeResults.From(await s.UploadAsync(new ArchiveUpload(documentNo, title, issuedOn, issuer, category, notes), file?.FileName, file?.ContentType, content,
                    UserContext.From(ctx.User), ct), l);
            })
            .DisableAntiforgery().WithUploadLimits().RequireAuthorization(p => p.RequireRole(Roles.Office))
            .WithSummary("Upload a document (office)")
            .WithDescription("Multipart form: `file` (≤ 20 MB), `title`, `documentNo` (文号, optional), `issuedOn` (YYYY-MM-DD), `issuer` (发文单位), `category`, `notes`. "
                + "The file is stored in the database; the upload is audit-logged.");
        d.MapDelete("/{id:int}", async (int id, HttpContext ctx, ArchiveService s, Localizer l, CancellationToken ct) =>
                OutcomeResults.From(await s.DeleteAsync(id, UserContext.From(ctx.User), ct), l))
            .RequireAuthorization(p => p.RequireRole(Roles.Office)).WithSummary("Delete a document (office; audit-logged)");
        return app;
    }
}
