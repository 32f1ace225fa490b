using System.Buffers;

namespace GreenFreight.Jt808.Tests;

/// <summary>The frame reader on a byte stream: split frames, garbage, back-to-back frames, oversized frames.</summary>
public sealed class StreamSplittingTests
{
    private static readonly FrameRow[] ValidRows = FramesTsv.Rows.Where(r => r.Has("message_id") && r.IsValidFrame).ToArray();

    private readonly record struct Seen(Jt808FrameStatus Status, Jt808Header Header, string Payload, int WireLength);

    private static Seen Describe(in Jt808Frame f) => new(f.Status, f.Header, Convert.ToHexString(f.Payload.Span), f.WireLength);

    private static List<Seen> ReadAllSpan(ReadOnlySpan<byte> data, Jt808FrameReaderOptions? options = null)
    {
        using var reader = new Jt808FrameReader(options);
        var seen = new List<Seen>();
        while (reader.TryReadFrame(data, out int consumed, out var frame))
        {
            Assert.True(consumed > 0);
            seen.Add(Describe(frame));
            data = data.Slice(consumed);
        }
        return seen;
    }

    /// <summary>Feeds the stream in the given chunks like a pipe: unconsumed bytes stay and new bytes are appended as a new segment.</summary>
    private static List<Seen> ReadAllChunked(byte[] stream, IEnumerable<int> cuts, Jt808FrameReaderOptions? options = null)
    {
        using var reader = new Jt808FrameReader(options);
        var seen = new List<Seen>();
        var pending = new List<ReadOnlyMemory<byte>>();
        int last = 0;
        foreach (int cut in cuts.Append(stream.Length))
        {
            if (cut < last) continue;
            pending.Add(stream.AsMemory(last, cut - last));
            last = cut;
            var buffer = TestSequences.Of([.. pending]);
            long before = buffer.Length;
            while (reader.TryReadFrame(ref buffer, out var frame))
            {
                Assert.True(buffer.Length < before);
                before = buffer.Length;
                seen.Add(Describe(frame));
            }
            // Keep the unconsumed tail as the pending segments.
            pending.Clear();
            foreach (var segment in buffer) pending.Add(segment);
        }
        return seen;
    }

    [Fact]
    public void Every_frame_split_at_every_byte_across_two_segments()
    {
        foreach (var row in ValidRows)
        {
            var wire = row.Wire;
            var expected = ReadAllSpan(wire);
            Assert.Single(expected);
            for (int cut = 0; cut <= wire.Length; cut++)
            {
                using var reader = new Jt808FrameReader();
                var buffer = TestSequences.Of(wire.AsMemory(0, cut), wire.AsMemory(cut));
                Assert.True(reader.TryReadFrame(ref buffer, out var frame), $"row {row.Number} cut {cut}");
                Assert.Equal(expected[0], Describe(frame));
                Assert.Equal(1, buffer.Length);

                // Pipe-style: first only the head arrives, then the rest.
                Assert.Equal(expected, ReadAllChunked(wire, [cut]));
            }
        }
    }

    [Fact]
    public void All_frames_in_one_stream_in_random_chunks_match_the_single_buffer_read()
    {
        var stream = ValidRows.SelectMany(r => r.Wire).ToArray();
        var expected = ReadAllSpan(stream);
        Assert.Equal(ValidRows.Length, expected.Count);
        Assert.All(expected, s => Assert.Equal(Jt808FrameStatus.Ok, s.Status));
        var random = new Random(1);
        for (int round = 0; round < 200; round++)
        {
            var cuts = Enumerable.Range(0, random.Next(1, 60)).Select(_ => random.Next(stream.Length)).Order().ToList();
            Assert.Equal(expected, ReadAllChunked(stream, cuts));
        }
        Assert.Equal(expected, ReadAllChunked(stream, Enumerable.Range(1, stream.Length - 1))); // one byte at a time
    }

    [Fact]
    public void Back_to_back_frames_with_separate_or_shared_delimiters()
    {
        var a = FramesTsv.Row(1).Wire;
        var b = FramesTsv.Row(21).Wire;
        var separate = ReadAllSpan([.. a, .. b, .. a]);
        Assert.Equal([Jt808MessageId.LocationReport, Jt808MessageId.Heartbeat, Jt808MessageId.LocationReport], separate.Select(s => s.Header.MessageId));
        Assert.All(separate, s => Assert.Equal(Jt808FrameStatus.Ok, s.Status));

        var shared = ReadAllSpan([.. a, .. b.AsSpan(1), .. a.AsSpan(1)]); // 7E A 7E B 7E A 7E
        Assert.Equal(separate.Select(s => (s.Status, s.Header, s.Payload)), shared.Select(s => (s.Status, s.Header, s.Payload)));

        var doubled = ReadAllSpan([0x7E, 0x7E, .. a, 0x7E, 0x7E, 0x7E, .. b]);
        Assert.Equal(separate.Take(2).Select(s => s.Payload), doubled.Select(s => s.Payload));
    }

    [Fact]
    public void Garbage_between_frames_is_skipped_and_reading_resynchronises()
    {
        var random = new Random(2);
        var frames = ValidRows.Select(r => r.Wire).ToArray();
        for (int round = 0; round < 200; round++)
        {
            var stream = new List<byte>();
            var expectedPayloads = new List<string>();
            foreach (var frame in frames.OrderBy(_ => random.Next()).Take(10))
            {
                // Garbage without delimiters is discarded silently.
                for (int i = random.Next(0, 20); i > 0; i--) stream.Add((byte)(random.Next(0, 0x7D)));
                stream.AddRange(frame);
                expectedPayloads.Add(Convert.ToHexString(Unescaped(frame)));
            }
            var seen = ReadAllChunked([.. stream], Enumerable.Range(0, 5).Select(_ => random.Next(stream.Count)).Order());
            // Garbage after a frame sits between its closing 7E and the next opening 7E: a rejected frame, not a lost one.
            Assert.Equal(expectedPayloads, seen.Where(s => s.Status == Jt808FrameStatus.Ok).Select(s => s.Payload));
        }
    }

