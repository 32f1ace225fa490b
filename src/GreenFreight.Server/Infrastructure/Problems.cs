using Microsoft.AspNetCore.Http.HttpResults;

namespace GreenFreight.Server.Infrastructure;

/// <summary>A validation failure of one field: the field (JSON name), a resource key and its arguments.</summary>
public sealed record FieldError(string Field, string Key, params object?[] Args);

/// <summary>Collects field errors while a request or an imported row is checked.</summary>
public sealed class FieldErrors : List<FieldError>
{
    public bool Ok => Count == 0;

    public void Add(string field, string key, params object?[] args) => Add(new FieldError(field, key, args));

    public void AddIf(bool condition, string field, string key, params object?[] args)
    {
        if (condition) Add(field, key, args);
    }

    public void AddDomain(string field, Domain.Validation.FieldError? error)
    {
        if (error is not null) Add(field, error.Key, error.Args);
    }

    public Dictionary<string, string[]> ToDictionary(Localizer l) =>
        this.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => l[e.Key, e.Args]).ToArray());
}

/// <summary>RFC 7807 problem responses with localized text.</summary>
public static class Problems
{
    public static ProblemHttpResult Validation(Localizer l, FieldErrors errors) =>
        TypedResults.Problem(new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = l["problem.validation.title"],
            Detail = string.Join("；", errors.Select(e => l[e.Key, e.Args])),
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
            Extensions = { ["errors"] = errors.ToDictionary(l) },
        });

    public static ProblemHttpResult Validation(Localizer l, params (string Field, string Key)[] errors)
    {
        var list = new FieldErrors();
        foreach (var (f, k) in errors) list.Add(f, k);
        return Validation(l, list);
    }

    public static ProblemHttpResult Status(Localizer l, int status, string key, params object?[] args) =>
        TypedResults.Problem(statusCode: status, title: l[key, args]);

    public static ProblemHttpResult NotFound(Localizer l) => Status(l, StatusCodes.Status404NotFound, "problem.notfound");

    public static ProblemHttpResult Forbidden(Localizer l) => Status(l, StatusCodes.Status403Forbidden, "problem.forbidden");
}
