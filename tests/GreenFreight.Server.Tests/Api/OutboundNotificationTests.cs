using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using GreenFreight.Domain.Campaign;
using GreenFreight.Server.Campaigns;
using GreenFreight.Server.Data;
using GreenFreight.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace GreenFreight.Server.Tests.Api;

/// <summary>
/// E-mail and SMS notifications end to end: a user's address and mobile are kept on the account, a returned report
/// reaches the unit by SMTP (a local SMTP server that records what it receives) and by the SMS gateway (a local HTTP
/// endpoint), the outbox shows the state, a mail server that refuses is retried with back-off, and a retry sends it.
/// </summary>
public sealed class OutboundNotificationTests(OutboundNotificationTests.Host host) : ApiTestBase(host), IClassFixture<OutboundNotificationTests.Host>
{
    public sealed class Host : GreenFreightFactory
    {
        public FakeSmtpServer Smtp { get; } = new();
        public FakeSmsGateway Sms { get; } = new();

        public Host() : base(Provider.Sqlite) => Settings = new Dictionary<string, string>
        {
            ["Notifications:Smtp:Host"] = "127.0.0.1",
            ["Notifications:Smtp:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Notifications:Smtp:From"] = "platform@linzi.example.cn",
            ["Notifications:Sms:Url"] = Sms.Url,
            ["Notifications:Sms:Token"] = "test-token",
            ["Notifications:DispatchSeconds"] = "0.2",
            ["Notifications:PublicUrl"] = "https://gf.linzi.example.cn",
        };

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing) { Smtp.Dispose(); Sms.Dispose(); }
        }
    }

    [Fact]
    public async Task A_returned_report_reaches_the_unit_by_email_and_sms_and_a_refused_mail_is_retried()
    {
        var admin = await host.ClientForAsync("admin");
        var account = (await Ok(await admin.GetAsync("/api/users"))).EnumerateArray().Single(u => u.GetProperty("userName").GetString() == "jtj");
        var id = account.GetProperty("id").GetString();
        object Request(string? email, string? mobile) => new
        {
            displayName = account.GetProperty("displayName").GetString(), role = account.GetProperty("role").GetString(),
            unitId = account.GetProperty("unitId").GetInt32(), email, mobile,
        };

        // Bad contacts are field errors; nothing about the account changes.
        var bad = await Problem(await admin.PutAsJsonAsync($"/api/users/{id}", Request("jtj-at-linzi", "1391234567")), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("email", out _));
        Assert.True(bad.GetProperty("errors").TryGetProperty("mobile", out _));
        var saved = await Ok(await admin.PutAsJsonAsync($"/api/users/{id}", Request("jtj@linzi.example.cn", "13912345678")));
        Assert.Equal("jtj@linzi.example.cn", saved.GetProperty("email").GetString());
        Assert.Equal("13912345678", saved.GetProperty("mobile").GetString());
        var jtj = await host.ClientForAsync("jtj");   // after the change: a changed account's earlier tokens no longer count

        // The unit files its report; the office returns it.
        var campaign = (await Ok(await admin.GetAsync("/api/campaigns")))[0].GetProperty("id").GetInt32();
        await Ok(await admin.PostAsJsonAsync("/api/reports/open", new { campaignId = campaign, year = 2025, quarter = 2 }));
        var rid = (await Ok(await jtj.GetAsync("/api/reports?year=2025&quarter=2")))[0].GetProperty("id").GetInt32();
        await Ok(await jtj.PostAsync($"/api/reports/{rid}/submit", null));
        const string comment = "请补充试点企业平台对接清单。";
        await Ok(await admin.PostAsJsonAsync($"/api/reports/{rid}/return", new { comment }));

        var mail = await WaitAsync(() => host.Smtp.Received.FirstOrDefault(m => m.To.Contains("jtj@linzi.example.cn") && m.Subject.Contains("被退回")));
        Assert.Equal("2025年第2季度工作开展情况表被退回", mail.Subject);
        Assert.Contains(comment, mail.Body);
        Assert.Contains($"https://gf.linzi.example.cn/campaign/reports/{rid}", mail.Body);
        Assert.Contains("platform@linzi.example.cn", mail.From);
        var text = await WaitAsync(() => host.Sms.Received.FirstOrDefault(s => s.Mobile == "13912345678" && s.Text.Contains("被退回")));
        Assert.Equal("Bearer test-token", text.Authorization);
        Assert.StartsWith("【临淄绿色货运】2025年第2季度工作开展情况表被退回：" + comment, text.Text);

        var outbox = await WaitAsync(async () =>
        {
            // The opening of the reports notified the unit too; these are the return's.
            var list = (await Ok(await admin.GetAsync("/api/notifications/outbox?user=jtj"))).EnumerateArray().Where(m => m.GetProperty("subject").GetString()!.Contains("被退回")).ToList();
            return list.Count(m => m.GetProperty("status").GetString() == "Sent") == 2 ? list : null;
        });
        Assert.Equal(["Email", "Sms"], outbox.Select(m => m.GetProperty("channel").GetString()!).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.Forbidden, (await jtj.GetAsync("/api/notifications/outbox")).StatusCode);

        // The mail server refuses for a while: the message waits with the error and a back-off; a retry sends it.
        host.Smtp.Refuse = true;
        await Ok(await jtj.PostAsync($"/api/reports/{rid}/submit", null));
        await Ok(await admin.PostAsJsonAsync($"/api/reports/{rid}/return", new { comment = "请再补充。" }));
        var waiting = await WaitAsync(async () => (await Ok(await admin.GetAsync("/api/notifications/outbox?user=jtj&status=Retrying"))).EnumerateArray()
            .FirstOrDefault(m => m.GetProperty("channel").GetString() == "Email") is { ValueKind: JsonValueKind.Object } m ? m : (JsonElement?)null);
        Assert.Equal(1, waiting.GetProperty("attempts").GetInt32());
        Assert.Contains("451", waiting.GetProperty("lastError").GetString());
        Assert.True(waiting.GetProperty("nextAttemptAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddSeconds(30));   // one minute's back-off
        Assert.Equal(1, host.Smtp.Received.Count(m => m.Subject.Contains("被退回")));
        host.Smtp.Refuse = false;
        var retried = await Ok(await admin.PostAsync($"/api/notifications/outbox/{waiting.GetProperty("id").GetInt64()}/retry", null));
        Assert.Equal("Queued", retried.GetProperty("status").GetString());
        await WaitAsync(() => host.Smtp.Received.Count(m => m.Subject.Contains("被退回")) == 2 ? host.Smtp.Received.Last() : null);
        Assert.Contains("请再补充。", host.Smtp.Received.Last().Body);
        await Problem(await admin.PostAsync("/api/notifications/outbox/999999/retry", null), HttpStatusCode.NotFound);

        // A mailbox the server does not know (550) is given up at once, not retried for hours.
        host.Smtp.UnknownMailbox = "jtj@linzi.example.cn";
        await Ok(await jtj.PostAsync($"/api/reports/{rid}/submit", null));
        await Ok(await admin.PostAsJsonAsync($"/api/reports/{rid}/accept", new { }));
        var failed = await WaitAsync(async () => (await Ok(await admin.GetAsync("/api/notifications/outbox?user=jtj&status=Failed"))).EnumerateArray()
            .FirstOrDefault(m => m.GetProperty("subject").GetString()!.Contains("通过审核")) is { ValueKind: JsonValueKind.Object } m ? m : (JsonElement?)null);
        Assert.Equal(1, failed.GetProperty("attempts").GetInt32());
        Assert.Contains("550", failed.GetProperty("lastError").GetString());
    }

    static async Task<T> WaitAsync<T>(Func<T?> probe) where T : class => await WaitAsync(() => Task.FromResult(probe()));

    static async Task<T> WaitAsync<T>(Func<Task<T?>> probe) where T : class
    {
        var end = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            if (await probe() is { } v) return v;
            if (DateTime.UtcNow > end) Assert.Fail("timed out waiting for the message");
            await Task.Delay(100);
        }
    }

    static async Task<JsonElement> WaitAsync(Func<Task<JsonElement?>> probe)
    {
        var end = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            if (await probe() is { } v) return v;
            if (DateTime.UtcNow > end) Assert.Fail("timed out waiting for the outbox");
            await Task.Delay(100);
        }
    }
}

