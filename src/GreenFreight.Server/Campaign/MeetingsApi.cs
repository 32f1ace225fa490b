using GreenFreight.Domain.Campaign;
using GreenFreight.Server.Access;
using GreenFreight.Server.Auth;
using GreenFreight.Server.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GreenFreight.Server.Meetings;

/// <summary>Leading-group meetings, minutes and their action items.</summary>
public static class MeetingsApi
{
    public static IEndpointRouteBuilder MapMeetingsApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/meetings").WithTags("Leading-group meetings (领导小组会议)").RequireAuthorization(p => p.RequireRole(Roles.Office, Roles.Unit, Roles.Police));
        g.MapGet("/", (HttpContext ctx, MeetingsService s, CancellationToken ct) => s.ListAsync(UserContext.From(ctx.User), ct))
            .WithSummary("Meetings with attendance, minutes and action items: the office sees drafts too, units the published ones");
        g.MapGet("/{id:int}", async Task<Results<Ok<MeetingDto>, ProblemHttpResult>> (int id, HttpContext ctx, MeetingsService s, Localizer l, CancellationToken ct) =>
                await s.GetAsync(id, UserContext.From(ctx.User), ct) is { } m ? TypedResults.Ok(m) : Problems.NotFound(l))
            .WithSummary("One meeting");
        g.MapPost("/", async (MeetingIn body, HttpContext ctx, MeetingsService s, Localizer l, CancellationToken ct) =>
                OutcomeResults.From(await s.SaveAsync(null, body, UserContext.From(ctx.User), ct), l))
            .RequireAuthorization(p => p.RequireRole(Roles.Office))
            .WithSummary("Record a meeting (office)")
            .WithDescription("`title`, `date`, `location`, `agenda`, `minutes` (会议纪要), `attendance`: [{ unitId, present, representative }], `publish: true` shows it to the units (needs minutes).");
        g.MapPut("/{id:int}", async (int id, MeetingIn body, HttpContext ctx, MeetingsService s, Localizer l, CancellationToken ct) =>
                OutcomeResults.From(await s.SaveAsync(id, body, UserContext.From(ctx.User), ct), l))
            .RequireAuthorization(p => p.RequireRole(Roles.Office)).WithSummary("Change a meeting (office; `version` detects concurrent edits: 409); attendance is replaced by the list sent");
        g.MapDelete("/{id:int}", async (int id, HttpContext ctx, MeetingsService s, Localizer l, CancellationToken ct) =>
                OutcomeResults.From(await s.DeleteAsync(id, UserContext.From(ctx.User), ct), l))
            .RequireAuthorization(p => p.RequireRole(Roles.Office)).WithSummary("Delete a meeting with its action items (office)");
        g.MapPost("/{id:int}/action-items", async (int id, ActionItemIn body, HttpContext ctx, MeetingsService s, Localizer l, CancellationToken ct) =>
                OutcomeResults.From(await s.AddActionItemAsync(id, body, UserContext.From(ctx.User), ct), l))
            .RequireAuthorization(p => p.RequireRole(Roles.Office))
            .WithSummary("Turn a decision into an action item (office): `decision`, `ownerUnitId`, `dueDate` (not before the meeting)");
        g.MapGet("/action-items", async (bool? mine, bool? overdue, ActionItemStatus? status, HttpContext ctx, MeetingsService s, Localizer l, CancellationToken ct) =>
                OutcomeResults.From(await s.ActionItemsAsync(UserContext.From(ctx.User), mine == true, overdue == true, status, ct), l))
            .WithSummary("Action items (`mine=true`: the caller's unit's; `overdue=true`: open after the due date; `status` = Open | Done)");
        g.MapPut("/action-items/{id:int}", async (int id, ActionItemUpdate body, HttpContext ctx, MeetingsService s, Localizer l, CancellationToken ct) =>
                OutcomeResults.From(await s.UpdateActionItemAsync(id, body, UserContext.From(ctx.User), ct), l))
            .WithSummary("Report progress on an action item or mark it Done (its owner unit, or the office); other units get 403");
        return app;
    }
}
