using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GreenFreight.Server.Tests.Infrastructure;

namespace GreenFreight.Server.Tests.Api;

public sealed class UsersApiTests(SqliteFactory factory) : ApiTestBase(factory), IClassFixture<SqliteFactory>
{
    [Fact]
    public async Task Office_creates_an_enterprise_account_that_sees_only_its_enterprise()
    {
        var admin = await Factory.ClientForAsync("admin");
        var ent = (await Ok(await admin.GetAsync("/api/enterprises?pageSize=5"))).GetProperty("items")[3];
        var entId = ent.GetProperty("id").GetInt32();

        var bad = await Problem(await admin.PostAsJsonAsync("/api/users", new { userName = "x y", displayName = "", role = "enterprise" }), HttpStatusCode.BadRequest);
        var errors = bad.GetProperty("errors");
        foreach (var f in new[] { "userName", "displayName", "enterpriseId" }) Assert.True(errors.TryGetProperty(f, out _), f);

        var created = await ReadJson(await admin.PostAsJsonAsync("/api/users", new { userName = "wuliu01", displayName = "物流企业操作员", role = "enterprise", enterpriseId = entId }));
        var password = created.GetProperty("password").GetString()!;
        var id = created.GetProperty("user").GetProperty("id").GetString()!;

        var client = await Factory.ClientForAsync("wuliu01", password);
        var list = await Ok(await client.GetAsync("/api/enterprises"));
        Assert.Equal(entId, list.GetProperty("items")[0].GetProperty("id").GetInt32());
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/users")).StatusCode);

        // Own password change; the old one stops working.
        var weak = await Problem(await client.PostAsJsonAsync("/api/auth/password", new { currentPassword = password, newPassword = "short" }), HttpStatusCode.BadRequest);
        Assert.True(weak.GetProperty("errors").TryGetProperty("newPassword", out _));
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync("/api/auth/password", new { currentPassword = password, newPassword = "New#Pass2026" })).StatusCode);
        var anon = Factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anon.PostAsJsonAsync("/api/auth/token", new { userName = "wuliu01", password })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anon.PostAsJsonAsync("/api/auth/token", new { userName = "wuliu01", password = "New#Pass2026" })).StatusCode);

        // Locking refuses log-ins and revokes the tokens already issued; a reset gives a new password and unlocks.
        var live = await Factory.ClientForAsync("wuliu01", "New#Pass2026");
        Assert.Equal(HttpStatusCode.OK, (await live.GetAsync("/api/vehicles")).StatusCode);
        await Ok(await admin.PutAsJsonAsync($"/api/users/{id}", new { displayName = "物流企业操作员", role = "enterprise", enterpriseId = entId, locked = true }));
        Assert.Equal(HttpStatusCode.Unauthorized, (await live.GetAsync("/api/vehicles")).StatusCode);
        Assert.Equal(HttpStatusCode.Locked, (await anon.PostAsJsonAsync("/api/auth/token", new { userName = "wuliu01", password = "New#Pass2026" })).StatusCode);
        var reset = await Ok(await admin.PostAsync($"/api/users/{id}/reset-password", null));
        Assert.Equal(HttpStatusCode.OK, (await anon.PostAsJsonAsync("/api/auth/token", new { userName = "wuliu01", password = reset.GetProperty("password").GetString() })).StatusCode);

        var users = (await Ok(await admin.GetAsync("/api/users"))).EnumerateArray().ToList();
        var row = users.Single(u => u.GetProperty("userName").GetString() == "wuliu01");
        Assert.Equal(ent.GetProperty("name").GetString(), row.GetProperty("enterpriseName").GetString());
        Assert.False(row.GetProperty("locked").GetBoolean());
    }

    [Fact]
    public async Task Office_cannot_demote_itself_and_other_roles_cannot_manage_accounts()
    {
        var admin = await Factory.ClientForAsync("admin");
        var me = (await Ok(await admin.GetAsync("/api/users"))).EnumerateArray().Single(u => u.GetProperty("userName").GetString() == "admin");
        var p = await Problem(await admin.PutAsJsonAsync($"/api/users/{me.GetProperty("id").GetString()}", new { displayName = "x", role = "unit", unitId = 1 }), HttpStatusCode.BadRequest);
        Assert.True(p.GetProperty("errors").TryGetProperty("role", out _));
        foreach (var user in new[] { "jtj", "police", "qiye" })
        {
            var c = await Factory.ClientForAsync(user);
            Assert.Equal(HttpStatusCode.Forbidden, (await c.PostAsJsonAsync("/api/users", new { userName = "hacker", displayName = "h", role = "office" })).StatusCode);
        }
    }
}
