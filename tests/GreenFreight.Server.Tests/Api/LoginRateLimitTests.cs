using System.Net;
using System.Net.Http.Json;
using GreenFreight.Server.Tests.Infrastructure;

namespace GreenFreight.Server.Tests.Api;

public sealed class LoginRateLimitTests : IDisposable
{
    readonly GreenFreightFactory _factory = new(Provider.Sqlite) { LoginRateLimit = 3 };

    [Fact]
    public async Task Log_in_attempts_beyond_the_limit_get_429_with_a_problem()
    {
        var client = _factory.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
            statuses.Add((await client.PostAsJsonAsync("/api/auth/token", new { userName = "admin", password = "wrong-" + i })).StatusCode);
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        var r = await client.PostAsJsonAsync("/api/auth/token", new { userName = "admin", password = GreenFreightFactory.AdminPassword });
        Assert.Equal(HttpStatusCode.TooManyRequests, r.StatusCode);
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
    }

    public void Dispose() => _factory.Dispose();
}
