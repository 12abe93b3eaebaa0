using AqNano.Fuzz.Corpus;
using AqNano.Fuzz.Mutation;

namespace AqNano.Fuzz.Tests;

public class FrameMutatorTests
{
    private static readonly IReadOnlyList<byte[]> Seeds = SeedCorpus.Load();

    [Fact]
    public void The_same_seed_gives_the_same_inputs_so_a_failing_index_can_be_replayed()
    {
        var first = new FrameMutator(Seeds, 42);
        var second = new FrameMutator(Seeds, 42);
        for (int i = 0; i < 2_000; i++) Assert.Equal(first.Next(), second.Next());
    }

    [Fact]
    public void Different_seeds_give_different_inputs()
    {
        var first = new FrameMutator(Seeds, 1);
        var second = new FrameMutator(Seeds, 2);
        int same = Enumerable.Range(0, 200).Count(_ => first.Next().AsSpan().SequenceEqual(second.Next()));
        Assert.True(same < 20, $"{same} of 200 inputs were equal");
    }

    [Fact]
    public void Every_mutation_kind_is_used()
    {
        var mutator = new FrameMutator(Seeds, 7);
        for (int i = 0; i < 5_000; i++) mutator.Next();
        foreach (MutationKind kind in Enum.GetValues<MutationKind>()) Assert.True(mutator.Applied[(int)kind] > 100, $"{kind} applied {mutator.Applied[(int)kind]} times");
    }

    [Fact]
    public void Inputs_vary_in_length_on_both_sides_of_every_frame_size()
    {
        var mutator = new FrameMutator(Seeds, 3);
        var lengths = Enumerable.Range(0, 20_000).Select(_ => mutator.Next().Length).ToHashSet();
        foreach (int length in new[] { 0, 31, 32, 67, 68, 69, 133, 134, 165, 166, 167, 183, 184, 185 }) Assert.Contains(length, lengths);
    }

    [Fact]
    public void The_seeds_hold_every_reference_frame_once()
    {
        // A Genesis, five Observations, a Witness and a Decision (tests/vectors/aqnano-v1-reference.json).
        IReadOnlyList<byte[]> reference = ReferenceSeeds.Load();
        Assert.Equal([1, 2, 2, 2, 2, 2, 3, 4], reference.Select(frame => (int)frame[3]));
        foreach (byte[] frame in reference) Assert.Contains(Seeds, seed => seed.AsSpan().SequenceEqual(frame));
        Assert.Equal(Seeds.Count, Seeds.Select(Convert.ToHexString).Distinct().Count());
    }

    [Fact]
    public void A_frame_string_that_is_not_hex_is_skipped()
    {
        string folder = Directory.CreateTempSubdirectory("aqnano-seeds").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "v.json"), """{ "labels": { "frame": "AQ1/frame" }, "chain": [ { "frame": "4151" }, { "frame": "abc" } ] }""");
            Assert.Equal([new byte[] { 0x41, 0x51 }], SeedCorpus.Load(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
