namespace AqNano.Protocol
{
    /// <summary>Scope bits of requestedScope and grantedScope (DESIGN.md "Wire format v1").</summary>
    public static class Scopes
    {
        public const ushort None = 0x00;
        /// <summary>Chain frames: always granted, so that a device can keep building continuity.</summary>
        public const ushort Observe = 0x01;
        public const ushort Telemetry = 0x02;
        public const ushort Config = 0x04;
        public const ushort Actuate = 0x08;
        public const ushort Update = 0x10;
        public const ushort All = Observe | Telemetry | Config | Actuate | Update;
        /// <summary>Bits v1 does not define; a frame with any of them set is refused.</summary>
        public const ushort ReservedMask = unchecked((ushort)~All);

        public static bool Has(ushort granted, ushort scope)
        {
            return (granted & scope) == scope;
        }
    }
}
