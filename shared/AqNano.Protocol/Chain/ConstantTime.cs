namespace AqNano.Protocol.Chain
{
    /// <summary>Comparison whose time does not depend on where two digests differ, so that
    /// a verifier does not leak how much of a guessed commitment or tag was right.</summary>
    public static class ConstantTime
    {
        public static bool Equal(byte[] a, int aOffset, byte[] b, int bOffset, int length)
        {
            int difference = 0;
            for (int i = 0; i < length; i++) difference |= a[aOffset + i] ^ b[bOffset + i];
            return difference == 0;
        }
    }
}
