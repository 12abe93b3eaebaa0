using AqNano.Protocol;
using AqNano.Protocol.Frames;

namespace AqNano.Fuzz.Mutation;

/// <summary>Mutations that know wire format v1 (DESIGN.md "Wire format v1"): they edit one field of
/// the kind the frame declares, so that the input gets past the header and reaches the body checks.</summary>
internal static class FieldMutations
{
    public static void HeaderField(WorkBuffer work, Random random)
    {
        switch (random.Next(7))
        {
            case 0: work.WriteUInt16(FrameLayout.MagicOffset, (ushort)random.Next(0x10000)); break;
            case 1: SetByte(work, FrameLayout.VersionOffset, random); break;
            case 2: SetByte(work, FrameLayout.KindOffset, random); break;
            case 3: work.WriteUInt64(FrameLayout.DeviceIdOffset, UInt64(random)); break;
            case 4: work.WriteUInt64(FrameLayout.EpochOffset, UInt64(random)); break;
            case 5: work.WriteUInt32(FrameLayout.SeqOffset, UInt32(random)); break;
            default: work.WriteUInt64(FrameLayout.UptimeOffset, UInt64(random)); break;
        }
    }

    public static void BodyField(WorkBuffer work, Random random)
    {
        switch (DeclaredKind(work))
        {
            case FrameKind.Genesis:
            case FrameKind.Observation:
                ChainBody(work, random);
                break;
            case FrameKind.Witness:
                WitnessBody(work, random);
                break;
            default:
                DecisionBody(work, random);
                break;
        }
    }

    /// <summary>A new featureMask; the feature area then matches it, keeps its old size, or is four bytes off.</summary>
    public static void FeatureMaskGame(WorkBuffer work, Random random)
    {
        if (!work.Fits(FrameLayout.FeatureMaskOffset, 2)) return;
        ushort before = work.ReadUInt16(FrameLayout.FeatureMaskOffset);
        ushort after = random.Next(4) switch
        {
            0 => (ushort)random.Next(0x10000),
            1 => ByteMutations.Pick(Boundaries.UInt16s, random),
            _ => (ushort)random.Next(0x100),
        };
        work.WriteUInt16(FrameLayout.FeatureMaskOffset, after);
        int delta = 4 * (Features.CountPresent(after) - Features.CountPresent(before));
        int choice = random.Next(4);
        if (choice == 3) return;
        if (choice == 2) delta += random.Next(2) == 0 ? 4 : -4;
        if (delta > 0) work.Insert(FrameLayout.FeaturesOffset, delta, random);
        else if (delta < 0) work.Remove(FrameLayout.FeaturesOffset, Math.Min(-delta, Math.Max(0, work.Length - FrameLayout.FeaturesOffset)));
    }

    /// <summary>Another kind, resized to that kind's length so that its body checks run on foreign bytes.</summary>
    public static void KindSwap(WorkBuffer work, Random random)
    {
        if (work.Length <= FrameLayout.KindOffset) return;
        var kind = (FrameKind)random.Next(1, 5);
        work[FrameLayout.KindOffset] = (byte)kind;
        int length = kind switch
        {
            FrameKind.Witness => FrameLayout.WitnessSize,
            FrameKind.Decision => FrameLayout.DecisionSize,
            _ => FrameLayout.ChainFrameSize((ushort)(work.ReadUInt16(FrameLayout.FeatureMaskOffset) & Features.AllMask)),
        };
        work.ResizeTo(length, random);
    }

    /// <summary>The rule "seq 0 iff Genesis iff the reveal is all zero", made to hold or broken on one corner.</summary>
    public static void LinkOrderGame(WorkBuffer work, Random random)
    {
        int reveal = RevealOffset(work);
        if (!work.Fits(reveal, FrameLayout.DigestSize)) return;
        bool genesis = random.Next(2) == 0;
        if (random.Next(2) == 0 && work.Length > FrameLayout.KindOffset) work[FrameLayout.KindOffset] = (byte)(genesis ? FrameKind.Genesis : FrameKind.Observation);
        if (random.Next(2) == 0) work.WriteUInt32(FrameLayout.SeqOffset, genesis ? 0u : (uint)random.Next(1, 100));
        Span<byte> revealBytes = work.Slice(reveal, FrameLayout.DigestSize);
        if (random.Next(2) == 0)
        {
            if (genesis) revealBytes.Clear(); else random.NextBytes(revealBytes);
        }
        if (random.Next(4) == 0)
        {
            revealBytes.Clear();
            revealBytes[random.Next(FrameLayout.DigestSize)] = (byte)random.Next(1, 256);
        }
    }

