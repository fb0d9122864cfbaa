using ClientVpnExporter.Exposition;
using static ClientVpnExporter.Tests.Support.MetricsScrape;

namespace ClientVpnExporter.Tests.Exposition;

/// <summary>A gzip member kept in segments: sent as one standard member, and inflated back to exactly its input.</summary>
public class GzipMemberTests
{
    public static TheoryData<int> Sizes => [0, 1, 65_535, 65_536, 3_000_000];

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task Compress_ChunksOfAnySize_SentMemberAndInflatedAnswerBothGiveTheInputBack(int size)
    {
        // Text-like and not all alike, so the member spans many segments at the larger sizes.
        var random = new Random(size);
        var input = new byte[size];
        for (var i = 0; i < size; i++)
        {
            input[i] = (byte)(i % 61 == 60 ? '\n' : 'a' + random.Next(26));
        }

        var member = GzipMember.Compress(Chunks(input, 10_000));
        using var sent = new MemoryStream();
        await member.WriteToAsync(sent, CancellationToken.None);
        using var inflated = new MemoryStream();
        await member.WriteDecompressedToAsync(inflated, CancellationToken.None);

        Assert.Equal(member.Length, sent.Length);
        Assert.Equal(input, Gunzip(sent.ToArray()));
        Assert.Equal(input, inflated.ToArray());
    }

    private static IEnumerable<ReadOnlyMemory<byte>> Chunks(byte[] input, int size)
    {
        for (var offset = 0; offset < input.Length; offset += size)
        {
            yield return input.AsMemory(offset, Math.Min(size, input.Length - offset));
        }
    }
}
