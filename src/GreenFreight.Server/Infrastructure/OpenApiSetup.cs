using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace GreenFreight.Server.Infrastructure;

public static class OpenApiSetup
{
    public static void Configure(OpenApiOptions o)
    {
        o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info = new OpenApiInfo
            {
                Title = "GreenFreight 城市绿色货运配送公共信息服务平台 API",
                Version = "v1",
                Description = "Public information service platform for urban green freight distribution, Linzi District, Zibo. " +
                              "Authenticate with `POST /api/auth/token` and send `Authorization: Bearer <accessToken>`. " +
                              "Errors are RFC 7807 problem details; validation errors carry an `errors` object keyed by field, " +
                              "in Chinese by default or English with `Accept-Language: en`.",
            };
            doc.Components ??= new OpenApiComponents();
            doc.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            doc.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "Token from POST /api/auth/token",
            };
            doc.Security ??= [];
            doc.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", doc)] = [] });
            return Task.CompletedTask;
        });
    }
}
