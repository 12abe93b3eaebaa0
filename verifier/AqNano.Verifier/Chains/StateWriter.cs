using System.Buffers.Binary;

namespace AqNano.Verifier.Chains;

/// <summary>Sequential little-endian writer over a fixed state buffer.</summary>
internal ref struct StateWriter(Span<byte> buffer)
{
    private readonly Span<byte> _buffer = buffer;
    public int Position { get; private set; }

    public void U8(byte value) { _buffer[Position++] = value; }
    public void U16(ushort value) { BinaryPrimitives.WriteUInt16LittleEndian(_buffer[Position..], value); Position += 2; }
    public void U32(uint value) { BinaryPrimitives.WriteUInt32LittleEndian(_buffer[Position..], value); Position += 4; }
    public void U64(ulong value) { BinaryPrimitives.WriteUInt64LittleEndian(_buffer[Position..], value); Position += 8; }
    public void I64(long value) { BinaryPrimitives.WriteInt64LittleEndian(_buffer[Position..], value); Position += 8; }
    public void F32(float value) { BinaryPrimitives.WriteSingleLittleEndian(_buffer[Position..], value); Position += 4; }
    public void Bytes(ReadOnlySpan<byte> value) { value.CopyTo(_buffer[Position..]); Position += value.Length; }
}
