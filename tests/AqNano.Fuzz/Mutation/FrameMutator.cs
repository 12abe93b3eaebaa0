namespace AqNano.Fuzz.Mutation;

/// <summary>A seeded, structure-aware mutation fuzzer over v1 frames: each input is a seed frame
/// with one to four mutations stacked on it (or, now and then, the seed untouched). The same seed
/// gives the same input sequence on every machine (System.Random with a seed is stable), so a
/// failing index can be replayed.</summary>
public sealed class FrameMutator
{
    private static readonly MutationKind[] Kinds = Enum.GetValues<MutationKind>();
    private readonly IReadOnlyList<byte[]> seeds;
    private readonly Random random;
    private readonly WorkBuffer work = new();
    private readonly long[] applied = new long[Kinds.Length];

    public FrameMutator(IReadOnlyList<byte[]> seeds, int seed)
    {
        if (seeds.Count == 0) throw new ArgumentException("at least one seed frame is needed", nameof(seeds));
        this.seeds = seeds;
        random = new Random(seed);
    }

    /// <summary>How often each mutation was applied so far, indexed by <see cref="MutationKind"/>.</summary>
    public IReadOnlyList<long> Applied => applied;

    /// <summary>The next input: a fresh array the caller may keep.</summary>
    public byte[] Next()
    {
        work.Load(seeds[random.Next(seeds.Count)]);
        if (random.Next(64) != 0)
        {
            int stack = 1 + random.Next(4);
            for (int i = 0; i < stack; i++) Apply(Kinds[random.Next(Kinds.Length)]);
        }
        return work.ToArray();
    }

    private void Apply(MutationKind kind)
    {
        applied[(int)kind]++;
        switch (kind)
        {
            case MutationKind.BitFlip: ByteMutations.BitFlip(work, random); break;
            case MutationKind.ByteSet: ByteMutations.ByteSet(work, random); break;
            case MutationKind.Truncate: ByteMutations.Truncate(work, random); break;
            case MutationKind.Extend: ByteMutations.Extend(work, random); break;
            case MutationKind.Delete: ByteMutations.Delete(work, random); break;
            case MutationKind.Splice: ByteMutations.Splice(work, random, seeds); break;
            case MutationKind.HeaderField: FieldMutations.HeaderField(work, random); break;
            case MutationKind.BodyField: FieldMutations.BodyField(work, random); break;
            case MutationKind.FeatureMaskGame: FieldMutations.FeatureMaskGame(work, random); break;
            case MutationKind.KindSwap: FieldMutations.KindSwap(work, random); break;
            case MutationKind.LinkOrderGame: FieldMutations.LinkOrderGame(work, random); break;
            default: throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }
}
