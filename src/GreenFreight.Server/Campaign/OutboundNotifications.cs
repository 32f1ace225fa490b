using System.Net;
using System.Net.Http.Json;
using System.Net.Mail;
using System.Text;
using GreenFreight.Domain.Campaign;
using GreenFreight.Server.Data;
using GreenFreight.Server.Tracking;
using Microsoft.EntityFrameworkCore;

namespace GreenFreight.Server.Campaigns;

/// <summary>
/// <c>Notifications:*</c>: the external channels. E-mail goes out when <c>Smtp:Host</c> is set, SMS when <c>Sms:Url</c>
/// is set (an HTTP gateway such as a government SMS platform: it receives <c>{"mobile","text"}</c> as JSON). Neither set:
/// notifications stay in the app (the bell).
/// </summary>
public sealed class OutboundOptions
{
    public SmtpOptions Smtp { get; set; } = new();
    public SmsOptions Sms { get; set; } = new();
    /// <summary>How often the dispatcher looks for due messages.</summary>
    public double DispatchSeconds { get; set; } = 5;
    /// <summary>Attempts before a message is given up (back-off 1, 2, 4 … 60 minutes between them).</summary>
    public int MaxAttempts { get; set; } = 8;
    /// <summary>Link base for the notification's page in a message, e.g. https://gf.linzi.gov.cn (none: no link).</summary>
    public string? PublicUrl { get; set; }

    public sealed class SmtpOptions
    {
        public string? Host { get; set; }
        public int Port { get; set; } = 25;
        /// <summary>STARTTLS (port 587 on most servers).</summary>
        public bool EnableSsl { get; set; }
        public string? UserName { get; set; }
        /// <summary>From the environment or a secret store (<c>Notifications__Smtp__Password</c>), never in the repository.</summary>
        public string? Password { get; set; }
        public string From { get; set; } = "noreply@localhost";
        public string FromName { get; set; } = "临淄区城市绿色货运配送公共信息服务平台";
        public int TimeoutSeconds { get; set; } = 30;
    }

    public sealed class SmsOptions
    {
        public string? Url { get; set; }
        /// <summary>Sent as <c>Authorization: Bearer …</c> when set (from the environment, not the repository).</summary>
        public string? Token { get; set; }
        /// <summary>Prefix of every text, e.g. the signature the gateway requires: 【临淄绿色货运】.</summary>
        public string Signature { get; set; } = "【临淄绿色货运】";
    }

    public bool EmailEnabled => !string.IsNullOrWhiteSpace(Smtp.Host);
    public bool SmsEnabled => !string.IsNullOrWhiteSpace(Sms.Url);
}

/// <summary>A failure that retrying will not mend (the server refused the address or the message for good).</summary>
public sealed class PermanentDeliveryException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Sends one message on a channel; throws on failure (the dispatcher records it and retries, unless it is permanent).</summary>
public interface IOutboundTransport
{
    OutboundChannel Channel { get; }
    Task SendAsync(OutboundMessage message, CancellationToken ct);
}

/// <summary>E-mail over SMTP (System.Net.Mail: plain SMTP, STARTTLS and log-in, which government mail relays offer).</summary>
public sealed class SmtpTransport(OutboundOptions options) : IOutboundTransport
{
    public OutboundChannel Channel => OutboundChannel.Email;

    public async Task SendAsync(OutboundMessage m, CancellationToken ct)
    {
        var o = options.Smtp;
        using var client = new SmtpClient(o.Host, o.Port) { EnableSsl = o.EnableSsl, Timeout = o.TimeoutSeconds * 1000, DeliveryMethod = SmtpDeliveryMethod.Network };
        if (!string.IsNullOrEmpty(o.UserName)) client.Credentials = new NetworkCredential(o.UserName, o.Password);
        using var mail = new MailMessage(new MailAddress(o.From, o.FromName, Encoding.UTF8), new MailAddress(m.Address))
        {
            Subject = m.Subject, Body = m.Body, SubjectEncoding = Encoding.UTF8, BodyEncoding = Encoding.UTF8, IsBodyHtml = false,
        };
        try { await client.SendMailAsync(mail, ct); }
        catch (SmtpException e)
        {
            // The reply code says whether it is worth retrying (4xx) or not (5xx); keep it in the recorded error.
            var text = $"SMTP {(int)e.StatusCode} ({e.StatusCode}): {e.Message}";
            // 5xx replies are permanent (no such mailbox, message refused); 4xx and connection failures are worth another try.
            if ((int)e.StatusCode is >= 500 and < 600) throw new PermanentDeliveryException(text, e);
            throw new InvalidOperationException(text, e);
        }
    }
}

