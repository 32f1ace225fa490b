using System.Globalization;
using GreenFreight.Server.Auth;
using GreenFreight.Server.Infrastructure;
using GreenFreight.Server.Registry;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace GreenFreight.Server.Indicators;

public static class IndicatorsApi
{
    public static IEndpointRouteBuilder MapIndicatorsApi(this IEndpointRouteBuilder app)
    {
        // Government roles only: the evidence behind the district's figures names other enterprises' records.
        var g = app.MapGroup("/api/indicators").WithTags("Indicators (指标)").RequireAuthorization(p => p.RequireRole(Roles.Office, Roles.Unit, Roles.Police));

        g.MapGet("/", async Task<Results<Ok<IReadOnlyList<IndicatorValueDto>>, ProblemHttpResult>> (string? asOf, string? set, IndicatorService svc, Localizer l, TimeProvider clock, CancellationToken ct) =>
                ParseDate(asOf, clock, out var date) ? TypedResults.Ok(await svc.EvaluateAllAsync(date, set, ct)) : Problems.Validation(l, ("asOf", "date.format")))
            .WithSummary("All indicators as of a date")
            .WithDescription("The ministry's 32 indicators (M01–M32) and Linzi's six targets (LZ-…), evaluated as of `asOf` (YYYY-MM-DD, default today; any past date recomputes from the records' dates). `set` = MOT or LINZI filters. `met` is null where there is no target; `computed` tells whether the value comes from the registries or from a unit's entry; `evidenceCount` counts the records (or attachments) behind it.");

        g.MapGet("/{code}", async Task<Results<Ok<IndicatorValueDto>, ProblemHttpResult>> (string code, string? asOf, IndicatorService svc, Localizer l, TimeProvider clock, CancellationToken ct) =>
            {
                if (!ParseDate(asOf, clock, out var date)) return Problems.Validation(l, ("asOf", "date.format"));
                return await svc.EvaluateOneAsync(code, date, ct) is { } r ? TypedResults.Ok(r.Value) : Problems.NotFound(l);
            })
            .WithSummary("One indicator as of a date");

        g.MapGet("/{code}/evidence", async Task<Results<Ok<IReadOnlyList<EvidenceDto>>, ProblemHttpResult>> (string code, string? asOf, IndicatorService svc, Localizer l, TimeProvider clock, CancellationToken ct) =>
            {
                if (!ParseDate(asOf, clock, out var date)) return Problems.Validation(l, ("asOf", "date.format"));
                return await svc.EvaluateOneAsync(code, date, ct) is { } r ? TypedResults.Ok(r.Evidence) : Problems.NotFound(l);
            })
            .WithSummary("The records behind an indicator's value")
            .WithDescription("For a computed indicator: the registry records counted (type, id, label, detail). For a manual indicator: the unit's entry in force on that date with its attachments.");

        g.MapGet("/trend", async Task<Results<Ok<TrendDto>, ProblemHttpResult>> (string? codes, string? from, string? to, IndicatorService svc, Localizer l, TimeProvider clock, CancellationToken ct) =>
            {
                if (!ParseDate(to, clock, out var end)) return Problems.Validation(l, ("to", "date.format"));
                DateOnly start = Domain.Indicators.IndicatorCalculators.PeriodStart;
                if (from is not null && !ParseDate(from, clock, out start)) return Problems.Validation(l, ("from", "date.format"));
                if (start > end) return Problems.Validation(l, new FieldErrors { new FieldError("to", "date.order", start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) });
                var list = (codes ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (list.Length == 0) return Problems.Validation(l, ("codes", "field.required"));
                return TypedResults.Ok(await svc.TrendAsync(list, start, end, ct));
            })
            .WithSummary("Quarter-by-quarter values")
            .WithDescription("Values of the given indicator codes (comma-separated) at each quarter's last day from `from` (default 2022-10-01, the start of the creation period) to `to` (default today).");

        g.MapPost("/{code}/entries", async Task<Results<Created<EntryCreated>, ProblemHttpResult>> (string code, [FromForm] string? asOf, [FromForm] string? value, [FromForm] string? @checked, [FromForm] string? description,
                IFormFileCollection? files, HttpContext ctx, IndicatorService svc, Localizer l, CancellationToken ct) =>
            {
                var errors = new FieldErrors();
                DateOnly? date = null;
                if (!string.IsNullOrWhiteSpace(asOf))
                {
                    if (DateOnly.TryParseExact(asOf, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) date = d;
                    else errors.Add("asOf", "date.format");
                }
                decimal? number = null;
                if (!string.IsNullOrWhiteSpace(value))
                {
                    if (decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var n)) number = n;
                    else errors.Add("value", "number.format");
                }
                var (uploads, fileErrors) = await Uploads.ReadAsync(files, "files", ct);
                errors.AddRange(fileErrors);
                if (!errors.Ok) return Problems.Validation(l, errors);
                var r = await svc.AddEntryAsync(code, new(date, number, @checked, description), uploads, UserContext.From(ctx.User), ct);
                return r.Kind == OutcomeKind.Ok
                    ? TypedResults.Created($"/api/indicators/{code}/evidence?asOf={date:yyyy-MM-dd}", new EntryCreated(r.Value))
                    : RegistryApi.ToProblem(r, l);
            })
            .DisableAntiforgery().WithUploadLimits()
            .WithSummary("Enter a value of a manual indicator")
            .WithDescription("Multipart form: `asOf` (YYYY-MM-DD, in force from), `value` (number; 1/0 for yes/no and has/has-not), `checked` (checklist items separated by 、), `description`, and evidence `files` (at most 10, each ≤ 20 MB). Allowed for the office and the indicator's owning unit.");

        g.MapGet("/attachments/{id:int}", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (int id, IndicatorService svc, Localizer l, CancellationToken ct) =>
                await svc.AttachmentAsync(id, ct) is { } a ? TypedResults.File(a.Content, a.ContentType, a.FileName) : Problems.NotFound(l))
            .WithSummary("Download an evidence attachment");
        return app;
    }

    public sealed record EntryCreated(int Id);

    static bool ParseDate(string? s, TimeProvider clock, out DateOnly date)
    {
        if (string.IsNullOrWhiteSpace(s))
        {
            date = clock.Today();
            return true;
        }
        return DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date) && IndicatorService.InRange(date);
    }
}
