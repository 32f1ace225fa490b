using GreenFreight.Domain.Registry;
using GreenFreight.Server.Auth;
using GreenFreight.Server.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace GreenFreight.Server.Registry;

/// <summary>The registries' HTTP API: <c>/api/units</c>, <c>/api/enterprises</c>, <c>/api/facilities</c>, <c>/api/vehicles</c>, <c>/api/outlets</c>.</summary>
public static class RegistryApi
{
    const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static IEndpointRouteBuilder MapRegistryApi(this IEndpointRouteBuilder app)
    {
        app.MapRegistry<OrgUnit, UnitDto>("units", "Units (单位)", "The leading group office, the 16 member units and the towns/streets, with their duties from the work plan's annex. Read: everyone logged in; write: office.");
        app.MapRegistry<Enterprise, EnterpriseDto>("enterprises", "Enterprises (企业)", "Logistics, courier and retail enterprises. An enterprise user sees and edits only its own record (not its rating, pilot or docking status).");
        app.MapRegistry<Facility, FacilityDto>("facilities", "Facilities (设施)", "Hubs, distribution centres, terminal stations, charging stations, loading bays and free-stay parking; point location and/or polygon as GeoJSON (WGS-84). Filters: kind, status, enterpriseId (operator).");
        app.MapRegistry<Vehicle, VehicleDto>("vehicles", "Vehicles (车辆)", "City delivery vehicles. Filters: kind (vehicle class), energy, enterpriseId (owner). An enterprise sees only its own vehicles; another enterprise's vehicle is 404 for read and write.");
        app.MapRegistry<RetailOutlet, OutletDto>("outlets", "Retail outlets (门店)", "Large supermarkets and chain stores in the central area with the delivery modes they use. Filters: kind (outlet type), enterpriseId (owner).");
        return app;
    }

    static void MapRegistry<TEntity, TDto>(this IEndpointRouteBuilder app, string name, string tag, string description)
        where TEntity : class, IAudited, new()
        where TDto : RegistryDto, new()
    {
        var g = app.MapGroup($"/api/{name}").WithTags(tag).RequireAuthorization();

        g.MapGet("/", async ([AsParameters] RegistryFilter filter, HttpContext ctx, RegistryService<TEntity, TDto> svc, CancellationToken ct) =>
                TypedResults.Ok(await svc.ListAsync(filter, UserContext.From(ctx.User), ct)))
            .WithSummary($"List {name}").WithDescription(description + " Paging: page (1-based), pageSize (≤ 200); q searches names, plates, codes and addresses.");

        g.MapGet("/{id:int}", async Task<Results<Ok<TDto>, ProblemHttpResult>> (int id, HttpContext ctx, RegistryService<TEntity, TDto> svc, Localizer l, CancellationToken ct) =>
                await svc.GetAsync(id, UserContext.From(ctx.User), ct) is { } dto ? TypedResults.Ok(dto) : Problems.NotFound(l))
            .WithSummary($"Get one of {name}");

        g.MapPost("/", async Task<Results<Created<TDto>, ProblemHttpResult>> (TDto dto, HttpContext ctx, RegistryService<TEntity, TDto> svc, Localizer l, CancellationToken ct) =>
            {
                var r = await svc.CreateAsync(dto, UserContext.From(ctx.User), ct);
                return r.Kind == OutcomeKind.Ok ? TypedResults.Created($"/api/{name}/{r.Value!.Id}", r.Value) : ToProblem(r, l);
            })
            .WithSummary($"Create one of {name}").WithDescription("Validation errors come back as RFC 7807 problem details with an `errors` object keyed by field (Chinese by default; send Accept-Language: en for English).");

        g.MapPut("/{id:int}", async Task<Results<Ok<TDto>, ProblemHttpResult>> (int id, TDto dto, HttpContext ctx, RegistryService<TEntity, TDto> svc, Localizer l, CancellationToken ct) =>
            {
                var r = await svc.UpdateAsync(id, dto, UserContext.From(ctx.User), ct);
                return r.Kind == OutcomeKind.Ok ? TypedResults.Ok(r.Value!) : ToProblem(r, l);
            })
            .WithSummary($"Update one of {name}");

        g.MapDelete("/{id:int}", async Task<Results<NoContent, ProblemHttpResult>> (int id, HttpContext ctx, RegistryService<TEntity, TDto> svc, Localizer l, CancellationToken ct) =>
            {
                var r = await svc.DeleteAsync(id, UserContext.From(ctx.User), ct);
                return r.Kind == OutcomeKind.Ok ? TypedResults.NoContent() : ToProblem(r, l);
            })
            .WithSummary($"Delete one of {name}");

        g.MapGet("/{id:int}/history", async Task<Results<Ok<IReadOnlyList<AuditEntryDto>>, ProblemHttpResult>> (int id, HttpContext ctx, RegistryService<TEntity, TDto> svc, Localizer l, CancellationToken ct) =>
                await svc.HistoryAsync(id, UserContext.From(ctx.User), ct) is { } h ? TypedResults.Ok(h) : Problems.NotFound(l))
            .WithSummary($"Change history of one of {name}").WithDescription("Every create, update and delete: who, when, and each changed field's value before and after, newest first.");

        g.MapGet("/export", async ([AsParameters] RegistryFilter filter, HttpContext ctx, RegistryService<TEntity, TDto> svc, CancellationToken ct) =>
                TypedResults.File(await svc.ExportAsync(filter, UserContext.From(ctx.User), ct), Xlsx, $"{name}-{DateTime.Now:yyyyMMdd}.xlsx"))
            .WithSummary($"Export {name} to Excel").WithDescription("All records matching the filters that the caller may see (paging ignored), with Chinese headers and labels.");

        g.MapGet("/template", (RegistryService<TEntity, TDto> svc) => TypedResults.File(svc.Template(), Xlsx, $"{name}-template.xlsx"))
            .WithSummary($"Excel import template for {name}");

        g.MapPost("/import", async Task<Results<Ok<ImportResult>, ProblemHttpResult>> (IFormFile file, HttpContext ctx, RegistryService<TEntity, TDto> svc, Localizer l, CancellationToken ct) =>
            {
                await using var stream = file.OpenReadStream();
                var r = await svc.ImportAsync(stream, UserContext.From(ctx.User), ct);
                if (r.Kind == OutcomeKind.Ok) return TypedResults.Ok(r.Value!);
                if (r.Kind != OutcomeKind.Invalid) return ToProblem(r, l);
                return TypedResults.Problem(new ProblemDetails
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = l["import.failed", r.Value!.Errors.Count],
                    Detail = l["import.nothing.saved"],
                    Extensions = { ["rows"] = r.Value.Errors },
                });
            })
            .DisableAntiforgery()
            .WithSummary($"Import {name} from Excel").WithDescription("Multipart form field `file` (.xlsx in the template's layout). Every row is checked first; if any row fails, nothing is stored and the problem's `rows` lists row number, field, column and message. Rows with an `编号/Id` of an existing record update it.");
    }

    internal static ProblemHttpResult ToProblem<T>(Outcome<T> r, Localizer l) => r.Kind switch
    {
        OutcomeKind.NotFound => Problems.NotFound(l),
        OutcomeKind.Forbidden => Problems.Forbidden(l),
        OutcomeKind.Invalid => Problems.Validation(l, r.Errors!),
        OutcomeKind.Conflict => Problems.Status(l, StatusCodes.Status409Conflict, r.ConflictKey!),
        _ => throw new InvalidOperationException(r.Kind.ToString()),
    };
}
