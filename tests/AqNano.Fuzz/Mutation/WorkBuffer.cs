using System.Buffers.Binary;

namespace AqNano.Fuzz.Mutation;

/// <summary>A growable byte string the mutations edit in place. Field writes that do not fit
/// the current length are skipped: a mutation never makes a frame longer by accident.</summary>
internal sealed class WorkBuffer
{
    private byte[] bytes = new byte[512];

    public int Length { get; private set; }

    public byte this[int index]
    {
        get => bytes[index];
        set => bytes[index] = value;
    }

    public void Load(byte[] source)
    {
        EnsureCapacity(source.Length);
        source.CopyTo(bytes, 0);
        Length = source.Length;
    }

    public byte[] ToArray() => bytes.AsSpan(0, Length).ToArray();

    public Span<byte> Slice(int offset, int count) => bytes.AsSpan(offset, count);

    public bool Fits(int offset, int count) => offset >= 0 && count >= 0 && offset + count <= Length;

    public void Truncate(int length) => Length = Math.Clamp(length, 0, Length);

    /// <summary>Inserts <paramref name="count"/> bytes at <paramref name="offset"/>, filled by <paramref name="random"/> (zeros when null).</summary>
    public void Insert(int offset, int count, Random? random)
    {
        offset = Math.Clamp(offset, 0, Length);
        EnsureCapacity(Length + count);
        Array.Copy(bytes, offset, bytes, offset + count, Length - offset);
        Span<byte> gap = bytes.AsSpan(offset, count);
        if (random is null) gap.Clear(); else random.NextBytes(gap);
        Length += count;
    }

    public void Remove(int offset, int count)
    {
        if (!Fits(offset, count)) return;
        Array.Copy(bytes, offset + count, bytes, offset, Length - offset - count);
        Length -= count;
    }

    /// <summary>Grows (with random bytes) or shrinks the end so that the string is <paramref name="length"/> long.</summary>
    public void ResizeTo(int length, Random random)
    {
        if (length < Length) Truncate(length);
        else if (length > Length) Insert(Length, length - Length, random);
    }

    public void WriteUInt16(int offset, ushort value)
    {
        if (Fits(offset, 2)) BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(offset), value);
    }

    public void WriteUInt32(int offset, uint value)
    {
        if (Fits(offset, 4)) BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(offset), value);
    }

    public void WriteUInt64(int offset, ulong value)
    {
        if (Fits(offset, 8)) BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(offset), value);
    }

    public ushort ReadUInt16(int offset) => Fits(offset, 2) ? BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(offset)) : (ushort)0;

    private void EnsureCapacity(int needed)
    {
        if (needed > bytes.Length) Array.Resize(ref bytes, Math.Max(needed, bytes.Length * 2));
    }
}