/// <summary>SMS through an HTTP gateway: POST <c>{"mobile": "...", "text": "..."}</c>; any non-2xx answer is a failure.</summary>
public sealed class SmsWebhookTransport(OutboundOptions options, IHttpClientFactory http) : IOutboundTransport
{
    public OutboundChannel Channel => OutboundChannel.Sms;

    public async Task SendAsync(OutboundMessage m, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, options.Sms.Url) { Content = JsonContent.Create(new { mobile = m.Address, text = m.Body }) };
        if (!string.IsNullOrEmpty(options.Sms.Token)) request.Headers.Authorization = new("Bearer", options.Sms.Token);
        using var response = await http.CreateClient("sms").SendAsync(request, ct);
        if (response.IsSuccessStatusCode) return;
        var text = $"SMS gateway answered {(int)response.StatusCode} {response.ReasonPhrase}: {Truncate(await response.Content.ReadAsStringAsync(ct), 300)}";
        // A 4xx other than 408/429 means the request itself is refused (bad number, bad credentials): retrying does not help.
        if ((int)response.StatusCode is >= 400 and < 500 and not 408 and not 429) throw new PermanentDeliveryException(text);
        throw new HttpRequestException(text);
    }

    static string Truncate(string s, int n) => s.Length <= n ? s : s[..n];
}

/// <summary>
/// The notification sender for the external channels: writes one <see cref="OutboundMessage"/> per user and configured
/// channel that the user has an address for (e-mail, mobile). The same <see cref="NotificationMessage.DedupKey"/> is not
/// written twice for a user and channel.
/// </summary>
public sealed class OutboundNotificationSender(IDbContextFactory<AppDbContext> dbFactory, OutboundOptions options, TimeProvider clock) : INotificationSender
{
    public string Channel => "outbound";

    public async Task SendAsync(NotificationMessage message, IReadOnlyCollection<string> userNames, CancellationToken ct)
    {
        if (userNames.Count == 0 || !options.EmailEnabled && !options.SmsEnabled) return;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var names = userNames.Distinct().ToList();
        var contacts = await db.Users.AsNoTracking().Where(u => u.UserName != null && names.Contains(u.UserName))
            .Select(u => new { UserName = u.UserName!, u.Email, u.PhoneNumber }).ToListAsync(ct);
        var already = message.DedupKey is null ? [] : await db.OutboundMessages.AsNoTracking()
            .Where(x => x.DedupKey == message.DedupKey && names.Contains(x.UserName)).Select(x => new { x.UserName, x.Channel }).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var link = message.Link is { } l && !string.IsNullOrWhiteSpace(options.PublicUrl) ? options.PublicUrl.TrimEnd('/') + l : null;
        // The texts are the same for every recipient. A text is kept short: the title, and the body's first line where
        // it fits in 140 characters.
        var mail = Clip(message.Body + (link is null ? "" : $"\n\n{link}") + "\n\n——临淄区城市绿色货运配送公共信息服务平台（系统自动发送，请勿回复）", 8000);
        var text = Clip($"{options.Sms.Signature}{message.Title}{(string.IsNullOrWhiteSpace(message.Body) ? "" : "：" + message.Body.Split('\n')[0])}", 140);
        void Add(bool enabled, OutboundChannel channel, string userName, string? address, string body)
        {
            if (!enabled || string.IsNullOrWhiteSpace(address) || already.Any(a => a.UserName == userName && a.Channel == channel)) return;
            db.OutboundMessages.Add(new OutboundMessage
            {
                Channel = channel, UserName = userName, Address = address, Subject = Clip(message.Title, 300), Body = body,
                DedupKey = message.DedupKey, CreatedAt = now, NextAttemptMs = now.ToUnixTimeMilliseconds(),
            });
        }
        foreach (var c in contacts)
        {
            Add(options.EmailEnabled, OutboundChannel.Email, c.UserName, c.Email, mail);
            Add(options.SmsEnabled, OutboundChannel.Sms, c.UserName, c.PhoneNumber, text);
        }
        await db.SaveChangesAsync(ct);
    }

    static string Clip(string s, int n) => s.Length <= n ? s : s[..(n - 1)] + "…";
}

