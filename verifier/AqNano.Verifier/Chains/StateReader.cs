using System.Buffers.Binary;

namespace AqNano.Verifier.Chains;

/// <summary>Sequential little-endian reader over a fixed state buffer; the mirror of <see cref="StateWriter"/>.</summary>
internal ref struct StateReader(ReadOnlySpan<byte> buffer)
{
    private readonly ReadOnlySpan<byte> _buffer = buffer;
    public int Position { get; private set; }

    public byte U8() => _buffer[Position++];
    public ushort U16() { ushort v = BinaryPrimitives.ReadUInt16LittleEndian(_buffer[Position..]); Position += 2; return v; }
    public uint U32() { uint v = BinaryPrimitives.ReadUInt32LittleEndian(_buffer[Position..]); Position += 4; return v; }
    public ulong U64() { ulong v = BinaryPrimitives.ReadUInt64LittleEndian(_buffer[Position..]); Position += 8; return v; }
    public long I64() { long v = BinaryPrimitives.ReadInt64LittleEndian(_buffer[Position..]); Position += 8; return v; }
    public float F32() { float v = BinaryPrimitives.ReadSingleLittleEndian(_buffer[Position..]); Position += 4; return v; }
    public void Bytes(Span<byte> target) { _buffer.Slice(Position, target.Length).CopyTo(target); Position += target.Length; }
}
