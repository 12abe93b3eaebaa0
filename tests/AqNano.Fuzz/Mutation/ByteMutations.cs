namespace AqNano.Fuzz.Mutation;

/// <summary>Layout-blind mutations, as AFL's havoc stage does them.</summary>
internal static class ByteMutations
{
    public static void BitFlip(WorkBuffer work, Random random)
    {
        if (work.Length == 0) return;
        int flips = random.Next(1, 9);
        for (int i = 0; i < flips; i++)
        {
            int at = random.Next(work.Length);
            work[at] ^= (byte)(1 << random.Next(8));
        }
    }

    public static void ByteSet(WorkBuffer work, Random random)
    {
        if (work.Length == 0) return;
        int at = random.Next(work.Length);
        work[at] = random.Next(2) == 0 ? Pick(Boundaries.Bytes, random) : (byte)random.Next(256);
    }

    public static void Truncate(WorkBuffer work, Random random)
    {
        int length = random.Next(3) == 0 ? random.Next(work.Length + 1) : Pick(Boundaries.Lengths, random);
        work.Truncate(length);
    }

    public static void Extend(WorkBuffer work, Random random)
    {
        int count = random.Next(4) == 0 ? random.Next(1, 300) : random.Next(1, 9);
        int at = random.Next(2) == 0 ? work.Length : random.Next(work.Length + 1);
        work.Insert(at, count, random.Next(4) == 0 ? null : random);
    }

    public static void Delete(WorkBuffer work, Random random)
    {
        if (work.Length == 0) return;
        int at = random.Next(work.Length);
        work.Remove(at, random.Next(1, Math.Min(33, work.Length - at + 1)));
    }

    /// <summary>This frame up to a cut, then another seed from a cut of its own (often the same offset,
    /// so that a header of one kind meets the body of another at the right place).</summary>
    public static void Splice(WorkBuffer work, Random random, IReadOnlyList<byte[]> seeds)
    {
        byte[] other = seeds[random.Next(seeds.Count)];
        int cut = random.Next(work.Length + 1);
        int from = random.Next(2) == 0 ? Math.Min(cut, other.Length) : random.Next(other.Length + 1);
        work.Truncate(cut);
        int count = other.Length - from;
        work.Insert(cut, count, null);
        other.AsSpan(from, count).CopyTo(work.Slice(cut, count));
    }

    public static T Pick<T>(T[] values, Random random) => values[random.Next(values.Length)];
}
