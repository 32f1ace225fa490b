using GreenFreight.Server.Infrastructure;

namespace GreenFreight.Server.Geo;

public static class GeoApi
{
    public static IEndpointRouteBuilder MapGeoApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/geo").WithTags("Geo (地图)");
        g.MapGet("/linzi.geojson", () => TypedResults.PhysicalFile(Path.Combine(DistrictOutline.DataDirectory, DistrictOutline.LinziFile), "application/geo+json"))
            .AllowAnonymous().WithSummary("Linzi District outline (GeoJSON, WGS-84)");
        g.MapGet("/zibo.geojson", () => TypedResults.PhysicalFile(Path.Combine(DistrictOutline.DataDirectory, DistrictOutline.ZiboFile), "application/geo+json"))
            .AllowAnonymous().WithSummary("Zibo districts, for context on the map (GeoJSON, WGS-84)");
        g.MapGet("/layers", async (HttpContext ctx, MapLayerService layers, TimeProvider clock, CancellationToken ct) =>
                TypedResults.Ok(await layers.FacilityLayersAsync(Auth.UserContext.From(ctx.User), clock.Today(), ct)))
            .RequireAuthorization().WithSummary("Facility map layers by kind, with points, polygons and popups");
        return app;
    }
}