public sealed record OutboundMessageDto(long Id, OutboundChannel Channel, string UserName, string Address, string Subject, DateTimeOffset CreatedAt,
    int Attempts, DateTimeOffset? SentAt, DateTimeOffset? FailedAt, DateTimeOffset? NextAttemptAt, string? LastError, string Status);

/// <summary>
/// Sends due outbound messages: claims a batch by a conditional update (so two instances never send the same one), sends
/// each through its channel's transport, and records the result; a failure is retried with back-off until
/// <see cref="OutboundOptions.MaxAttempts"/>.
/// </summary>
public sealed class OutboundDispatcher(IDbContextFactory<AppDbContext> dbFactory, IEnumerable<IOutboundTransport> transports, OutboundOptions options,
    TimeProvider clock, ILogger<OutboundDispatcher> log) : BackgroundService
{
    static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>Rounds run so far (tests wait on it).</summary>
    public long Rounds => Interlocked.Read(ref _rounds);
    long _rounds;

    /// <summary>Look now rather than at the next tick (a message was just written, or a retry asked for).</summary>
    public void Wake()
    {
        if (_wake.CurrentCount > 0) return;
        try { _wake.Release(); } catch (SemaphoreFullException) { }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.EmailEnabled && !options.SmsEnabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _wake.WaitAsync(TimeSpan.FromSeconds(Math.Max(0.05, options.DispatchSeconds)), stoppingToken);
                await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
            catch (Exception ex) { log.LogWarning(ex, "Outbound message round failed; retrying"); }
        }
    }

    /// <summary>Back-off before attempt <paramref name="attempts"/> + 1: 1, 2, 4 … minutes, at most an hour.</summary>
    public static TimeSpan Backoff(int attempts) => TimeSpan.FromMinutes(Math.Min(60, Math.Pow(2, Math.Max(0, attempts - 1))));

    public async Task RunOnceAsync(CancellationToken ct = default)
    {
        Interlocked.Increment(ref _rounds);
        var byChannel = transports.ToDictionary(t => t.Channel);
        var nowMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var due = await db.OutboundMessages.AsNoTracking().Where(m => m.SentAt == null && m.FailedAt == null && m.NextAttemptMs <= nowMs && m.ClaimedUntilMs < nowMs)
            .OrderBy(m => m.Id).Select(m => m.Id).Take(20).ToListAsync(ct);
        foreach (var id in due)
        {
            // Claim: only one instance wins the row. The lease starts now, not at the start of the round (a slow mail
            // server can make a round of 20 take longer than the lease).
            var claimMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
            var until = claimMs + (long)Lease.TotalMilliseconds;
            var claimed = await db.OutboundMessages.Where(m => m.Id == id && m.SentAt == null && m.FailedAt == null && m.ClaimedUntilMs < claimMs)
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.ClaimedUntilMs, until).SetProperty(m => m.ClaimedBy, LiveStateSync.InstanceName), ct);
            if (claimed == 0) continue;
            var m = await db.OutboundMessages.FirstAsync(x => x.Id == id, ct);
            m.Attempts++;
            try
            {
                if (!byChannel.TryGetValue(m.Channel, out var transport)) throw new InvalidOperationException($"no {m.Channel} transport configured");
                await transport.SendAsync(m, ct);
                m.SentAt = clock.GetUtcNow();
                m.LastError = null;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                m.LastError = ex.Message.Length > 2000 ? ex.Message[..2000] : ex.Message;
                if (ex is PermanentDeliveryException || m.Attempts >= options.MaxAttempts) m.FailedAt = clock.GetUtcNow();
                else m.NextAttemptMs = clock.GetUtcNow().Add(Backoff(m.Attempts)).ToUnixTimeMilliseconds();
                log.LogWarning("{Channel} to {User} failed (attempt {Attempts}): {Error}", m.Channel, m.UserName, m.Attempts, m.LastError);
            }
            m.ClaimedUntilMs = 0;
            m.ClaimedBy = null;
            await db.SaveChangesAsync(CancellationToken.None);
        }
    }

    public static OutboundMessageDto ToDto(OutboundMessage m) => new(m.Id, m.Channel, m.UserName, m.Address, m.Subject, m.CreatedAt, m.Attempts, m.SentAt, m.FailedAt,
        m.SentAt is null && m.FailedAt is null ? DateTimeOffset.FromUnixTimeMilliseconds(m.NextAttemptMs) : null, m.LastError,
        m.SentAt is not null ? "Sent" : m.FailedAt is not null ? "Failed" : m.Attempts > 0 ? "Retrying" : "Queued");
}
