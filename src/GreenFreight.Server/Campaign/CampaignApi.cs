using GreenFreight.Domain.Campaign;
using GreenFreight.Server.Access;
using GreenFreight.Server.Auth;
using GreenFreight.Server.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GreenFreight.Server.Campaigns;

/// <summary>Campaign services and the daily scheduling round (open reports, reminders, overdue notices).</summary>
public static class CampaignModule
{
    public static void AddCampaign(IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton<InAppNotificationSender>();
        services.AddSingleton<INotificationSender>(sp => sp.GetRequiredService<InAppNotificationSender>());
        // E-mail and SMS (when configured): written to the outbox with the in-app notification, sent in the background.
        services.AddSingleton(config.GetSection("Notifications").Get<OutboundOptions>() ?? new OutboundOptions());
        services.AddHttpClient("sms", c => c.Timeout = TimeSpan.FromSeconds(20));
        services.AddSingleton<IOutboundTransport, SmtpTransport>();
        services.AddSingleton<IOutboundTransport, SmsWebhookTransport>();
        services.AddSingleton<OutboundDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboundDispatcher>());
        services.AddSingleton<OutboundNotificationSender>();
        services.AddSingleton<INotificationSender>(sp => sp.GetRequiredService<OutboundNotificationSender>());
        services.AddSingleton<NotificationService>();
        services.AddSingleton<CampaignService>();
        services.AddSingleton<CircularService>();
        services.AddHostedService<CampaignScheduler>();
    }
}