/// <summary>A minimal SMTP server on a free local port that records the messages it accepts (or refuses them with 451).</summary>
public sealed class FakeSmtpServer : IDisposable
{
    public sealed record Mail(string From, string To, string Subject, string Body);

    readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    readonly CancellationTokenSource _stop = new();
    public ConcurrentQueue<Mail> Received { get; } = new();
    public volatile bool Refuse;
    /// <summary>Recipients answered 550 (no such mailbox): a permanent refusal.</summary>
    public volatile string? UnknownMailbox;
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public FakeSmtpServer()
    {
        _listener.Start();
        _ = Task.Run(AcceptAsync);
    }

    async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient c;
            try { c = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) { return; }
            _ = Task.Run(() => ServeAsync(c));
        }
    }

    async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        var reader = new StreamReader(stream, Encoding.ASCII);
        var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 fake.linzi.example.cn ESMTP");
        string from = "", to = "";
        while (await reader.ReadLineAsync() is { } line)
        {
            var verb = line.Split(' ', 2)[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO": await writer.WriteLineAsync("250-fake.linzi.example.cn\r\n250 8BITMIME"); break;
                case "HELO": await writer.WriteLineAsync("250 fake.linzi.example.cn"); break;
                case "MAIL": from = line; await writer.WriteLineAsync("250 OK"); break;
                case "RCPT":
                    to = line;
                    await writer.WriteLineAsync(UnknownMailbox is { } u && line.Contains(u, StringComparison.OrdinalIgnoreCase) ? "550 5.1.1 No such mailbox"
                        : Refuse ? "451 4.3.0 Mailbox temporarily unavailable" : "250 OK");
                    break;
                case "DATA":
                    await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                    var data = new StringBuilder();
                    while (await reader.ReadLineAsync() is { } d && d != ".") data.Append(d.StartsWith("..", StringComparison.Ordinal) ? d[1..] : d).Append("\r\n");
                    Received.Enqueue(Parse(from, to, data.ToString()));
                    await writer.WriteLineAsync("250 OK queued");
                    break;
                case "QUIT": await writer.WriteLineAsync("221 Bye"); return;
                default: await writer.WriteLineAsync("250 OK"); break;
            }
        }
    }

    /// <summary>Subject (RFC 2047 encoded words) and the text body (base64 or quoted-printable) of a MIME message.</summary>
    static Mail Parse(string from, string to, string data)
    {
        var split = data.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var headers = Regex.Replace(data[..split], "\r\n[ \t]+", " ");
        var body = data[(split + 4)..];
        string Header(string name) => Regex.Match(headers, $"^{name}:\\s*(.*)$", RegexOptions.Multiline | RegexOptions.IgnoreCase).Groups[1].Value.Trim();
        var subject = Regex.Replace(Header("Subject"), @"=\?utf-8\?([BQ])\?([^?]*)\?=\s*", m => m.Groups[1].Value.ToUpperInvariant() == "B"
            ? Encoding.UTF8.GetString(Convert.FromBase64String(m.Groups[2].Value)) : QuotedPrintable(m.Groups[2].Value.Replace('_', ' ')), RegexOptions.IgnoreCase);
        var encoding = Header("Content-Transfer-Encoding").ToLowerInvariant();
        var text = encoding == "base64" ? Encoding.UTF8.GetString(Convert.FromBase64String(string.Concat(body.Split("\r\n")))) :
            encoding == "quoted-printable" ? QuotedPrintable(body.Replace("=\r\n", "")) : body;
        return new Mail(from + " " + Header("From"), to, subject, text);
    }

    static string QuotedPrintable(string s)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < s.Length; i++)
            if (s[i] == '=' && i + 2 < s.Length && Uri.IsHexDigit(s[i + 1]) && Uri.IsHexDigit(s[i + 2])) { bytes.Add(Convert.ToByte(s.Substring(i + 1, 2), 16)); i += 2; }
            else bytes.AddRange(Encoding.UTF8.GetBytes(s[i].ToString()));
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;   // the fixture may be disposed twice (Dispose and DisposeAsync)
        _stop.Cancel();
        _listener.Stop();
    }

    int _disposed;
}

