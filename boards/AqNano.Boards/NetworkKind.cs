namespace AqNano.Boards
{
    /// <summary>How a board reaches the broker.</summary>
    public enum NetworkKind : byte
    {
        Wifi = 1,
        Ethernet = 2,
    }
}
