namespace GreenFreight.Jt808;

/// <summary>Outcome of adding a package to <see cref="Jt808SubpackageAssembler"/>.</summary>
public enum Jt808SubpackageStatus : byte
{
    /// <summary>All packages are in; the message is returned.</summary>
    Completed,
    /// <summary>Stored; more packages are needed.</summary>
    Pending,
    /// <summary>This package index was already stored; ignored.</summary>
    Duplicate,
    /// <summary>Not a subpackage, total 0, index 0 or index above total.</summary>
    Invalid,
    /// <summary>Refused by the memory bounds (message larger than allowed).</summary>
    Rejected,
}

/// <summary>Limits of <see cref="Jt808SubpackageAssembler"/>.</summary>
public sealed class Jt808SubpackageAssemblerOptions
{
    /// <summary>A message is dropped when no package arrived for this long (default 30 s).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Bytes held over all pending messages; the least recently updated are evicted beyond it (default 16 MiB).</summary>
    public long MaxPendingBytes { get; init; } = 16L << 20;

    /// <summary>Pending messages held; the least recently updated are evicted beyond it (default 4096).</summary>
    public int MaxPendingMessages { get; init; } = 4096;

    /// <summary>Largest package total accepted (default 4096 packages, about 4 MiB).</summary>
    public int MaxPackages { get; init; } = 4096;
}

/// <summary>A message reassembled from its packages.</summary>
/// <param name="Header">header of package 1 (still flagged as a subpackage, with its serial number).</param>
/// <param name="Body">the concatenated bodies.</param>
/// <param name="FirstSerial">serial number of package 1.</param>
public sealed record Jt808AssembledMessage(Jt808Header Header, ReadOnlyMemory<byte> Body, ushort FirstSerial);

/// <summary>
/// Reassembles subpackaged messages (header bit 13). Packages are grouped by phone, message ID and package total;
/// within that, by the first serial number (serial − index + 1) when terminals number packages consecutively, otherwise
/// by the most recent pending message still missing that index. Packages may arrive in any order. Pending messages
/// expire after <see cref="Jt808SubpackageAssemblerOptions.Timeout"/> without a new package and are evicted, least
/// recently updated first, beyond the memory bounds. Thread-safe.
/// </summary>
public sealed class Jt808SubpackageAssembler
{
    private readonly Jt808SubpackageAssemblerOptions _options;
    private readonly TimeProvider _time;
    private readonly Dictionary<Key, List<Pending>> _byKey = [];
    private readonly LinkedList<Pending> _lru = new();
    private readonly Lock _lock = new();
    private long _pendingBytes;

    /// <summary>Creates an assembler.</summary>
    public Jt808SubpackageAssembler(Jt808SubpackageAssemblerOptions? options = null, TimeProvider? timeProvider = null)
    {
        _options = options ?? new Jt808SubpackageAssemblerOptions();
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Messages waiting for packages.</summary>
    public int PendingCount
    {
        get { lock (_lock) return _lru.Count; }
    }

    /// <summary>Body bytes held for pending messages.</summary>
    public long PendingBytes
    {
        get { lock (_lock) return _pendingBytes; }
    }

    /// <summary>Pending messages dropped so far because of the timeout or the memory bounds.</summary>
    public long DroppedCount { get; private set; }

    /// <summary>
    /// Adds one package (the header and body of a valid frame). The body is copied. Returns
    /// <see cref="Jt808SubpackageStatus.Completed"/> with the message when this was the last missing package.
    /// </summary>
    public Jt808SubpackageStatus Add(in Jt808Header header, ReadOnlySpan<byte> body, out Jt808AssembledMessage? message)
    {
        message = null;
        int total = header.PackageTotal, index = header.PackageIndex;
        if (!header.IsSubpackage || total == 0 || index == 0 || index > total) return Jt808SubpackageStatus.Invalid;
        if (total > _options.MaxPackages || body.Length > _options.MaxPendingBytes) return Jt808SubpackageStatus.Rejected;

        lock (_lock)
        {
            long now = _time.GetTimestamp();
            RemoveExpired(now);
            var key = new Key(header.Phone, header.MessageId, (ushort)total);
            ushort firstSerial = (ushort)(header.SerialNumber - index + 1);
            if (!_byKey.TryGetValue(key, out var list))
            {
                list = [];
                _byKey.Add(key, list);
            }
            Pending? p = null;
            foreach (var candidate in list)
            {
                if (candidate.FirstSerial == firstSerial) { p = candidate; break; }
            }
            if (p is null)
            {
                for (int i = list.Count - 1; i >= 0; i--)
                {
                    if (list[i].Parts[index - 1] is null) { p = list[i]; break; }
                }
            }
            if (p is null)
            {
                p = new Pending(key, firstSerial, total);
                list.Add(p);
                p.Node = _lru.AddLast(p);
            }
            else if (p.Parts[index - 1] is not null)
            {
                return Jt808SubpackageStatus.Duplicate;
            }
            else
            {
                _lru.Remove(p.Node!);
                _lru.AddLast(p.Node!);
            }

            p.Parts[index - 1] = body.ToArray();
            p.Received++;
            p.Bytes += body.Length;
            p.LastUpdate = now;
            if (index == 1)
            {
                p.FirstHeader = header;
                p.FirstSerial = header.SerialNumber;
            }
            _pendingBytes += body.Length;

            if (p.Received == total)
            {
                Remove(p);
                var assembled = new byte[p.Bytes];
                int o = 0;
                foreach (var part in p.Parts)
                {
                    part!.CopyTo(assembled, o);
                    o += part.Length;
                }
                message = new Jt808AssembledMessage(p.FirstHeader, assembled, p.FirstSerial);
                return Jt808SubpackageStatus.Completed;
            }

            while (_lru.Count > 0 && (_pendingBytes > _options.MaxPendingBytes || _lru.Count > _options.MaxPendingMessages))
            {
                var oldest = _lru.First!.Value;
                Remove(oldest);
                DroppedCount++;
                if (oldest == p) return Jt808SubpackageStatus.Rejected;
            }
            return Jt808SubpackageStatus.Pending;
        }
    }

    /// <summary>Drops pending messages that timed out; returns how many. Also done on every <see cref="Add"/>.</summary>
    public int RemoveExpired()
    {
        lock (_lock) return RemoveExpired(_time.GetTimestamp());
    }

    private int RemoveExpired(long now)
    {
        int removed = 0;
        while (_lru.First is { } first && _time.GetElapsedTime(first.Value.LastUpdate, now) > _options.Timeout)
        {
            Remove(first.Value);
            DroppedCount++;
            removed++;
        }
        return removed;
    }

    private void Remove(Pending p)
    {
        _lru.Remove(p.Node!);
        _pendingBytes -= p.Bytes;
        var list = _byKey[p.Key];
        list.Remove(p);
        if (list.Count == 0) _byKey.Remove(p.Key);
    }

    private readonly record struct Key(Jt808Phone Phone, Jt808MessageId MessageId, ushort Total);

    private sealed class Pending(Key key, ushort firstSerial, int total)
    {
        public Key Key { get; } = key;
        public ushort FirstSerial { get; set; } = firstSerial;
        public byte[]?[] Parts { get; } = new byte[]?[total];
        public int Received { get; set; }
        public long Bytes { get; set; }
        public long LastUpdate { get; set; }
        public Jt808Header FirstHeader { get; set; }
        public LinkedListNode<Pending>? Node { get; set; }
    }
}