/// <summary>A local HTTP endpoint standing in for an SMS gateway: records <c>{"mobile","text"}</c> and the Authorization header.</summary>
public sealed class FakeSmsGateway : IDisposable
{
    public sealed record Sms(string Mobile, string Text, string? Authorization);

    readonly HttpListener _listener = new();
    public ConcurrentQueue<Sms> Received { get; } = new();
    public string Url { get; }

    public FakeSmsGateway()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}/sms/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    async Task ServeAsync()
    {
        while (true)
        {
            HttpListenerContext ctx;
            try { ctx = await _listener.GetContextAsync(); }
            catch (Exception) { return; }   // closed
            using (var doc = await JsonDocument.ParseAsync(ctx.Request.InputStream))
                Received.Enqueue(new Sms(doc.RootElement.GetProperty("mobile").GetString()!, doc.RootElement.GetProperty("text").GetString()!, ctx.Request.Headers["Authorization"]));
            ctx.Response.StatusCode = 200;
            ctx.Response.Close();
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        try { _listener.Close(); }   // stops it too
        catch (ObjectDisposedException) { }
    }

    int _disposed;
}

/// <summary>Two instances' dispatchers working the same outbox send every message once (the claim is a conditional update).</summary>
public sealed class OutboundDispatcherClaimTests
{
    sealed class CountingTransport : IOutboundTransport
    {
        public ConcurrentDictionary<long, int> Sent { get; } = new();
        public OutboundChannel Channel => OutboundChannel.Email;

