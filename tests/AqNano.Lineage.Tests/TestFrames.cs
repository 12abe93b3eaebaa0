using AqNano.Protocol;
using AqNano.Protocol.Frames;

namespace AqNano.Lineage.Tests;

/// <summary>Wire format v1 frames with recognisable reveals (every reveal byte = a marker), written
/// by the shared codec. The chain values are not valid: the ledger and export never check them.</summary>
public static class TestFrames
{
    public const ushort AllFeatures = 0xFF;

    public static byte[] Chain(ulong deviceId, ulong epoch, uint seq, byte revealMarker, ushort featureMask = AllFeatures)
    {
        var frame = new Frame
        {
            Kind = seq == 0 ? FrameKind.Genesis : FrameKind.Observation,
            DeviceId = deviceId,
            Epoch = epoch,
            Seq = seq,
            UptimeUs = 1_000_000UL * seq,
            RequestedScope = Scopes.Observe | Scopes.Telemetry,
            FeatureMask = featureMask,
        };
        if (seq != 0) Array.Fill(frame.Reveal, revealMarker);
        Array.Fill(frame.Commit, (byte)0xC0);
        Array.Fill(frame.Tag, (byte)0x7A);
        return Write(frame);
    }

    public static byte[] Witness(ulong witnessId, ulong epoch, uint seq, byte revealMarker, ulong subjectId)
    {
        var frame = new Frame
        {
            Kind = FrameKind.Witness,
            DeviceId = witnessId,
            Epoch = epoch,
            Seq = seq,
            SubjectDeviceId = subjectId,
            SubjectEpoch = 1,
            SubjectSeq = 4,
            Rssi = -60,
            Path = WitnessPath.Radio,
        };
        Array.Fill(frame.Reveal, revealMarker);
        Array.Fill(frame.Commit, (byte)0xC0);
        Array.Fill(frame.Tag, (byte)0x7A);
        return Write(frame);
    }

    public static byte[] Decision(ulong deviceId, ulong epoch, uint seq)
        => Write(new Frame { Kind = FrameKind.Decision, DeviceId = deviceId, Epoch = epoch, Seq = seq, Mode = DecisionMode.AdmitRestricted, GrantedScope = Scopes.Observe });

    private static byte[] Write(Frame frame)
    {
        var buffer = new byte[frame.EncodedLength];
        if (FrameCodec.Write(frame, buffer, 0) != buffer.Length) throw new InvalidOperationException("codec refused the test frame");
        return buffer;
    }
}
