using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace GreenFreight.Server.Infrastructure;

/// <summary>
/// Turns a request the API cannot read (malformed JSON, a value of the wrong type, an unknown enum name, an unparsable
/// query value) into a 400 problem naming the field at fault, in the request's language.
/// </summary>
public sealed class BadRequestHandler(Localizer l, IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext ctx, Exception exception, CancellationToken ct)
    {
        if (exception is not BadHttpRequestException bad) return false;
        var errors = new FieldErrors();
        if (bad.InnerException is JsonException json)
        {
            var field = FieldOf(json.Path);
            errors.Add(field, field.Length == 0 ? "request.json.invalid" : "request.value.invalid");
        }
        else
        {
            // e.g. 'Failed to bind parameter "int page" from "x".'
            var m = System.Text.RegularExpressions.Regex.Match(bad.Message, "parameter \"\\S+ (\\w+)\"");
            errors.Add(m.Success ? FieldOf("$." + m.Groups[1].Value) : "", m.Success ? "request.value.invalid" : "request.json.invalid");
        }
        ctx.Response.StatusCode = bad.StatusCode;
        var details = new ProblemDetails
        {
            Status = bad.StatusCode,
            Title = l["problem.validation.title"],
            Detail = string.Join("；", errors.Select(e => $"{e.Field}: {l[e.Key, e.Args]}")),
            Extensions = { ["errors"] = errors.ToDictionary(l) },
        };
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = ctx, ProblemDetails = details, Exception = exception });
    }

    /// <summary>
    /// <c>$.grossWeightKg</c> → <c>grossWeightKg</c>; <c>$.location.coordinates[0]</c> → <c>location</c>; an element of a list keeps
    /// its index and property: <c>$.units[2].role</c> → <c>units[2].role</c>, <c>$.units[2]</c> → <c>units[2]</c>.
    /// </summary>
    internal static string FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$") return "";
        var p = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        var end = p.IndexOfAny(['.', '[']);
        var name = Camel(end < 0 ? p : p[..end]);
        if (name.Length == 0 || end < 0 || p[end] != '[') return name;
        var m = System.Text.RegularExpressions.Regex.Match(p[end..], @"^\[(\d+)\](?:\.(\w+))?");
        return !m.Success ? name : $"{name}[{m.Groups[1].Value}]" + (m.Groups[2].Success ? "." + Camel(m.Groups[2].Value) : "");
    }

    static string Camel(string name) => name.Length > 0 ? char.ToLowerInvariant(name[0]) + name[1..] : "";
}
