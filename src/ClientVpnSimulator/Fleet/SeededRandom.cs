using System.Numerics;

namespace ClientVpnSimulator.Fleet;

/// <summary>
/// A small seeded generator (xoshiro256**) whose sequence is fixed by its seed on every
/// platform and runtime version, unlike <see cref="Random"/>, whose algorithm may change.
/// </summary>
internal sealed class SeededRandom
{
    private ulong s0;
    private ulong s1;
    private ulong s2;
    private ulong s3;

    /// <summary>Creates a generator whose whole sequence follows from <paramref name="seed"/>.</summary>
    public SeededRandom(ulong seed)
    {
        // SplitMix64 spreads any seed, 0 included, over the whole 256-bit state.
        this.s0 = SplitMix(ref seed);
        this.s1 = SplitMix(ref seed);
        this.s2 = SplitMix(ref seed);
        this.s3 = SplitMix(ref seed);
    }

    /// <summary>A uniformly distributed 64-bit value.</summary>
    public ulong NextUInt64()
    {
        var result = BitOperations.RotateLeft(this.s1 * 5, 7) * 9;
        var t = this.s1 << 17;
        this.s2 ^= this.s0;
        this.s3 ^= this.s1;
        this.s1 ^= this.s2;
        this.s0 ^= this.s3;
        this.s2 ^= t;
        this.s3 = BitOperations.RotateLeft(this.s3, 45);
        return result;
    }

    /// <summary>A uniformly distributed value in [0, 1).</summary>
    public double NextDouble() => (this.NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniformly distributed value in [0, <paramref name="maxExclusive"/>).</summary>
    public int NextInt(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        return (int)this.NextLong(0, maxExclusive);
    }

    /// <summary>A uniformly distributed value in [<paramref name="minInclusive"/>, <paramref name="maxExclusive"/>).</summary>
    public long NextLong(long minInclusive, long maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxExclusive, minInclusive);
        var range = (ulong)(maxExclusive - minInclusive);
        // Multiply-shift maps 64 random bits onto the range; the bias is below 2^-40 for any range used here.
        var scaled = (ulong)(((UInt128)this.NextUInt64() * range) >> 64);
        return minInclusive + (long)scaled;
    }

    /// <summary>True with probability <paramref name="probability"/>.</summary>
    public bool NextBool(double probability) => this.NextDouble() < probability;

    /// <summary>An exponentially distributed value with the given mean.</summary>
    public double NextExponential(double mean) => -mean * Math.Log(1.0 - this.NextDouble());

    /// <summary>A value whose logarithm is uniform between the logarithms of the bounds.</summary>
    public double NextLogUniform(double min, double max) =>
        Math.Exp(Math.Log(min) + (this.NextDouble() * (Math.Log(max) - Math.Log(min))));

    /// <summary><paramref name="digits"/> random lowercase hexadecimal digits.</summary>
    public string NextHex(int digits)
    {
        return string.Create(digits, this, static (span, random) =>
        {
            ulong bits = 0;
            var left = 0;
            for (var i = 0; i < span.Length; i++)
            {
                if (left == 0)
                {
                    bits = random.NextUInt64();
                    left = 16;
                }

                span[i] = "0123456789abcdef"[(int)(bits & 0xF)];
                bits >>= 4;
                left--;
            }
        });
    }

    private static ulong SplitMix(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        var z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