        public async Task SendAsync(OutboundMessage message, CancellationToken ct)
        {
            await Task.Delay(5, ct);   // a mail server takes a moment: the other instance runs meanwhile
            Sent.AddOrUpdate(message.Id, 1, (_, n) => n + 1);
        }
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Two_dispatchers_send_each_message_once(Provider provider)
    {
        using var factory = new GreenFreightFactory(provider);
        var db = factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using (var ctx = await db.CreateDbContextAsync())
        {
            for (var i = 0; i < 60; i++)
                ctx.OutboundMessages.Add(new OutboundMessage
                {
                    Channel = OutboundChannel.Email, UserName = "jtj", Address = $"u{i}@linzi.example.cn", Subject = $"测试{i}", Body = "正文",
                    CreatedAt = DateTimeOffset.UtcNow, NextAttemptMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
                });
            await ctx.SaveChangesAsync();
        }
        var options = new OutboundOptions();
        var transport = new CountingTransport();
        OutboundDispatcher Make() => new(db, [transport], options, TimeProvider.System,
            NullLogger<OutboundDispatcher>.Instance);
        var a = Make();
        var b = Make();
        for (var round = 0; round < 5; round++) await Task.WhenAll(Task.Run(() => a.RunOnceAsync()), Task.Run(() => b.RunOnceAsync()));
        Assert.Equal(60, transport.Sent.Count);
        Assert.All(transport.Sent.Values, n => Assert.Equal(1, n));
        await using var check = await db.CreateDbContextAsync();
        Assert.Equal(60, await check.OutboundMessages.CountAsync(m => m.SentAt != null && m.Attempts == 1));
    }
}