    [Fact]
    public void Garbage_containing_delimiters_and_escapes_does_not_lose_the_following_frame()
    {
        var a = FramesTsv.Row(3).Wire;
        byte[] garbage = [0x7E, 0x7D, 0x7D, 0x7E, 0x01, 0x7E, 0x7D, 0x02, 0x33, 0x7D];
        var seen = ReadAllSpan([.. garbage, .. a, .. garbage, .. a, 0x7D, 0x7E, .. a]);
        Assert.Equal(3, seen.Count(s => s.Status == Jt808FrameStatus.Ok));
    }

    [Fact]
    public void A_stream_that_lost_a_closing_delimiter_recovers_at_the_next_frame()
    {
        var a = FramesTsv.Row(1).Wire;
        var b = FramesTsv.Row(23).Wire;
        var seen = ReadAllSpan([.. a.AsSpan(0, 20), .. b, .. a]); // A cut short, B, A
        Assert.Equal([Jt808FrameStatus.BodyLengthMismatch, Jt808FrameStatus.Ok, Jt808FrameStatus.Ok], seen.Select(s => s.Status));
        Assert.Equal(Jt808MessageId.TerminalGeneralReply, seen[1].Header.MessageId);
    }

    [Fact]
    public void Frame_longer_than_the_maximum_is_rejected_and_skipped()
    {
        var options = new Jt808FrameReaderOptions { MaxFrameLength = 64 };
        var small = FramesTsv.Row(23).Wire;
        var big = FramesTsv.Row(3).Wire; // 92-byte body
        Assert.True(big.Length > 64);

        // Closing delimiter present: the big one is reported TooLong, the next frame decodes.
        var seen = ReadAllSpan([.. small, .. big, .. small], options);
        Assert.Equal([Jt808FrameStatus.Ok, Jt808FrameStatus.TooLong, Jt808FrameStatus.Ok], seen.Select(s => s.Status));

        // No delimiter within twice the maximum: the run is skipped without waiting for its end.
        var endless = new byte[1000];
        Array.Fill(endless, (byte)0x41);
        using var reader = new Jt808FrameReader(options);
        var buffer = new ReadOnlySequence<byte>([.. small, .. endless]);
        Assert.True(reader.TryReadFrame(ref buffer, out var f1));
        Assert.True(f1.IsValid);
        Assert.True(reader.TryReadFrame(ref buffer, out var f2));
        Assert.Equal(Jt808FrameStatus.TooLong, f2.Status);
        Assert.False(reader.TryReadFrame(ref buffer, out _));
        Assert.Equal(0, buffer.Length);

        // A partial frame below the limit waits for more data and keeps its opening delimiter.
        var partial = new ReadOnlySequence<byte>(small.AsMemory(0, 10));
        Assert.False(reader.TryReadFrame(ref partial, out _));
        Assert.Equal(10, partial.Length);
    }

    [Fact]
    public void Unescaped_frame_longer_than_the_buffer_is_too_long()
    {
        var options = new Jt808FrameReaderOptions { MaxFrameLength = 40 };
        var big = FramesTsv.Row(1).Wire; // 51 bytes un-escaped
        Assert.Equal(Jt808FrameStatus.TooLong, ReadAllSpan(big, options).Single().Status);
    }

    [Fact]
    public void Counters_track_frames_and_garbage()
    {
        var a = FramesTsv.Row(1).Wire;
        using var reader = new Jt808FrameReader();
        ReadOnlySpan<byte> data = [1, 2, 3, .. a, .. FramesTsv.Row(56).Wire];
        while (reader.TryReadFrame(data, out int consumed, out _)) data = data.Slice(consumed);
        Assert.Equal(1, reader.FramesRead);
        Assert.Equal(1, reader.FramesRejected);
        Assert.Equal(3, reader.DiscardedBytes);
    }

    [Fact]
    public void Escaping_round_trips_every_byte_value()
    {
        byte[] all = [.. Enumerable.Range(0, 256).Select(i => (byte)i), 0x7E, 0x7D, 0x7D, 0x7E];
        var escaped = new byte[Jt808Escaping.GetEscapedLength(all)];
        Assert.True(Jt808Escaping.TryEscape(all, escaped, out int n));
        Assert.Equal(escaped.Length, n);
        Assert.DoesNotContain((byte)0x7E, escaped);
        var back = new byte[all.Length];
        Assert.Equal(Jt808FrameStatus.Ok, Jt808Escaping.TryUnescape(escaped, back, out int m));
        Assert.Equal(all, back.AsSpan(0, m).ToArray());
        Assert.Equal(Jt808FrameStatus.InvalidEscape, Jt808Escaping.TryUnescape([0x01, 0x7D], back, out _));
        Assert.Equal(Jt808FrameStatus.InvalidEscape, Jt808Escaping.TryUnescape([0x7D, 0x00], back, out _));
    }

    private static byte[] Unescaped(byte[] wire)
    {
        var buffer = new byte[wire.Length];
        Assert.Equal(Jt808FrameStatus.Ok, Jt808Escaping.TryUnescape(wire.AsSpan(1, wire.Length - 2), buffer, out int n));
        return buffer.AsSpan(0, n).ToArray();
    }
}