    private static void ChainBody(WorkBuffer work, Random random)
    {
        ushort mask = work.ReadUInt16(FrameLayout.FeatureMaskOffset);
        int link = RevealOffset(work);
        switch (random.Next(7))
        {
            case 0: SetByte(work, FrameLayout.FlagsOffset, random); break;
            case 1: SetByte(work, FrameLayout.ResetCauseOffset, random); break;
            case 2: work.WriteUInt16(FrameLayout.RequestedScopeOffset, Scope(random)); break;
            case 3:
                int present = Features.CountPresent(mask);
                if (present > 0) work.WriteUInt32(FrameLayout.FeaturesOffset + 4 * random.Next(present), (uint)ByteMutations.Pick(Boundaries.Int32s, random));
                break;
            default: Digest(work, link + FrameLayout.DigestSize * random.Next(3), random); break;
        }
    }

    private static void WitnessBody(WorkBuffer work, Random random)
    {
        switch (random.Next(8))
        {
            case 0: work.WriteUInt64(FrameLayout.SubjectDeviceIdOffset, UInt64(random)); break;
            case 1: work.WriteUInt64(FrameLayout.SubjectEpochOffset, UInt64(random)); break;
            case 2: work.WriteUInt32(FrameLayout.SubjectSeqOffset, UInt32(random)); break;
            case 3: work.WriteUInt16(FrameLayout.RssiOffset, ByteMutations.Pick(Boundaries.UInt16s, random)); break;
            case 4: SetByte(work, FrameLayout.PathOffset, random); break;
            case 5: SetByte(work, FrameLayout.WitnessReservedOffset, random); break;
            case 6: Digest(work, FrameLayout.SubjectDigestOffset, random); break;
            default: Digest(work, FrameLayout.WitnessRevealOffset + FrameLayout.DigestSize * random.Next(3), random); break;
        }
    }

    private static void DecisionBody(WorkBuffer work, Random random)
    {
        switch (random.Next(4))
        {
            case 0: SetByte(work, FrameLayout.ModeOffset, random); break;
            case 1: SetByte(work, FrameLayout.ReasonOffset, random); break;
            case 2: work.WriteUInt16(FrameLayout.GrantedScopeOffset, Scope(random)); break;
            default: Digest(work, FrameLayout.AckDigestOffset, random); break;
        }
    }

    private static FrameKind DeclaredKind(WorkBuffer work) =>
        work.Length > FrameLayout.KindOffset ? (FrameKind)work[FrameLayout.KindOffset] : FrameKind.Genesis;

    private static int RevealOffset(WorkBuffer work) => DeclaredKind(work) == FrameKind.Witness
        ? FrameLayout.WitnessRevealOffset
        : FrameLayout.ChainRevealOffset(work.ReadUInt16(FrameLayout.FeatureMaskOffset));

    private static void SetByte(WorkBuffer work, int offset, Random random)
    {
        if (work.Fits(offset, 1)) work[offset] = random.Next(3) == 0 ? (byte)random.Next(256) : ByteMutations.Pick(Boundaries.Bytes, random);
    }

    /// <summary>A defined scope combination most of the time, a reserved bit otherwise.</summary>
    private static ushort Scope(Random random) => random.Next(3) == 0
        ? ByteMutations.Pick(Boundaries.UInt16s, random)
        : (ushort)(random.Next(0x20) | Scopes.Observe);

    private static void Digest(WorkBuffer work, int offset, Random random)
    {
        if (!work.Fits(offset, FrameLayout.DigestSize)) return;
        Span<byte> digest = work.Slice(offset, FrameLayout.DigestSize);
        switch (random.Next(3))
        {
            case 0: digest.Clear(); break;
            case 1: digest[random.Next(FrameLayout.DigestSize)] ^= (byte)(1 << random.Next(8)); break;
            default: random.NextBytes(digest); break;
        }
    }

    private static ulong UInt64(Random random) => random.Next(2) == 0 ? ByteMutations.Pick(Boundaries.UInt64s, random) : (ulong)random.NextInt64();

    private static uint UInt32(Random random) => random.Next(2) == 0 ? ByteMutations.Pick(Boundaries.UInt32s, random) : (uint)random.Next();
}
