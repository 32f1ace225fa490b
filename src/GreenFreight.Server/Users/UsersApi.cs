using GreenFreight.Server.Auth;
using GreenFreight.Server.Infrastructure;
using GreenFreight.Server.Registry;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GreenFreight.Server.Users;

public static class UsersApi
{
    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/users").WithTags("Users (账号)").RequireAuthorization(p => p.RequireRole(Roles.Office));
        g.MapGet("/", async (UserService svc, CancellationToken ct) => TypedResults.Ok(await svc.ListAsync(ct)))
            .WithSummary("List accounts").WithDescription("Office only. Each account has one role: office, unit, police or enterprise.");
        g.MapPost("/", async Task<Results<Created<UserWithPassword>, ProblemHttpResult>> (UserRequest r, HttpContext ctx, UserService svc, Localizer l, CancellationToken ct) =>
            {
                var o = await svc.CreateAsync(r, UserContext.From(ctx.User), ct);
                return o.Kind == OutcomeKind.Ok ? TypedResults.Created($"/api/users/{o.Value!.User.Id}", o.Value) : RegistryApi.ToProblem(o, l);
            })
            .WithSummary("Create an account").WithDescription("A unit or police account needs `unitId`, an enterprise account `enterpriseId`. The generated initial password is returned once.");
        g.MapPut("/{id}", async Task<Results<Ok<UserDto>, ProblemHttpResult>> (string id, UserRequest r, HttpContext ctx, UserService svc, Localizer l, CancellationToken ct) =>
            {
                var o = await svc.UpdateAsync(id, r, UserContext.From(ctx.User), ct);
                return o.Kind == OutcomeKind.Ok ? TypedResults.Ok(o.Value!) : RegistryApi.ToProblem(o, l);
            })
            .WithSummary("Change an account's name, role, unit, enterprise or lock");
        g.MapPost("/{id}/reset-password", async Task<Results<Ok<UserWithPassword>, ProblemHttpResult>> (string id, HttpContext ctx, UserService svc, Localizer l, CancellationToken ct) =>
            {
                var o = await svc.ResetPasswordAsync(id, UserContext.From(ctx.User), ct);
                return o.Kind == OutcomeKind.Ok ? TypedResults.Ok(o.Value!) : RegistryApi.ToProblem(o, l);
            })
            .WithSummary("Give an account a new generated password (returned once)");

        app.MapPost("/api/auth/password", async Task<Results<NoContent, ProblemHttpResult>> (PasswordChange change, HttpContext ctx, UserService svc, Localizer l, CancellationToken ct) =>
            {
                var o = await svc.ChangeOwnPasswordAsync(UserContext.From(ctx.User), change, ct);
                return o.Kind == OutcomeKind.Ok ? TypedResults.NoContent() : RegistryApi.ToProblem(o, l);
            })
            .RequireAuthorization().WithTags("Auth").WithSummary("Change your own password");
        return app;
    }
}