/// <summary>Runs <see cref="CampaignService.RunScheduleAsync"/> at start and then every <c>Campaign:ScheduleMinutes</c> (default 60).</summary>
public sealed class CampaignScheduler(CampaignService campaigns, IConfiguration config, ILogger<CampaignScheduler> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!config.GetValue("Campaign:Schedule", true)) return;
        var interval = TimeSpan.FromMinutes(Math.Max(1, config.GetValue("Campaign:ScheduleMinutes", 60)));
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await campaigns.RunScheduleAsync(stoppingToken); }
            catch (Exception e) when (e is not OperationCanceledException) { log.LogWarning(e, "Campaign schedule round failed"); }
            try { await Task.Delay(interval, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}

public static class CampaignApi
{
    public static IEndpointRouteBuilder MapCampaignApi(this IEndpointRouteBuilder app)
    {
        var gov = new[] { Roles.Office, Roles.Unit, Roles.Police };
        var c = app.MapGroup("/api/campaigns").WithTags("Campaign (创建工作)").RequireAuthorization(p => p.RequireRole(gov));
        c.MapGet("/", (CampaignService s, CancellationToken ct) => s.CampaignsAsync(ct))
            .WithSummary("Campaigns (the seed plan 2022-10 to 2025-09, and any added by the office)");
        c.MapPost("/", async (CampaignIn body, HttpContext ctx, CampaignService s, Localizer l, CancellationToken ct) =>
                OutcomeResults.From(await s.SaveCampaignAsync(null, body, UserContext.From(ctx.User), ct), l))
            .RequireAuthorization(p => p.RequireRole(Roles.Office))
            .WithSummary("Add a campaign (office); its members are the member units and towns/streets with their duties")
            .WithDescription("`reportDueDays`: a quarterly report is due this many days after the quarter's first day, counting that day (default 7, the first week); `reminderDaysBefore`: reminders from this many days before; `extendedTo`: a later end for the post-acceptance years.");
        c.MapPut("/{id:int}", async (int id, CampaignIn body, HttpContext ctx, CampaignService s, Localizer l, CancellationToken ct) =>
                OutcomeResults.From(await s.SaveCampaignAsync(id, body, UserContext.From(ctx.User), ct), l))
            .RequireAuthorization(p => p.RequireRole(Roles.Office)).WithSummary("Edit a campaign (office): dates, extension, due days, reminders; `version` detects concurrent edits");
        c.MapGet("/{id:int}/members", (int id, CampaignService s, CancellationToken ct) => s.MembersAsync(id, ct))
            .WithSummary("The campaign's member units with their duties (成员单位职责)");
        c.MapGet("/{id:int}/tasks", (int id, int? unitId, HttpContext ctx, CampaignService s, CancellationToken ct) => s.TasksAsync(id, unitId, UserContext.From(ctx.User), ct))
            .WithSummary("Key tasks and sub-items in the plan's order; a unit gets the ones it leads or shares (with their key tasks); the office may filter by `unitId`");

        var t = app.MapGroup("/api/tasks").WithTags("Campaign (创建工作)").RequireAuthorization(p => p.RequireRole(Roles.Office));
        t.MapPost("/", async (TaskIn body, HttpContext ctx, CampaignService s, Localizer l, CancellationToken ct) =>
                OutcomeResults.From(await s.SaveTaskAsync(null, body, UserContext.From(ctx.User), ct), l))
            .WithSummary("Add a task (office): `campaignId`, `parentId` (a key task, or null), `units` [{unitId, role: Lead|Responsible}] with at least one lead, `targetIndicator` (an indicator code), `dueOn`");
        t.MapPut("/{id:int}", async (int id, TaskIn body, HttpContext ctx, CampaignService s, Localizer l, CancellationToken ct) =>
                OutcomeResults.From(await s.SaveTaskAsync(id, body, UserContext.From(ctx.User), ct), l))
            .WithSummary("Edit a task (office)");

        var r = app.MapGroup("/api/reports").WithTags("Quarterly reports (季度工作开展情况表)").RequireAuthorization(p => p.RequireRole(gov));
        r.MapGet("/", (int? campaignId, int? year, int? quarter, ReportStatus? status, int? unitId, bool? overdue, HttpContext ctx, CampaignService s, CancellationToken ct) =>
                s.ReportsAsync(UserContext.From(ctx.User), campaignId, year, quarter, status, unitId, overdue == true, ct))
            .WithSummary("Reports: a unit sees its own, the office all; `overdue=true` lists the late ones (draft or returned after the due day, China time)");
        r.MapPost("/open", async (OpenIn body, HttpContext ctx, CampaignService s, Localizer l, CancellationToken ct) =>
                OutcomeResults.From(await s.OpenAsync(body, UserContext.From(ctx.User), ct), l))
            .RequireAuthorization(p => p.RequireRole(Roles.Office))
            .WithSummary("Open the reports about a quarter for every member (office); the daily round does this on each quarter's first day. Returns how many were created");
        r.MapGet("/{id:int}", async Task<Results<Ok<ReportDto>, ProblemHttpResult>> (int id, HttpContext ctx, CampaignService s, Localizer l, CancellationToken ct) =>
                await s.ReportAsync(id, UserContext.From(ctx.User), ct) is { } d ? TypedResults.Ok(d) : Problems.NotFound(l))
            .WithSummary("A report with task progress, manual indicator values and its history (another unit's report is 404)");
        r.MapPut("/{id:int}", async (int id, ReportIn body, HttpContext ctx, CampaignService s, Localizer l, CancellationToken ct) =>
                OutcomeResults.From(await s.SaveReportAsync(id, body, UserContext.From(ctx.User), ct), l))
            .WithSummary("Edit the own report while draft or returned (unit)")
            .WithDescription("`progress` [{taskId, status: NotStarted|InProgress|Completed|Behind, percent 0–100, narrative}], `indicators` [{code, value, checked, description}] for the manual indicators the unit owns, `problems`, `nextPlan`, `version`.");
        r.MapPost("/{id:int}/indicators/{code}", async (int id, string code, [Microsoft.AspNetCore.Mvc.FromForm] string? value, [Microsoft.AspNetCore.Mvc.FromForm] string? @checked,
                [Microsoft.AspNetCore.Mvc.FromForm] string? description, IFormFileCollection? files, HttpContext ctx, CampaignService s, Localizer l, CancellationToken ct) =>
            {
                decimal? number = null;
                if (!string.IsNullOrWhiteSpace(value))
                {
                    if (decimal.TryParse(value, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var n)) number = n;
                    else return OutcomeResults.From(Registry.Outcome<ReportDto>.Invalid(new FieldErrors { new FieldError("value", "number.format") }), l);
                }
                var (uploads, fileErrors) = await Uploads.ReadAsync(files, "files", ct);
                if (!fileErrors.Ok) return OutcomeResults.From(Registry.Outcome<ReportDto>.Invalid(fileErrors), l);
                return OutcomeResults.From(await s.EnterIndicatorAsync(id, code, new(null, number, @checked, description), uploads, UserContext.From(ctx.User), ct), l);
            })
            .DisableAntiforgery().WithUploadLimits()
            .WithSummary("Enter a manual indicator value of the own report with evidence files (unit; multipart `value`, `checked`, `description`, `files`: at most 10, each ≤ 20 MB)")
            .WithDescription("Stored as an indicator entry as of the quarter's last day with the Indicators capability's rules (has/has-not + attachment needs a file) and linked to the report, pending (`entryStatus` `Pending`): it counts once the report is submitted. Values given only in `PUT` are entered on submission.");
        r.MapPost("/{id:int}/submit", async (int id, HttpContext ctx, CampaignService s, Localizer l, CancellationToken ct) =>
                OutcomeResults.From(await s.ActAsync(id, ReportAction.Submit, null, UserContext.From(ctx.User), ct), l))
            .WithSummary("Submit or resubmit the own report (unit); indicator values become indicator entries as of the quarter's last day; the office is notified")
            .WithDescription("The report's entries are put in force: new or changed values become new entries, unchanged ones (pending evidence entries, entries withdrawn by a return) count again.");
        r.MapPost("/{id:int}/return", async (int id, ReviewIn body, HttpContext ctx, CampaignService s, Localizer l, CancellationToken ct) =>
                OutcomeResults.From(await s.ActAsync(id, ReportAction.Return, body.Comment, UserContext.From(ctx.User), ct), l))
            .RequireAuthorization(p => p.RequireRole(Roles.Office)).WithSummary("Return a submitted report with a comment (office; `comment` required)")
            .WithDescription("The report's indicator entries are withdrawn (`entryStatus` `Withdrawn`): the indicators, the trend and the ministry form no longer count them until the unit submits again.");
        r.MapPost("/{id:int}/accept", async (int id, ReviewIn? body, HttpContext ctx, CampaignService s, Localizer l, CancellationToken ct) =>
                OutcomeResults.From(await s.ActAsync(id, ReportAction.Accept, body?.Comment, UserContext.From(ctx.User), ct), l))
            .RequireAuthorization(p => p.RequireRole(Roles.Office)).WithSummary("Accept a submitted or resubmitted report (office)");

        var ci = app.MapGroup("/api/circulars").WithTags("Half-year circulars (半年通报)").RequireAuthorization(p => p.RequireRole(gov));
        ci.MapGet("/", (HttpContext ctx, CircularService s, CancellationToken ct) => s.ListAsync(UserContext.From(ctx.User), ct))
            .WithSummary("Circulars: the office sees drafts too, units the published ones");
        ci.MapGet("/{id:int}", async Task<Results<Ok<CircularDto>, ProblemHttpResult>> (int id, HttpContext ctx, CircularService s, Localizer l, CancellationToken ct) =>
                await s.GetAsync(id, UserContext.From(ctx.User), ct) is { } d ? TypedResults.Ok(d) : Problems.NotFound(l))
            .WithSummary("A circular with its sections and indicator table");
        ci.MapPost("/generate", async (GenerateIn body, HttpContext ctx, CircularService s, Localizer l, CancellationToken ct) =>
                OutcomeResults.From(await s.GenerateAsync(body, UserContext.From(ctx.User), ct), l))
            .RequireAuthorization(p => p.RequireRole(Roles.Office))
            .WithSummary("Generate (or regenerate a draft of) the circular of a half-year (office): `campaignId`, `year`, `half` 1|2")
            .WithDescription("Sections from the half-year's reports (overall progress, one per unit, indicators, units late or behind, requirements); the indicator table is Linzi's targets evaluated as of the half-year's last day.");
        ci.MapPut("/{id:int}", async (int id, CircularIn body, HttpContext ctx, CircularService s, Localizer l, CancellationToken ct) =>
                OutcomeResults.From(await s.UpdateAsync(id, body, UserContext.From(ctx.User), ct), l))
            .RequireAuthorization(p => p.RequireRole(Roles.Office)).WithSummary("Edit a draft: title, document number (文号), date, sections [{id, heading, body}]");
        ci.MapPost("/{id:int}/publish", async (int id, HttpContext ctx, CircularService s, Localizer l, CancellationToken ct) =>
                OutcomeResults.From(await s.PublishAsync(id, UserContext.From(ctx.User), ct), l))
            .RequireAuthorization(p => p.RequireRole(Roles.Office)).WithSummary("Publish (office): archived read-only and notified to all member units");
        ci.MapGet("/{id:int}/docx", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (int id, HttpContext ctx, CircularService s, Localizer l, CancellationToken ct) =>
                await s.DocxAsync(id, UserContext.From(ctx.User), ct) is { } f
                    ? TypedResults.File(f.Content, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", f.FileName)
                    : Problems.NotFound(l))
            .WithSummary("Download the circular as Word (.docx): red header, 文号, title, sections, indicator table, issuer and date");

        var n = app.MapGroup("/api/notifications").WithTags("Notifications (通知)").RequireAuthorization();
        n.MapGet("/", (bool? unread, HttpContext ctx, NotificationService s, CancellationToken ct) => s.ListAsync(UserContext.From(ctx.User).UserName, unread == true, ct))
            .WithSummary("The signed-in user's in-app notifications, newest first (`unread=true`)");
        n.MapPost("/{id:int}/read", async Task<Results<NoContent, ProblemHttpResult>> (int id, HttpContext ctx, NotificationService s, Localizer l, CancellationToken ct) =>
                await s.MarkReadAsync(UserContext.From(ctx.User).UserName, id, ct) ? TypedResults.NoContent() : Problems.NotFound(l))
            .WithSummary("Mark one notification read");
        n.MapPost("/read-all", async (HttpContext ctx, NotificationService s, CancellationToken ct) =>
            {
                await s.MarkReadAsync(UserContext.From(ctx.User).UserName, null, ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Mark all read");
        n.MapGet("/outbox", async (string? status, string? user, HttpContext ctx, NotificationService s, CancellationToken ct) => TypedResults.Ok(await s.OutboxAsync(status, user, ct)))
            .RequireAuthorization(p => p.RequireRole(Roles.Office))
            .WithSummary("E-mail and SMS messages, newest first (office; `status` Queued, Retrying, Sent or Failed; `user`)")
            .WithDescription("Written with each in-app notification for users with an e-mail address or mobile number, when `Notifications:Smtp:Host` or `Notifications:Sms:Url` is configured; sent in the background and retried with back-off (1, 2, 4 … 60 min, `Notifications:MaxAttempts`).");
        n.MapPost("/outbox/{id:long}/retry", async Task<Results<Ok<OutboundMessageDto>, ProblemHttpResult>> (long id, HttpContext ctx, NotificationService s, Localizer l, CancellationToken ct) =>
                await s.RetryAsync(id, UserContext.From(ctx.User), ct) is { } m ? TypedResults.Ok(m) : Problems.NotFound(l))
            .RequireAuthorization(p => p.RequireRole(Roles.Office))
            .WithSummary("Send a failed or waiting message again now (office)");
        return app;
    }
}
